map
rm.cyber_hygiene
--format
json
