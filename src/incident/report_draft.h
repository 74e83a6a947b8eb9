// The forms of an Art. 23(4) report draft (report_content.h's draft_report of
// an incident's facts): JSON for scripts and the API, Markdown for people.
// Shared by `vigil incident report` and GET .../incidents/{id}/report/{kind}.
#pragma once

#include <string>

#include <nlohmann/json_fwd.hpp>

#include "incident/incident.h"
#include "incident/report_content.h"

namespace vigil::incident {

// {"incident", "report", "significant": true|false|"undetermined"|null,
// "submissions": [{"type", "recipient", "submitted_at", "deadline", "on_time",
// "late_by_seconds", "late_by"}], "title", "basis", "complete", "items":
// [{"fact", "label", "reference", "asks", "where_applicable", "value"}],
// "missing", "missing_where_applicable"}
nlohmann::json draft_json(const Incident& incident, const ReportDraft& draft);

std::string draft_markdown(const Incident& incident, const ReportDraft& draft);

}  // namespace vigil::incident
