env VIGIL_NOW=2025-03-30T12:00:00Z
incident
update
INC-1
--fact
severity
--by
carol
