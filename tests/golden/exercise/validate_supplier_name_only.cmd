exercise
validate
tests/golden/exercise/supplier_name_only.toml
