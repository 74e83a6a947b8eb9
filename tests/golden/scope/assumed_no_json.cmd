scope
--input
tests/golden/scope/assumed_no.json
--format
json
