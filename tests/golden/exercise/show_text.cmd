exercise
show
hospital-exfiltration
