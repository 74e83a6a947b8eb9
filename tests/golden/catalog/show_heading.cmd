show
A.8
--format
csv
