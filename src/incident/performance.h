// How a team performed against the Art. 23(4) clock: per report its deadline,
// when it was first submitted to the authority, on time or late (and by how
// much), and the latencies from awareness to each report. One pure function
// for a real incident (`vigil incident performance`, the API) and for an
// exercise's score (exercise/score.cpp), so the two cannot disagree.
//
// Rules: a report is on time when submitted at or before its deadline
// (Art. 23(4)(a), (b), (d)); late_by = submitted - due when after it; without
// a submission or without a deadline, on_time and late_by are absent. A
// latency is submitted - awareness (seconds), absent when not submitted.
#pragma once

#include <chrono>
#include <optional>

#include <nlohmann/json_fwd.hpp>

#include "core/error.h"
#include "core/time.h"
#include "incident/incident.h"
#include "incident/zones.h"

namespace vigil::incident {

struct ReportTiming {
  SubmissionType report = SubmissionType::EarlyWarning;
  std::optional<Instant> due;        // nullopt: no deadline (yet)
  std::optional<Instant> submitted;  // the first submission that stops the clock
  std::optional<bool> on_time;
  std::optional<std::chrono::seconds> late_by;
};

ReportTiming time_report(SubmissionType report, std::optional<Instant> due, std::optional<Instant> submitted);

// submitted - awareness in seconds; nullopt when either is absent.
std::optional<std::chrono::seconds> latency(std::optional<Instant> awareness, std::optional<Instant> submitted);

struct Performance {
  std::optional<Instant> awareness;
  ReportTiming early_warning, notification, final_report;
  std::optional<std::chrono::seconds> awareness_to_early_warning, awareness_to_notification, awareness_to_final_report;
};

// The three Art. 23(4) reports' dues and first submissions, from awareness.
struct ReportClock {
  std::optional<Instant> early_warning_due, notification_due, final_report_due;
  std::optional<Instant> early_warning_submitted, notification_submitted, final_report_submitted;
};
Performance performance(std::optional<Instant> awareness, const ReportClock& clock);

// A real incident's: its deadlines (clocks(), the final report's when known)
// and its first submissions to the CSIRT or competent authority.
// Errors: those of clocks() (a time zone the system does not know).
Result<Performance> incident_performance(const Incident& incident, const Zones& zones);

// `vigil incident performance --format json` and GET
// /api/v1/orgs/{org}/incidents/{id}/performance (docs/INCIDENTS.md):
//   {"incident", "title", "timezone", "awareness" (UTC),
//    "reports": [{report, reference, due, due_local, submitted, on_time, late_by_s}],
//    "latencies": {awareness_to_early_warning_s, awareness_to_notification_s, awareness_to_final_report_s}}
// Instants in UTC (RFC 3339), due_local in the incident's zone; null when absent.
nlohmann::json performance_json(const Incident& incident, const Performance& performance, const Zones& zones);

// The same for a person at a terminal (`--format text`).
std::string performance_text(const Incident& incident, const Performance& performance, const Zones& zones);

}  // namespace vigil::incident
