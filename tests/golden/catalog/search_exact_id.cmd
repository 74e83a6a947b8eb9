search
A.8.24
-n
3
