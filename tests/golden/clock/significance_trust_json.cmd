significance
--input
tests/golden/clock/trust.json
--format
json
