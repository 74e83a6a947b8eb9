export
oscal
assessment-results
--soa
tests/golden/export/small_soa.csv
--as-of
2025-06-30
