exercise
validate
tests/golden/exercise/bad_scenario.toml
