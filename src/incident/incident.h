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

struct Assessment {
  Instant recorded_at{};
  std::string judged_by;
  std::string inputs;                // the significance input, canonical JSON
  std::optional<bool> rule_result;   // IR 2024/2690 verdict; nullopt when not covered
  std::vector<std::string> criteria;
  std::vector<std::string> explanation;
  std::optional<bool> judgement;     // the person's conclusion (required when the rules give none)
  std::string note;
  // What counts: the judgement when given, else the rules' verdict.
  std::optional<bool> significant() const { return judgement ? judgement : rule_result; }
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
};

struct EvidenceItem {
  Instant added_at{};
  std::string added_by;
  std::string sha256;     // of the content, lower-case hex
  std::int64_t size = 0;  // bytes
  std::string file_name;  // as given, without directories
  std::string description;  // what it shows
};

struct Submission {
  Instant recorded_at{};
  std::string by;
  SubmissionType type = SubmissionType::EarlyWarning;
  Instant submitted_at{};
  Recipient recipient = Recipient::Csirt;
  std::string reference;  // the authority's case number, if any
};

struct Closure {
  Instant recorded_at{};
  std::string by;
  Instant handled_at{};  // when the incident was handled (Art. 23(4)(e))
  std::string summary;
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
  std::string opened_by;
  Instant opened_at{};
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
};
Result<EventDraft> decide(const Incident& incident, const DecideRequest& request);

struct EvidenceRequest {
  std::string sha256;
  std::int64_t size = 0;
  std::string file_name;
  std::string description;
  std::string by;
  Instant now{};
};
Result<EventDraft> add_evidence(const Incident& incident, const EvidenceRequest& request);

struct SubmitRequest {
  SubmissionType type = SubmissionType::EarlyWarning;
  std::optional<Instant> submitted_at;  // default: now
  Recipient recipient = Recipient::Csirt;
  std::string reference;
  std::string by;
  Instant now{};
};
Result<EventDraft> submit(const Incident& incident, const SubmitRequest& request);

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

// A clock still waiting for its report.
struct PendingReport {
  Report report;
  std::optional<Instant> due;  // absent: one month after handling, not yet known
  std::string_view reference;
};
// Pending reports in due order. None of the Art. 23 clocks run once an
// assessment concludes the incident is not significant (the GDPR one still does).
Result<std::vector<PendingReport>> pending_reports(const Incident& incident);

// What a listing needs, kept beside the log by the store and re-derived by
// `audit verify`.
struct Summary {
  std::string id;
  std::int64_t number = 0;
  std::string title;
  std::string entity_type;
  Instant awareness{};
  std::string status;  // "open" | "closed"
  std::optional<bool> significant;  // latest assessment; nullopt: not assessed
  std::optional<Instant> next_due;  // the earliest pending report with a due time
  std::string next_report;          // its name (to_string(Report)), "" when none
  bool active = false;              // open, or a report still pending
  std::int64_t event_count = 0;
  std::string head_hash;
  bool operator==(const Summary&) const = default;
};
Result<Summary> summarise(const Incident& incident);

// "INC-7" <-> 7.
std::string incident_id(std::int64_t number);
Result<std::int64_t> parse_incident_id(std::string_view text, std::string_view where);

}  // namespace vigil::incident
