supplier
analyse
--register
tests/golden/supplier/data/bad-register.json
--as-of
2026-11-30
