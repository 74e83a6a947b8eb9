show
a.8.24
