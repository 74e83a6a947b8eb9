env VIGIL_NOW=2026-11-30T10:00:00Z
supplier
analyse
--register
tests/golden/supplier/data/register-unterminated-quote.yaml
