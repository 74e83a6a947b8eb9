// The machine form of the Art. 23(4) reporting clock: what `vigil deadlines
// --format json` prints and POST /api/v1/deadlines answers, built in one place
// so the two cannot disagree.
//
// Shape (stable; instants UTC, RFC 3339 with "Z"): {"awareness_time",
// "timezone", "trust_service_incident", "notification_submitted_time",
// "early_warning_due", "incident_notification_due", "intermediate_report":
// "on_request", "final_report_due", "final_report_provisional",
// "progress_report_due", "notification_late", "gdpr_breach_notification_due",
// "convention": {"id", "text"}, "deadlines": [{"report", "due", "due_local",
// "provisional", "reference", "rule"}]}
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "incident/deadlines.h"

namespace vigil::incident {

nlohmann::json deadlines_json(const ClockInput& input, const Deadlines& deadlines);

}  // namespace vigil::incident
