scope
--input
examples/scope/bad-entity.json
