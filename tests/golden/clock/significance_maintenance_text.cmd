significance
--input
tests/golden/clock/maintenance.json
