incident
opne
