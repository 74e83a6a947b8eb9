coverage
--format
csv
