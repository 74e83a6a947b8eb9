env VIGIL_NOW=2026-01-15T08:00:00+01:00
gap
--soa
examples/soa.json
--documents
examples/documents.csv
--as-of
2026-01-15
--record
--by
carol
--db
{tmp}/vigil.db
--format
csv
