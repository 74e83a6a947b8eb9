coverage
--ir-2024-2690
