// The incident record of Art. 23 NIS2: what happened, who judged and decided
// what and why, which evidence backs it, what was reported to whom. The
// record is a projection of its log: apply() folds each entry (events.h) into
// it, in order, and replay() folds a whole chain.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "incident/event_log.h"
#include "incident/report_content.h"
#include "incident/significance.h"
#include "incident/vocabulary.h"
#include "incident/zones.h"

namespace vigil::incident {

struct Assessment {
  Instant recorded_at{};
  std::string judged_by;
  std::string inputs;  // the significance input, canonical JSON
  // IR 2024/2690 verdict; nullopt when the rules give none: undetermined
  // (`undetermined` names the open criteria) or the type is not covered.
  std::optional<bool> rule_result;
  std::vector<std::string> criteria;
  // The criteria the rules could not decide, with the facts each needs
  // (recorded since entries carry it; empty in older entries).
  std::vector<UndeterminedCriterion> undetermined;
  std::vector<std::string> explanation;
  std::optional<bool> judgement;  // the person's conclusion (required when the type is not covered)
  std::string note;               // the rationale (required for an override or a judgement on undetermined rules)
  // What counts: the judgement when given, else the rules' verdict.
  std::optional<bool> significant() const { return judgement ? judgement : rule_result; }
  Conclusion conclusion() const;
  // A judgement contrary to the rules' verdict: not significant although a
  // criterion is met, or significant although none is.
  bool overrides_rules() const { return judgement && rule_result && *judgement != *rule_result; }
};

// What a decision says, apart from when it was taken and by whom: what a
// decide request carries (commands.h), the log's "decided" entry stores
// (events.h) and the record shows, one struct for the three.
struct DecisionContent {
  std::string decision;
  std::vector<std::string> options;  // the options considered
  std::string rationale;
  std::vector<std::string> known;    // what was known at the time
  std::vector<std::string> unknown;  // what was not known yet
  Confidence confidence = Confidence::Medium;
  // What kind of decision (--tag: lower-case ids, e.g. "containment"),
  // matched by exercise expectations.
  std::vector<std::string> tags = {};
  bool operator==(const DecisionContent&) const = default;
};

struct Decision : DecisionContent {
  Instant recorded_at{};
  Instant decided_at{};
  std::string decided_by;
};

struct EvidenceItem {
  Instant added_at{};
  std::string added_by;
  std::string sha256;             // of the content, lower-case hex
  std::int64_t size = 0;          // bytes
  std::string file_name;          // as given, without directories
  std::string description;        // what it shows
  std::vector<std::string> tags;  // what kind of evidence ("forensics"), matched by exercise expectations
};

// What a submission says, apart from who recorded it when and the deadline
// it answered: what the log's "submitted" entry stores (events.h) and the
// record shows, one struct for both.
struct SubmissionContent {
  SubmissionType type = SubmissionType::EarlyWarning;
  Instant submitted_at{};
  Recipient recipient = Recipient::Csirt;
  std::string reference;  // the authority's case number, if any
  // What was out of order and accepted with --out-of-order (out_of_order()).
  std::vector<std::string> out_of_order = {};
  bool operator==(const SubmissionContent&) const = default;
};

struct Submission : SubmissionContent {
  Instant recorded_at{};
  std::string by;
  // The deadline this submission answered (answered_deadline()): nullopt for
  // one that answers none (an intermediate report, information to service
  // recipients, a report whose clock an earlier one already stopped, a final
  // report whose month has not begun).
  std::optional<Instant> deadline = std::nullopt;
  std::optional<bool> on_time = std::nullopt;  // submitted_at <= deadline; nullopt without a deadline
  // false for entries written before submissions stored their deadline: the
  // deadline and on_time were derived from the record when it was replayed.
  bool deadline_recorded = true;
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

// An incident that came from a supplier's incident: the supplier
// as named in the organisation's stored supplier register, and the functions
// that depend on it (directly or through subcontractors) when it was opened,
// critical first: whether each fails or keeps another supplier of the same kind.
struct AffectedFunction {
  std::string id;
  std::string name;
  bool critical = false;
  bool fails = false;  // false: it keeps an alternative supplier
  bool operator==(const AffectedFunction&) const = default;
};
struct SupplierCause {
  std::string id;
  std::string name;
  std::vector<AffectedFunction> functions;
  bool operator==(const SupplierCause&) const = default;
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

// Folds one entry into the record (the entry must belong to it and follow its
// head). `zones` places the deadline a submission answered for entries written
// before submissions stored it (answered_deadline()).
Result<void> apply(Incident& incident, const Event& event, const Zones& zones);
// The record an incident's whole chain describes.
Result<Incident> replay(std::span<const Event> events, const Zones& zones);

// The latest assessment's conclusion (NotAssessed without one).
Conclusion latest_conclusion(const Incident& incident);
// When the first submission of `type` that stops its clock was made
// (Incident::first_clock_submission); nullopt when none was.
std::optional<Instant> first_clock_submission(const Incident& incident, SubmissionType type);
// Has any Art. 23(4) report reached the CSIRT or the competent authority? Then
// the entity has started the reporting sequence with them.
bool art23_sequence_started(const Incident& incident);

}  // namespace vigil::incident
