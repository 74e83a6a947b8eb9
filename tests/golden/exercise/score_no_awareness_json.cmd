exercise
score
-s
tests/golden/exercise/minimal.toml
-p
tests/golden/exercise/play_no_awareness.json
-f
json
