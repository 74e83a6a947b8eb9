catalog
entity_types
--format
csv
