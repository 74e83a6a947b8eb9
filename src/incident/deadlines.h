// The Art. 23(4) reporting clock of Directive (EU) 2022/2555 (and the GDPR
// Art. 33 clock that may run on the same incident): when each report is due,
// with its legal basis, under one of two documented readings of "24 hours" and
// "one month". Pure: the caller supplies every instant and the time zone.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <date/tz.h>

#include "core/error.h"
#include "core/time.h"

namespace vigil::incident {

// How periods are counted. NIS2 does not say; national law may apply either.
enum class Convention {
  // 24 h / 72 h are elapsed time from the awareness instant; one month is the
  // same local wall-clock time on the same day of the next month.
  ElapsedTime,
  // Regulation (EEC, Euratom) No 1182/71 Art. 3: an hour period starts at the
  // beginning of the next hour; a month period ends at the end of the same
  // date; a month period ending on a Saturday or Sunday ends at the end of the
  // next working day (public holidays are not known to Vigil).
  Regulation1182_71,
};

std::string_view to_string(Convention convention);  // "elapsed-time" | "reg-1182-71"
Result<Convention> parse_convention(std::string_view text, std::string_view where);
// The reading of the convention in plain words, for the output and the docs.
std::string_view convention_text(Convention convention);

struct ClockInput {
  Instant awareness;                              // becoming aware of the significant incident
  const date::time_zone* zone = nullptr;          // the entity's time zone (required)
  bool trust_service_incident = false;            // impacts the provision of a trust service
  std::optional<Instant> notification_submitted;  // Art. 23(4)(b) actually submitted
  bool ongoing_when_final_report_due = false;     // Art. 23(4)(e)
  std::optional<Instant> incident_handled;        // when the incident was handled
  // GDPR Art. 33: awareness of a personal data breach in the same incident.
  std::optional<Instant> personal_data_breach_awareness;
  Convention convention = Convention::ElapsedTime;
};

// One clock that runs on the incident.
enum class Report {
  EarlyWarning,            // Art. 23(4)(a)
  IncidentNotification,    // Art. 23(4)(b) (24 h for trust services: 2nd subpara)
  FinalReport,             // Art. 23(4)(d), or (e) after a progress report
  ProgressReport,          // Art. 23(4)(e)
  GdprBreachNotification,  // GDPR Art. 33(1)
};
std::string_view to_string(Report report);  // "early_warning", "incident_notification", ...

struct Deadline {
  Report report;
  // Absent only for a final report of an ongoing incident whose handling time
  // is not yet known ("one month after the incident is handled").
  std::optional<Instant> due;
  bool provisional = false;    // computed from a deadline, not an actual submission
  std::string_view reference;  // "Art. 23(4)(a)", "GDPR Art. 33(1)"
  std::string_view rule;       // "24 hours after becoming aware"
};

struct Deadlines {
  Instant early_warning_due;
  Instant incident_notification_due;
  std::optional<Instant> final_report_due;     // nullopt: ongoing, not yet handled
  std::optional<Instant> progress_report_due;  // only when ongoing
  bool final_report_provisional = false;       // notification not yet submitted
  bool notification_late = false;              // submitted after its deadline
  std::optional<Instant> gdpr_breach_notification_due;
  Convention convention = Convention::ElapsedTime;
  // Every clock above, in due order (absent due last), with its legal basis.
  std::vector<Deadline> all;
};

// Errors (each naming its input field): missing zone ("timezone"), a
// submission, handling or breach awareness before the awareness instant.
Result<Deadlines> compute_deadlines(const ClockInput& input);

// The building blocks, exposed for tests and for the incident record.
// `hours` after `from` under the convention (the 1182/71 reading starts
// counting at the beginning of the next local hour).
Instant add_hours(Instant from, int hours, const date::time_zone& zone, Convention convention);
// One calendar month after `from` on the local wall clock of `zone`.
Instant add_one_month(Instant from, const date::time_zone& zone, Convention convention);

// The offset-carrying local form of an instant: "2025-03-30T03:30:00+02:00".
std::string format_local(Instant instant, const date::time_zone& zone);

// A span of time as people read it: "8 d 2 h 15 min", "2 h 05 min", "0 h 01 min",
// and under a minute "40 s" (seconds beyond the minute are not shown).
std::string format_span(std::chrono::seconds span);

}  // namespace vigil::incident
