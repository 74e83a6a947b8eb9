scope
--input
tests/golden/scope/services_column_missing.csv
