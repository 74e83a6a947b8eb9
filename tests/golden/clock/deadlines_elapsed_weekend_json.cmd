deadlines
--input
tests/golden/clock/weekend.json
--format
json
