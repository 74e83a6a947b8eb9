deadlines
--input
tests/golden/clock/weekend.json
--convention
reg-1182-71
--format
json
