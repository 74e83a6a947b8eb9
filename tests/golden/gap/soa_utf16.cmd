gap
--soa
tests/golden/gap/data/soa-utf16.csv
--as-of
2025-09-30
