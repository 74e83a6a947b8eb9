significance
--input
tests/golden/clock/nope.json
