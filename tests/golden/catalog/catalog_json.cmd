catalog
--format
json
