deadlines
--input
tests/golden/clock/year_one.json
