env VIGIL_NOW=2025-03-30T12:00:00Z
incident
decide
INC-1
--decision
x
--rationale
y
--confidence
sure
--by
carol
