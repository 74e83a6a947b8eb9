significance
--input
tests/golden/clock/bad_impact.json
