incident
show
INC-9
