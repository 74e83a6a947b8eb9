exercise
validate
tests/golden/exercise/none.toml
