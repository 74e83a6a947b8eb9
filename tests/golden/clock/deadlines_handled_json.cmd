deadlines
--input
tests/golden/clock/handled.json
--format
json
