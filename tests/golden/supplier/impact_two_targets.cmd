supplier
impact
cryptovault
--group
equidata
--register
examples/suppliers.yaml
