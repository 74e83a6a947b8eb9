scope
--input
tests/golden/scope/services_unknown.json
