env VIGIL_NOW=2025-10-26T07:00:00Z
deadlines
--input
tests/golden/clock/trust_clock.json
