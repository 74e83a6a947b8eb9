org
add
acme
--name
Acme Energy GmbH
--format
json
