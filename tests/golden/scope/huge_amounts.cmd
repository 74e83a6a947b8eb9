scope
--input
tests/golden/scope/huge_amounts.json
