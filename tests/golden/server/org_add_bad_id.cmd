org
add
Acme Corp
