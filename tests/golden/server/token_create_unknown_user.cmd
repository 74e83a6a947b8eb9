token
create
--user
nobody
