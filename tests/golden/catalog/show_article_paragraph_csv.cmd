show
Art. 21(2)
--format
csv
