// The words of the incident record: how confident a decision was, what was
// filed with whom, what an assessment concludes, and incident ids. Each enum
// has one spelling, used in the log's entries and every output.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "incident/deadlines.h"

namespace vigil::incident {

enum class Confidence { Low, Medium, High };
std::string_view to_string(Confidence confidence);  // "low" | "medium" | "high"
Result<Confidence> parse_confidence(std::string_view text, std::string_view where);

// What was filed: the five Art. 23(4) reports, or the GDPR Art. 33 breach
// notification when a personal-data breach runs on the same incident.
enum class SubmissionType { EarlyWarning, Notification, Intermediate, Final, Progress, GdprBreach };
inline constexpr std::size_t kSubmissionTypeCount = static_cast<std::size_t>(SubmissionType::GdprBreach) + 1;
std::string_view to_string(SubmissionType type);  // "early-warning", ..., "gdpr-breach"
// Reads those words (any case, '_' for '-') and also the name of the deadline
// a submission answers, as `next_report` and the deadlines calculator spell it
// ("early_warning", "incident_notification", "final_report", "progress_report",
// "gdpr_breach_notification"), so a value read from a listing can be given back.
Result<SubmissionType> parse_submission_type(std::string_view text, std::string_view where);

// The clock a submission of `type` answers (Art. 23(4)(a), (b), (d), (e), GDPR
// Art. 33(1)); nullopt for an intermediate report, which has none.
std::optional<Report> report_of(SubmissionType type);

// Art. 23(1): the CSIRT or the competent authority, and where appropriate the
// recipients of the services; GDPR Art. 33(1): the supervisory authority.
enum class Recipient { Csirt, CompetentAuthority, ServiceRecipients, SupervisoryAuthority };
std::string_view to_string(Recipient recipient);  // "csirt", "competent_authority", ...
Result<Recipient> parse_recipient(std::string_view text, std::string_view where);

// Only the reports that reach the CSIRT or the competent authority stop the
// Art. 23(4) clocks (informing service recipients, Art. 23(1), is separate);
// the GDPR Art. 33(1) notification stops its clock at the supervisory authority.
bool counts_for_clock(SubmissionType type, Recipient to);

// What an assessment (or the latest one) concludes about significance.
enum class Conclusion { NotAssessed, Significant, NotSignificant, Undetermined };
// "not_assessed" | "significant" | "not_significant" | "undetermined"
std::string_view to_string(Conclusion conclusion);

// On what footing a pending report is owed.
enum class Owed {
  Due,             // the incident is significant (or it is the GDPR Art. 33 notification)
  IfSignificant,   // not assessed yet, or the latest assessment is undetermined
  UntilWithdrawn,  // assessed not significant, but a submission already started the Art. 23(4) sequence
};
std::string_view to_string(Owed owed);  // "due" | "due_if_significant" | "due_until_withdrawn"

// "INC-7" <-> 7.
std::string incident_id(std::int64_t number);
Result<std::int64_t> parse_incident_id(std::string_view text, std::string_view where);

}  // namespace vigil::incident
