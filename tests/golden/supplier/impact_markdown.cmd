supplier
impact
chipforge
--register
examples/suppliers.yaml
--format
markdown
