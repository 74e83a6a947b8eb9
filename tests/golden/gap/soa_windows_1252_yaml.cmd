gap
--soa
tests/golden/gap/data/soa-windows-1252.yaml
--as-of
2025-09-30
