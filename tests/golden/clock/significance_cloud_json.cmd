significance
--input
tests/golden/clock/cloud.json
--format
json
