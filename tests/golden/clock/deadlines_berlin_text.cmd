env VIGIL_NOW=2025-03-30T09:00:00Z
deadlines
--input
tests/golden/clock/incident.json
