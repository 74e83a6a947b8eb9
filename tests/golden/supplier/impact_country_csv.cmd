supplier
impact
--country
US
--register
examples/suppliers.yaml
--format
csv
