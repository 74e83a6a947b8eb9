env VIGIL_NOW=2025-03-30T12:00:00Z
incident
open
--title
 
--awareness
2025-04-30T09:15:00Z
--timezone
Mars/Olympus
--entity-type
nope
--by

