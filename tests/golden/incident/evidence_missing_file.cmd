env VIGIL_NOW=2025-03-30T12:00:00Z
incident
evidence
add
INC-1
tests/golden/incident/data/nope.log
--description
x
--by
dave
