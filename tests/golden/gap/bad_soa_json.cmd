gap
--soa
tests/golden/gap/data/bad-soa.json
--as-of
2025-09-30
