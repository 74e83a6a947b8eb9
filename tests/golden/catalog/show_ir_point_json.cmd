show
ir.5.1.4
--format
json
