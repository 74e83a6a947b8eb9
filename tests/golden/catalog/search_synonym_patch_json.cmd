search
patch
--format
json
