gap
--soa
tests/golden/gap/data/bad-columns.csv
--as-of
2025-09-30
