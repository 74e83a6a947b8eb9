show
Art. 21(2)(k)
