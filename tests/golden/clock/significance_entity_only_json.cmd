significance
--input
tests/golden/clock/entity_only.json
--format
json
