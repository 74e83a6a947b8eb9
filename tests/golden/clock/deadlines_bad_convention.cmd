deadlines
--input
tests/golden/clock/incident.json
--convention
calendar
