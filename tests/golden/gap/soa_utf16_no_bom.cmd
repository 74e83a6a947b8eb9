gap
--soa
tests/golden/gap/data/soa-utf16le-no-bom.csv
--as-of
2025-09-30
