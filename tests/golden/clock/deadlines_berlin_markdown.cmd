deadlines
--input
tests/golden/clock/incident.json
--format
markdown
