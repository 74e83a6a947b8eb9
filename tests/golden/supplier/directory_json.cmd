supplier
directory
--register
examples/suppliers.yaml
--format
json
