scope
--input
tests/golden/scope/huge_number.json
