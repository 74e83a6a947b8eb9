gap
--soa
tests/golden/gap/data/soa-semicolon.csv
--as-of
2025-09-30
--format
csv
