supplier
impact
--register
examples/suppliers.yaml
