stdin tests/golden/server/short_password.txt
user
add
carol
--org
default
--role
manager
