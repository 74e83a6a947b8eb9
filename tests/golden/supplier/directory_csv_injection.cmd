supplier
directory
--register
tests/golden/supplier/data/csv_register
--format
csv
