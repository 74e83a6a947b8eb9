exercise
validate
tests/golden/exercise/minimal.toml
