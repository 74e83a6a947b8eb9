env VIGIL_NOW=2026-11-30T10:00:00Z
supplier
import
--register
examples/suppliers.yaml
--by
carol
