user
grant
nobody
--org
default
--role
admin
