audit
verify
--export
tests/golden/incident/data/nope.json
