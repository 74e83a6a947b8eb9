scope
--input
examples/scope/bank.json
--format
csv
