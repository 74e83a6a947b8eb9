// The supplier register over HTTP: the organisation's stored
// register (GET/PUT .../suppliers, replaced whole, If-Match on the revision),
// its analysis, the what-if impact and the Annex 5.2 directory. The same
// domain code as `vigil supplier` (supplier/*), so the two cannot disagree;
// the same strict reading as the CLI, so a bad register is refused with every
// error at its line and field. Who may write and read follows the documents
// register: compliance officers and admins import, every member reads.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "server/route.h"

namespace vigil::server {

void add_supplier_routes(const RouteGroups& api);

// The components/schemas the supplier routes refer to (OpenAPI 3.1, JSON Schema).
nlohmann::json supplier_openapi_schemas();

}  // namespace vigil::server
