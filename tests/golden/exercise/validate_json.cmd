exercise
validate
tests/golden/exercise/minimal.toml
--format
json
