env VIGIL_NOW=2025-03-30T12:00:00Z
incident
open
--title
Outage
--awareness
2025-03-30T09:15:00Z
--timezone
Europe/Berlin
--entity-type
cloud_provider
--by
alice
