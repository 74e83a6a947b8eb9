exercise
show
qtsp-signing-key
--format
json
