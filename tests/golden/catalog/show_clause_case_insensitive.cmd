show
a.8.24
--format
json
