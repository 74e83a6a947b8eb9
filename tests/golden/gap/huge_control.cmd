gap
--soa
tests/golden/gap/data/huge-control.csv
--documents
examples/documents.csv
--as-of
2025-09-30
