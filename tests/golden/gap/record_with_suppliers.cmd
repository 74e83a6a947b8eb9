env VIGIL_NOW=2026-01-15T08:00:00+01:00
gap
--soa
examples/soa.json
--suppliers
examples/suppliers.yaml
--record
--by
carol
--db
{tmp}/vigil.db
