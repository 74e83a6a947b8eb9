exercise
validate
tests/golden/exercise/syntax_error.toml
