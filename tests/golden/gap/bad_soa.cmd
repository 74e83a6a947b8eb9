gap
--soa
tests/golden/gap/data/bad-soa.csv
--as-of
2025-09-30
