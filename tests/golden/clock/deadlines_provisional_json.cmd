deadlines
--input
tests/golden/clock/provisional.json
--format
json
