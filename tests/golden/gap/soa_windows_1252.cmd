gap
--soa
tests/golden/gap/data/soa-windows-1252.csv
--as-of
2025-09-30
--format
json
