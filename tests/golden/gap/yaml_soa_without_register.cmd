gap
--soa
examples/soa.yaml
--as-of
2025-09-30
--format
csv
