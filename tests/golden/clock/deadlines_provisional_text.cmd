env VIGIL_NOW=2025-02-02T08:00:00Z
deadlines
--input
tests/golden/clock/provisional.json
