deadlines
--input
tests/golden/clock/duplicate_key.json
