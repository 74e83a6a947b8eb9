stdin tests/golden/server/password.txt
user
add
bob
--org
default
--role
auditor
--format
json
