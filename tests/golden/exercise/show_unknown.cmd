exercise
show
ransomware
