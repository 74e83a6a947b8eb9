supplier
directory
--register
examples/suppliers.yaml
--format
csv
