env VIGIL_NOW=2026-01-15T08:00:00+01:00
dashboard
--db
{tmp}/vigil.db
