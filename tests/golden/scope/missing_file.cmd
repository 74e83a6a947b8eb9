scope
--input
{tmp}/missing.json
