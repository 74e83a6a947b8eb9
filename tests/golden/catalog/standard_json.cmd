standard
iso27001
--format
json
