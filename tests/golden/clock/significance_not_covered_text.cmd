significance
--input
tests/golden/clock/dso.json
