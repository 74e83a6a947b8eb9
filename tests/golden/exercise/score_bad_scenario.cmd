exercise
score
-s
tests/golden/exercise/bad_scenario.toml
-p
tests/golden/exercise/play_no_awareness.json
