org
add
default
