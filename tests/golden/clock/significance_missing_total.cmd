significance
--input
tests/golden/clock/missing_total.json
