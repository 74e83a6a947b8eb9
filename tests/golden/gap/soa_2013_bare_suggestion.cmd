gap
--soa
tests/golden/gap/data/soa-2013-bare.csv
--as-of
2025-09-30
