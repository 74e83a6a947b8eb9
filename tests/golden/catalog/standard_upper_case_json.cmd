standard
ISO27001
--format
json
