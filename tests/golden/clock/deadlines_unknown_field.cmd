deadlines
--input
tests/golden/clock/unknown_field.json
