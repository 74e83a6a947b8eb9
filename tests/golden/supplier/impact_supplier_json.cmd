supplier
impact
fibrenet-de
--register
examples/suppliers.yaml
--format
json
