deadlines
--input
tests/golden/clock/bad_zone.json
