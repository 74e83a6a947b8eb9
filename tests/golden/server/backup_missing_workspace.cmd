backup
--db
{tmp}/none.db
{tmp}/copy.db
