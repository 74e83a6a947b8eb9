search
supplier
--format
csv
-n
5
