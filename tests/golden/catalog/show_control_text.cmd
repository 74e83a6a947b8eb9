show
A.8.24
