scope
--input
examples/scope/entity.json
--format
json
