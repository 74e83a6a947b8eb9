supplier
impact
--group
equidata
--register
examples/suppliers.yaml
