scope
--input
tests/golden/scope/name_newline.json
