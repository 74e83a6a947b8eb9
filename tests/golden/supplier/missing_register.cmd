supplier
analyse
--register
tests/golden/supplier/data/nothing.yaml
