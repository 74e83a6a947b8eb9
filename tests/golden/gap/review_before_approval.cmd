gap
--soa
examples/soa.csv
--documents
tests/golden/gap/data/review-before-approval.csv
--as-of
2025-09-30
