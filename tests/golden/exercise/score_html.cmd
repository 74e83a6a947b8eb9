exercise
score
--scenario
ransomware-cloud
--play
tests/golden/exercise/play_partial.json
--format
html
