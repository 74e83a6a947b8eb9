deadlines
--input
tests/golden/clock/ongoing.json
--format
json
