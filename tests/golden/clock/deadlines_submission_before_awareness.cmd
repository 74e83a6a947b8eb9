deadlines
--input
tests/golden/clock/before.json
