env VIGIL_NOW=2026-11-30T10:00:00Z
supplier
analyse
--register
examples/suppliers.yaml
--as-of
2026-11-30
--concentration-threshold
75
--required-clauses
exit, data_location
