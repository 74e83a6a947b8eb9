env VIGIL_NOW=2026-11-30T10:00:00Z
supplier
import
--register
tests/golden/supplier/data/bad-register.yaml
--by
carol
