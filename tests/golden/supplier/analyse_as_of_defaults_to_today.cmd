env VIGIL_NOW=2026-11-30T23:30:00-05:00
supplier
analyse
--register
examples/suppliers.yaml
--format
json
