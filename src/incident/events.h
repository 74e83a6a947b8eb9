// The entries of an incident's log, typed: one struct per kind of entry, each
// with one encoding to the canonical JSON payload that the hash chain covers
// and one decoding back. Every entry ever written decodes, and encoding what
// was decoded gives its payload back byte for byte: fields that older
// entries lack are optional here (absent, not empty), so nothing is invented.
//
// Payload keys (JSON objects, keys sorted by canonical_json):
//   opened          title, awareness_time, timezone, entity_type,
//                   trust_service_incident; supplier {id, name} and
//                   affected_functions [{id, name, critical, fails}] only when
//                   opened from a supplier's incident; exercise only in an
//                   exercise's incident
//   assessed        inputs, rule_result, criteria, undetermined (absent in
//                   entries written before it existed), explanation,
//                   judgement, note
//   decided         decided_at, decision, options, rationale, known, unknown,
//                   confidence; tags only when there are some
//   evidence_added  sha256, size (bytes), file_name, description; tags
//   submitted       type, submitted_at, recipient, reference; deadline and
//                   on_time (absent in entries written before submissions
//                   stored them); out_of_order only when accepted out of order
//   facts_recorded  facts {id: value}
//   report_withdrawn  report, reason
//   personal_data_breach_attached  awareness_time
//   closed          handled_at, summary
// Times are RFC 3339 UTC text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "incident/event_log.h"
#include "incident/record.h"

namespace vigil::incident::event {

struct Opened {
  std::string title;
  Instant awareness{};
  std::string timezone;  // IANA
  std::string entity_type;
  bool trust_service_incident = false;
  std::optional<SupplierCause> supplier;
  std::string exercise;  // "" for a real incident: the key is then absent
  bool operator==(const Opened&) const = default;
};

struct Assessed {
  std::string inputs;  // the significance input, canonical JSON
  std::optional<bool> rule_result;
  std::vector<std::string> criteria;
  std::optional<std::vector<UndeterminedCriterion>> undetermined;
  std::vector<std::string> explanation;
  std::optional<bool> judgement;
  std::string note;
  bool operator==(const Assessed&) const = default;
};

struct Decided : DecisionContent {
  Instant decided_at{};
  bool operator==(const Decided&) const = default;
};

struct EvidenceAdded {
  std::string sha256;
  std::int64_t size = 0;  // bytes
  std::string file_name;
  std::string description;
  std::vector<std::string> tags;
  bool operator==(const EvidenceAdded&) const = default;
};

// The deadline a submission answered, as its entry stores it.
struct AnsweredDeadline {
  std::optional<Instant> deadline;
  std::optional<bool> on_time;
  bool operator==(const AnsweredDeadline&) const = default;
};

struct Submitted : SubmissionContent {
  std::optional<AnsweredDeadline> answered;  // absent in entries written before it existed
  bool operator==(const Submitted&) const = default;
};

struct FactsRecorded {
  Facts facts;  // id -> value, in id order
  bool operator==(const FactsRecorded&) const = default;
};

struct ReportWithdrawn {
  SubmissionType report = SubmissionType::Notification;
  std::string reason;
  bool operator==(const ReportWithdrawn&) const = default;
};

struct PersonalDataBreachAttached {
  Instant awareness{};
  bool operator==(const PersonalDataBreachAttached&) const = default;
};

struct Closed {
  Instant handled_at{};
  std::string summary;
  bool operator==(const Closed&) const = default;
};

using Body = std::variant<Opened, Assessed, Decided, EvidenceAdded, Submitted, FactsRecorded, ReportWithdrawn,
                          PersonalDataBreachAttached, Closed>;

// The entry's kind as the log names it: "opened", "assessed", ...
std::string_view kind(const Body& body);
// The payload: canonical JSON.
std::string encode(const Body& body);
// An entry to append, recorded by `by` at `now`.
EventDraft draft(Body body, std::string by, Instant now);
// The typed payload of an entry of `kind`; an Internal error naming `where`
// when the kind is unknown or the payload does not describe it.
Result<Body> decode(std::string_view kind, std::string_view payload, std::string_view where);

}  // namespace vigil::incident::event
