gap
--soa
tests/golden/gap/data/bad-soa.yaml
--as-of
2025-09-30
