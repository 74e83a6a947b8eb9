catalog
ir_2024_2690
--format
csv
