catalog
requirements
--format
csv
