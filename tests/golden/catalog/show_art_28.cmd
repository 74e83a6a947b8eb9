show
Art. 28
