incident
report
INC-1
summary
