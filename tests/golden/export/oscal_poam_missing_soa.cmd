export
oscal
poam
--soa
missing.csv
--as-of
2025-06-30
