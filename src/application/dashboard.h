// The organisation dashboard: what GET .../dashboard answers and `vigil
// dashboard` prints, written once. Open incidents with their next Art. 23(4)
// deadline and how many are overdue, the latest gap score with its trend, the
// documents and approvals counts, and documented versus performed (exercises).
// It reads the listing rows the stores keep beside the event logs (indexed
// queries), never every log, so it stays cheap; only the latency trend loads
// records (the last 20).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/time.h"
#include "incident/pending.h"
#include "store/compliance_store.h"
#include "store/exercise_store.h"
#include "store/incident_store.h"

namespace vigil::application {

struct IncidentCounts {
  std::int64_t open = 0;          // status "open"
  std::int64_t active = 0;        // open, or a report still pending
  std::int64_t overdue = 0;       // next report past its due time (whatever its footing)
  std::int64_t undetermined = 0;  // active, significance not established: reports due if significant
};

// The counts of the listing rows as of `now` (also the operator's /metrics gauges).
IncidentCounts count_incidents(const std::vector<incident::Summary>& rows, Instant now);

// {"latest_gap_assessment", "score_trend" (the last 12, oldest first),
//  "gap_assessments", "documents": {"missing", "draft", "approved"}, "approvals"};
// null without a compliance store or when the records cannot be read.
nlohmann::json compliance_summary(store::ComplianceStore* compliance, std::string_view org);

// Documented versus performed (docs/EXERCISES.md): {"requirements", "ended",
// "under_way", "live", "performance_trend"}; null without an exercise store.
Result<nlohmann::json> exercise_summary(store::ExerciseStore* exercises, store::IncidentStore& incidents,
                                        std::string_view org, Instant now);

struct DashboardStores {
  store::IncidentStore& incidents;
  store::ComplianceStore* compliance = nullptr;  // none: "compliance" is null
  store::ExerciseStore* exercises = nullptr;     // none: "exercises" is null
};

// The dashboard as the API's "Dashboard" schema has it: {"org", "as_of",
// "open_incidents", "active_incidents", "overdue_reports",
// "significance_undetermined", "next_due", "incidents" (each with
// "overdue"), "compliance", "exercises"}.
Result<nlohmann::json> dashboard(const DashboardStores& stores, std::string_view org, Instant now);

}  // namespace vigil::application
