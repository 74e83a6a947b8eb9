supplier
impact
equidata-fr
--register
examples/suppliers.yaml
