show
IR 2024/2690 Annex 5.1.4
