supplier
impact
--country
XX
--register
examples/suppliers.yaml
