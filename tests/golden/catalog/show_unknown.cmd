show
A.8.42
