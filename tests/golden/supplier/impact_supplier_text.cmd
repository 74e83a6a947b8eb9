supplier
impact
equidata-fra
--register
examples/suppliers.yaml
