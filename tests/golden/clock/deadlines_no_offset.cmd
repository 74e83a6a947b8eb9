deadlines
--input
tests/golden/clock/no_offset.json
