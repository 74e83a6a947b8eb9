map
A.8.24
