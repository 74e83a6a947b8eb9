env VIGIL_NOW=2025-02-12T09:00:00Z
deadlines
--input
tests/golden/clock/ongoing.json
