env VIGIL_NOW=2026-01-15T08:00:00+01:00
gap
--soa
examples/soa.json
--record
--db
{tmp}/vigil.db
