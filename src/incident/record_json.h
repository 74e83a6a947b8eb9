// The machine form of the incident record (`--format json` of show, list and
// the export). Field names are stable: scripts and supervisors read them.
#pragma once

#include <span>

#include <nlohmann/json_fwd.hpp>

#include "incident/incident.h"

namespace vigil::incident {

nlohmann::json to_json(const Incident& incident);
nlohmann::json to_json(const Summary& summary);
nlohmann::json to_json(std::span<const PendingReport> pending);
nlohmann::json to_json(const Event& event);  // payload as an object

// A decision as the record (to_json) and a report draft (draft_json) show it:
// "decided_at", "decision", "rationale", "known", "unknown", "confidence",
// and who decided and the options considered under the keys each names
// ("decided_by" and "options_considered" in the record).
nlohmann::json decision_json(const Decision& decision, const char* by_key, const char* options_key);
// What both show of a submission: "type", "recipient", "submitted_at",
// "deadline", "on_time", "late_by_seconds", "late_by" (null when not late).
nlohmann::json submission_json(const Submission& submission);

}  // namespace vigil::incident
