gap
--soa
examples/soa.csv
--documents
tests/golden/gap/data/bad-documents.csv
--as-of
2025-09-30
