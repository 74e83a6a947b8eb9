exercise
score
-s
qtsp-signing-key
-p
tests/exercise/plays/qtsp-signing-key.json
-f
json
