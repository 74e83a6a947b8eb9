scope
--input
examples/scope/dns-registrar.json
--format
markdown
