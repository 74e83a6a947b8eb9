audit
verify
--export
tests/golden/incident/data/export_bad_chain_head.json
