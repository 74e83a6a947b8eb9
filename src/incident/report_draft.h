// The forms of a report draft (report_content.h's draft_report of the facts of
// report_facts.h): JSON for scripts and the API, Markdown for people. Each
// carries the entity, the recipient, the deadline in UTC and local time, the
// decisions so far and the timeline of the record.
// Shared by `vigil incident report` and GET .../incidents/{id}/report/{kind}.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "incident/clock_input.h"
#include "incident/incident.h"
#include "incident/report_content.h"

namespace vigil::incident {

// What a draft says around its content: whose it is, where it goes and by
// when. draft_context() fills it from the record; the adapter passes the
// organisation's name and the time-zone lookup.
// What every draft of an exercise incident (Incident::exercise) says first.
inline constexpr std::string_view kExerciseBanner = "EXERCISE — DO NOT SEND";

struct DraftContext {
  std::string entity_name;     // the organisation's name; "" when not known
  std::string recipient;       // report_recipient(kind)
  std::optional<Instant> due;  // this report's deadline: pending, or the one its submission answered
  std::string due_local;       // the same in the incident's time zone ("2025-03-31T09:15:00+02:00")
  std::optional<Owed> owed;    // on what footing it is owed (with a pending `due`)
  // When the report was submitted already (`due` is then the deadline its
  // latest submission answered): when, and whether on time or how late.
  std::optional<Instant> submitted_at;
  std::optional<bool> on_time;
  std::optional<std::chrono::seconds> late_by;
};

// The context of `kind`'s draft: the pending deadline of that report
// (pending_reports), or once submitted the deadline its latest submission
// answered with when it went and how late, in UTC and in the incident's zone.
// InvalidInput when the record's zone is unknown to `zones`.
Result<DraftContext> draft_context(const Incident& incident, DraftKind kind, std::string entity_name,
                                   const Zones& zones);

// {"incident", "report", "entity", "recipient", "due": {"utc", "local",
// "owed", and once submitted "submitted_at", "on_time", "late_by"}|null, "significant": true|false|"undetermined"|null,
// "submissions": [{"type", "recipient", "submitted_at", "deadline", "on_time",
// "late_by_seconds", "late_by"}], "decisions": [{"decided_at", "by",
// "decision", "rationale", "options", "known", "unknown", "confidence"}],
// "timeline": [{"at", "what"}], "title", "basis", "complete", "items":
// [{"fact", "label", "reference", "asks", "where_applicable", "value"}],
// "missing", "missing_where_applicable"}
nlohmann::json draft_json(const Incident& incident, const ReportDraft& draft, const DraftContext& context = {});

std::string draft_markdown(const Incident& incident, const ReportDraft& draft, const DraftContext& context = {});

}  // namespace vigil::incident
