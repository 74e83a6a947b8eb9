coverage
--ir-2024-2690
--format
json
