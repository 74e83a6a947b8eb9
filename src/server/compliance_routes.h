// The compliance records' routes (gap assessments, documents register,
// management approvals).
#pragma once

#include "server/route.h"

namespace vigil::server {

void add_compliance_routes(const RouteGroups& api);

}  // namespace vigil::server
