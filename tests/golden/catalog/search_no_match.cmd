search
zzzz
