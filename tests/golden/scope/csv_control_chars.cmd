scope
--input
tests/golden/scope/control_chars.csv
--format
markdown
