export
oscal
catalog
IR-2024-2690
--output
{tmp}/ir.json
