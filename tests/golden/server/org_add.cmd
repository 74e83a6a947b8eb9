org
add
acme
--name
Acme Energy GmbH
