gap
--soa
tests/golden/gap/data/soa-windows-1252.csv
--encoding
ebcdic
--as-of
2025-09-30
