gap
--soa
tests/golden/gap/data/no-such-soa.csv
--as-of
2025-09-30
