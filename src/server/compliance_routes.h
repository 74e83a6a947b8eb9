// The compliance records' routes (gap assessments, documents register,
// management approvals) and the summary of them the dashboard shows.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "assess/gap_report.h"
#include "server/route.h"
#include "server/services.h"
#include "store/compliance_store.h"

namespace vigil::server {

void add_compliance_routes(const RouteGroups& api);

// What is stored of one assessment: its scores, the inputs as JSON text and
// the report rendered as JSON and HTML (the API and `serve --demo` share it).
store::NewGapAssessment gap_record(const assess::GapReport& report, Instant now, std::string by, std::string soa,
                                   std::string documents, std::optional<std::string> entity);

// {"latest_gap_assessment", "score_trend" (the last 12, oldest first),
//  "gap_assessments", "documents": {"missing", "draft", "approved"}, "approvals"};
// null when the records cannot be read.
nlohmann::json compliance_summary(Services& services, std::string_view org);

}  // namespace vigil::server
