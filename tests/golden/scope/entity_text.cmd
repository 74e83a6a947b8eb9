scope
--input
examples/scope/entity.json
