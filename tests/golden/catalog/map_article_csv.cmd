map
Art. 21(2)(c)
--format
csv
