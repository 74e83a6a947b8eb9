exercise
show
tests/golden/exercise/minimal.toml
