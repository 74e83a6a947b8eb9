gap
--soa
tests/golden/gap/data/soa-semicolon.csv
--delimiter
,
--as-of
2025-09-30
