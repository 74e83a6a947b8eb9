coverage
--format
json
