// What the record owes: the Art. 23 (and GDPR Art. 33) clocks that run on an
// incident, the reports still pending and on what footing each is owed, and
// the summary a listing shows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "incident/deadlines.h"
#include "incident/record.h"
#include "incident/zones.h"

namespace vigil::incident {

// Every clock that runs on the incident (deadlines.h), from its record; its
// time zone is looked up in `zones` (an error naming "<id>: timezone" when
// unknown).
Result<Deadlines> clocks(const Incident& incident, const Zones& zones);

// How `report` is owed when the latest assessment concludes `conclusion`.
Owed owed_for(Report report, Conclusion conclusion);

// A clock still waiting for its report.
struct PendingReport {
  Report report;
  std::optional<Instant> due;  // absent: one month after handling, not yet known
  std::string_view reference;
  Owed owed = Owed::Due;
  // The final (or progress) report's date counts from the incident
  // notification (Art. 23(4)(d)); until that is submitted, `due` is one month
  // after the notification is due: an estimate, not yet the deadline.
  bool provisional = false;
};
// Pending reports in due order. While significance is not established (not
// assessed, or undetermined) the Art. 23 clocks run as "due if significant".
// Once the latest assessment concludes not significant they stop, except the
// reports of a sequence an earlier submission to the CSIRT or competent
// authority started: those stay owed until withdrawn (withdraw_report). The
// GDPR clock does not depend on significance.
Result<std::vector<PendingReport>> pending_reports(const Incident& incident, const Zones& zones);

// A submission that answered its deadline late, as the listing shows it.
struct LateSubmission {
  SubmissionType type = SubmissionType::Notification;
  std::int64_t seconds = 0;  // how late
  bool operator==(const LateSubmission&) const = default;
};

// What a listing needs, kept beside the log by the store and re-derived by
// `audit verify`.
struct Summary {
  std::string id;
  std::int64_t number = 0;
  std::string title;
  std::string entity_type;
  Instant awareness{};
  std::string status;                                 // "open" | "closed"
  Conclusion significance = Conclusion::NotAssessed;  // the latest assessment's
  bool overridden = false;                            // the latest assessment's judgement overrides the rules
  std::optional<Instant> next_due;                    // the earliest pending report with a due time
  std::string next_report;                            // its name (to_string(Report)), "" when none
  bool active = false;                                // open, or a report still pending
  std::vector<LateSubmission> late;                   // submissions that answered their deadline late, in order
  std::string exercise;                               // Incident::exercise ("" for a real incident)
  std::int64_t event_count = 0;
  std::string head_hash;
  bool operator==(const Summary&) const = default;
  // How the next report is owed (owed_for); meaningful when next_report is set.
  Owed next_owed() const;
};
Result<Summary> summarise(const Incident& incident, const Zones& zones);

}  // namespace vigil::incident
