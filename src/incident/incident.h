// The incident record of Art. 23 NIS2: what happened, who judged and decided
// what and why, which evidence backs it, what was reported to whom. The record
// is a projection of its event log (event_log.h): each command is a pure
// function from the current record and a request to one new entry, and
// apply() folds entries back into the record. The store and the CLI only carry
// these values around, so the CLI and the server cannot disagree.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "incident/deadlines.h"
#include "incident/event_log.h"
#include "incident/report_content.h"
#include "incident/significance.h"

namespace vigil::incident {

enum class Confidence { Low, Medium, High };
std::string_view to_string(Confidence confidence);  // "low" | "medium" | "high"
Result<Confidence> parse_confidence(std::string_view text, std::string_view where);

// What was filed: the five Art. 23(4) reports, or the GDPR Art. 33 breach
// notification when a personal-data breach runs on the same incident.
enum class SubmissionType { EarlyWarning, Notification, Intermediate, Final, Progress, GdprBreach };
inline constexpr std::size_t kSubmissionTypeCount = static_cast<std::size_t>(SubmissionType::GdprBreach) + 1;
std::string_view to_string(SubmissionType type);  // "early-warning", ..., "gdpr-breach"
Result<SubmissionType> parse_submission_type(std::string_view text, std::string_view where);

// Art. 23(1): the CSIRT or the competent authority, and where appropriate the
// recipients of the services; GDPR Art. 33(1): the supervisory authority.
enum class Recipient { Csirt, CompetentAuthority, ServiceRecipients, SupervisoryAuthority };
std::string_view to_string(Recipient recipient);  // "csirt", "competent_authority", ...
Result<Recipient> parse_recipient(std::string_view text, std::string_view where);

// What an assessment (or the latest one) concludes about significance.
enum class Conclusion { NotAssessed, Significant, NotSignificant, Undetermined };
// "not_assessed" | "significant" | "not_significant" | "undetermined"
std::string_view to_string(Conclusion conclusion);

struct Assessment {
  Instant recorded_at{};
  std::string judged_by;
  std::string inputs;                // the significance input, canonical JSON
  // IR 2024/2690 verdict; nullopt when the rules give none: undetermined
  // (`undetermined` names the open criteria) or the type is not covered.
  std::optional<bool> rule_result;
  std::vector<std::string> criteria;
  // The criteria the rules could not decide, with the facts each needs
  // (recorded since entries carry it; empty in older entries).
  std::vector<UndeterminedCriterion> undetermined;
  std::vector<std::string> explanation;
  std::optional<bool> judgement;     // the person's conclusion (required when the type is not covered)
  std::string note;                  // the rationale (required for an override or a judgement on undetermined rules)
  // What counts: the judgement when given, else the rules' verdict.
  std::optional<bool> significant() const { return judgement ? judgement : rule_result; }
  Conclusion conclusion() const;
  // A judgement contrary to the rules' verdict: not significant although a
  // criterion is met, or significant although none is.
  bool overrides_rules() const { return judgement && rule_result && *judgement != *rule_result; }
};

struct Decision {
  Instant recorded_at{};
  Instant decided_at{};
  std::string decided_by;
  std::string decision;
  std::vector<std::string> options;  // the options considered
  std::string rationale;
  std::vector<std::string> known;    // what was known at the time
  std::vector<std::string> unknown;  // what was not known yet
  Confidence confidence = Confidence::Medium;
  std::vector<std::string> tags;     // what kind of decision ("containment"), matched by exercise expectations
};

struct EvidenceItem {
  Instant added_at{};
  std::string added_by;
  std::string sha256;     // of the content, lower-case hex
  std::int64_t size = 0;  // bytes
  std::string file_name;  // as given, without directories
  std::string description;  // what it shows
  std::vector<std::string> tags;  // what kind of evidence ("forensics"), matched by exercise expectations
};

struct Submission {
  Instant recorded_at{};
  std::string by;
  SubmissionType type = SubmissionType::EarlyWarning;
  Instant submitted_at{};
  Recipient recipient = Recipient::Csirt;
  std::string reference;  // the authority's case number, if any
  // The deadline this submission answered (answered_deadline()): nullopt for
  // one that answers none (an intermediate report, information to service
  // recipients, a report whose clock an earlier one already stopped, a final
  // report whose month has not begun).
  std::optional<Instant> deadline;
  std::optional<bool> on_time;    // submitted_at <= deadline; nullopt without a deadline
  // false for entries written before submissions stored their deadline: the
  // deadline and on_time were derived from the record when it was replayed.
  bool deadline_recorded = true;
  // What was out of order and accepted with --out-of-order (out_of_order()).
  std::vector<std::string> out_of_order;
  // How late: submitted_at - deadline, when that is more than zero.
  std::optional<std::chrono::seconds> late_by() const;
};

// A report that was owed only because an earlier submission started the
// Art. 23(4) sequence, withdrawn once the incident was assessed as not
// significant (the authority told so).
struct Withdrawal {
  Instant recorded_at{};
  std::string by;
  SubmissionType report = SubmissionType::Notification;
  std::string reason;
};

struct Closure {
  Instant recorded_at{};
  std::string by;
  Instant handled_at{};  // when the incident was handled (Art. 23(4)(e))
  std::string summary;
};

// An incident that came from a supplier's incident (issue 14): the supplier
// as named in the organisation's stored supplier register, and the functions
// that depend on it (directly or through subcontractors) when it was opened,
// critical first: whether each fails or keeps another supplier of the same kind.
struct AffectedFunction {
  std::string id;
  std::string name;
  bool critical = false;
  bool fails = false;  // false: it keeps an alternative supplier
};
struct SupplierCause {
  std::string id;
  std::string name;
  std::vector<AffectedFunction> functions;
};

struct Incident {
  std::string org;
  std::string id;  // "INC-7"
  std::int64_t number = 0;
  std::string title;
  Instant awareness{};
  std::string timezone;  // IANA, e.g. "Europe/Berlin"
  std::string entity_type;
  bool trust_service_incident = false;
  std::optional<SupplierCause> supplier;  // opened from a supplier's incident
  std::string opened_by;
  Instant opened_at{};
  // The live exercise this incident belongs to ("EX-3"), "" for a real
  // incident. Set once, by the `opened` entry, so it is on the hash chain:
  // an exercise incident cannot be passed off as a real one or the reverse.
  // Exercise incidents are never listed or counted with real ones.
  std::string exercise;
  std::optional<Instant> personal_data_breach_awareness;  // GDPR Art. 33
  std::vector<Assessment> assessments;
  std::vector<Decision> decisions;
  std::vector<EvidenceItem> evidence;
  std::vector<Submission> submissions;
  // Per SubmissionType, the earliest submission that stops its clock (to the
  // CSIRT or competent authority; GDPR: to the supervisory authority).
  // Folded by apply() beside `submissions`, so the clocks and the listing row
  // cost the same however many reports an incident has.
  std::array<std::optional<Instant>, kSubmissionTypeCount> first_clock_submission{};
  std::vector<Withdrawal> withdrawals;
  // Per SubmissionType, whether a withdrawal is in force: set by a withdrawal,
  // cleared by any later assessment that does not conclude "not significant".
  std::array<bool, kSubmissionTypeCount> withdrawn{};
  Facts facts;  // report content (report_content.h), one value per fact id
  std::optional<Closure> closure;
  std::int64_t event_count = 0;
  std::string head_hash;
};

// Evidence files larger than this are refused (they belong in a case system,
// referenced by their hash).
inline constexpr std::int64_t kMaxEvidenceBytes = 25 * 1024 * 1024;

// --- requests: each becomes one entry, or an error naming the field ---------

struct OpenRequest {
  std::string title;
  Instant awareness{};
  std::string timezone;
  std::string entity_type;
  bool trust_service_incident = false;
  std::string by;
  Instant now{};
  // Recorded in the opened entry as "supplier" {id, name} and
  // "affected_functions" [{id, name, critical, fails}] only when given, so
  // entries without it are byte for byte what they always were.
  std::optional<SupplierCause> supplier = std::nullopt;
  std::string exercise = {};  // the live exercise ("EX-3") this incident is played in; "" for a real one
};
Result<EventDraft> open_incident(const OpenRequest& request);

struct AssessRequest {
  std::string inputs;          // canonical JSON of the significance input
  std::string entity_type;     // the input's entity_type
  Significance result;         // assess_significance() of the input
  std::optional<bool> judgement;
  std::string note;
  std::string by;
  Instant now{};
};
Result<EventDraft> assess(const Incident& incident, const AssessRequest& request);

struct DecideRequest {
  std::optional<Instant> decided_at;  // default: now
  std::string decision;
  std::vector<std::string> options;
  std::string rationale;
  std::vector<std::string> known;
  std::vector<std::string> unknown;
  Confidence confidence = Confidence::Medium;
  std::string by;
  Instant now{};
  std::vector<std::string> tags = {};  // --tag: lower-case ids, e.g. "containment"
};
Result<EventDraft> decide(const Incident& incident, const DecideRequest& request);

struct EvidenceRequest {
  std::string sha256;
  std::int64_t size = 0;
  std::string file_name;
  std::string description;
  std::string by;
  Instant now{};
  std::vector<std::string> tags = {};  // --tag, as for decisions
};
Result<EventDraft> add_evidence(const Incident& incident, const EvidenceRequest& request);

struct SubmitRequest {
  SubmissionType type = SubmissionType::EarlyWarning;
  std::optional<Instant> submitted_at;  // default: now
  Recipient recipient = Recipient::Csirt;
  std::string reference;
  std::string by;
  Instant now{};
  bool out_of_order = false;  // record it although it is out of order (out_of_order())
};
// The entry stores the deadline the submission answered and whether it was on
// time. An out-of-order submission is refused unless request.out_of_order;
// a time in the future or before awareness always is.
Result<EventDraft> submit(const Incident& incident, const SubmitRequest& request);

// The Art. 23(4) (or GDPR Art. 33(1)) deadline a submission of `type` to `to`
// at `at` answers on the record as it stands; nullopt when it answers none.
std::optional<Instant> answered_deadline(const Incident& incident, SubmissionType type, Recipient to, Instant at);

// Why a submission of `type` to `to` at `at` is out of the Art. 23(4) order
// on the record as it stands (empty: it is not): a notification timed before
// the early warning, an early warning after the notification, an
// intermediate report before either, a final or progress report before any
// notification. Only reports to the CSIRT or the competent authority count.
std::vector<std::string> out_of_order(const Incident& incident, SubmissionType type, Recipient to, Instant at);

// The clock a submission of `type` answers (Art. 23(4)(a), (b), (d), (e), GDPR
// Art. 33(1)); nullopt for an intermediate report, which has none.
std::optional<Report> report_of(SubmissionType type);

struct WithdrawRequest {
  SubmissionType report = SubmissionType::Notification;
  std::string reason;
  std::string by;
  Instant now{};
};
// Ends a report that is owed only because an earlier submission started the
// Art. 23(4) sequence (Owed::UntilWithdrawn): the latest assessment must
// conclude "not significant" and the reason is required.
Result<EventDraft> withdraw_report(const Incident& incident, const WithdrawRequest& request);

struct FactsRequest {
  Facts facts;  // id -> value; ids from report_content's fact_definitions()
  std::string by;
  Instant now{};
};
Result<EventDraft> record_facts(const Incident& incident, const FactsRequest& request);

struct BreachRequest {
  Instant awareness{};  // becoming aware of the personal-data breach
  std::string by;
  Instant now{};
};
Result<EventDraft> attach_personal_data_breach(const Incident& incident, const BreachRequest& request);

struct CloseRequest {
  std::optional<Instant> handled_at;  // default: now
  std::string summary;
  std::string by;
  Instant now{};
};
Result<EventDraft> close(const Incident& incident, const CloseRequest& request);

// --- the projection ---------------------------------------------------------

// Folds one entry into the record (the entry must belong to it and follow its head).
Result<void> apply(Incident& incident, const Event& event);
// The record an incident's whole chain describes.
Result<Incident> replay(std::span<const Event> events);

// Every clock that runs on the incident (deadlines.h), from its record.
Result<Deadlines> clocks(const Incident& incident);

// On what footing a pending report is owed.
enum class Owed {
  Due,             // the incident is significant (or it is the GDPR Art. 33 notification)
  IfSignificant,   // not assessed yet, or the latest assessment is undetermined
  UntilWithdrawn,  // assessed not significant, but a submission already started the Art. 23(4) sequence
};
std::string_view to_string(Owed owed);  // "due" | "due_if_significant" | "due_until_withdrawn"
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
Result<std::vector<PendingReport>> pending_reports(const Incident& incident);

// The latest assessment's conclusion (NotAssessed without one).
Conclusion latest_conclusion(const Incident& incident);

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
  std::string status;  // "open" | "closed"
  Conclusion significance = Conclusion::NotAssessed;  // the latest assessment's
  bool overridden = false;          // the latest assessment's judgement overrides the rules
  std::optional<Instant> next_due;  // the earliest pending report with a due time
  std::string next_report;          // its name (to_string(Report)), "" when none
  bool active = false;              // open, or a report still pending
  std::vector<LateSubmission> late; // submissions that answered their deadline late, in order
  std::string exercise;             // Incident::exercise ("" for a real incident)
  std::int64_t event_count = 0;
  std::string head_hash;
  bool operator==(const Summary&) const = default;
  // How the next report is owed (owed_for); meaningful when next_report is set.
  Owed next_owed() const;
};
Result<Summary> summarise(const Incident& incident);

// "INC-7" <-> 7.
std::string incident_id(std::int64_t number);
Result<std::int64_t> parse_incident_id(std::string_view text, std::string_view where);

}  // namespace vigil::incident
