scope
--input
examples/scope/contradiction.json
