exercise
score
-s
minimal
-p
tests/golden/exercise/play_bad.json
