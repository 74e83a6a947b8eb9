env VIGIL_NOW=2025-03-30T12:00:00Z
incident
open
--title
Ransomware on file server
--awareness
2025-03-30T09:15:00+02:00
--timezone
Europe/Berlin
--entity-type
digital_infrastructure.cloud_computing_service_provider
--by
alice
