// The compliance records' routes (gap assessments, documents register,
// management approvals) and the summary of them the dashboard shows.
#pragma once

#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "server/route.h"
#include "server/services.h"

namespace vigil::server {

void add_compliance_routes(Router& router);

// {"latest_gap_assessment", "score_trend" (the last 12, oldest first),
//  "gap_assessments", "documents": {"missing", "draft", "approved"}, "approvals"};
// null when the records cannot be read.
nlohmann::json compliance_summary(Services& services, std::string_view org);

}  // namespace vigil::server
