show
Art. 6
--format
json
