gap
--soa
tests/golden/gap/data/soa-unterminated-quote.yaml
--as-of
2025-09-30
