scope
--input
examples/scope/entities.csv
--format
csv
