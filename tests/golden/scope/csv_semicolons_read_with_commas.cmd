scope
--input
tests/golden/scope/semicolons.csv
--delimiter
,
