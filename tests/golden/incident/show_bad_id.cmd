incident
show
INC-x
