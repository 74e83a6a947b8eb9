show
ir.9
--format
json
