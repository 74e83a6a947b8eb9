supplier
analyse
--register
examples/soa.csv
