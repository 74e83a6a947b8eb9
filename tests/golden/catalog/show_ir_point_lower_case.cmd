show
ir 2024/2690 annex 5.1.4
