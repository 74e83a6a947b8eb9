show
Art. 22
