gap
--soa
examples/soa.csv
--suppliers
tests/golden/supplier/data/bad_csv
--as-of
2026-11-30
