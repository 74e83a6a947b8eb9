scope
--input
tests/golden/scope/lenient_header.csv
--format
csv
