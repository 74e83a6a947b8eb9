supplier
impact
dc
--register
tests/golden/supplier/data/csv_register
