env VIGIL_NOW=2025-01-13T06:00:00Z
deadlines
--input
tests/golden/clock/weekend.json
--convention
reg-1182-71
