supplier
impact
--country
JP
--register
examples/suppliers.yaml
