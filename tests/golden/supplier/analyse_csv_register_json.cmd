env VIGIL_NOW=2026-11-30T10:00:00Z
supplier
analyse
--register
tests/golden/supplier/data/csv_register
--as-of
2026-11-30
--format
json
