audit
verify
--export
tests/golden/incident/data/export_short_chain_head.json
--format
json
