env VIGIL_NOW=2026-11-30T10:00:00Z
gap
--soa
examples/soa.csv
--documents
examples/documents.csv
--suppliers
examples/suppliers.yaml
--as-of
2026-11-30
