// The commands of the incident record: each is a pure function from the
// record as it stands and a request to one new entry of its log (events.h),
// or an error naming the request's field. The CLI and the server call these
// and nothing else, so they cannot disagree about what may be recorded.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "incident/event_log.h"
#include "incident/record.h"
#include "incident/significance.h"

namespace vigil::incident {

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
// The time zone must be one `zones` knows (else an error naming "timezone",
// with the nearest of zones.names() when any is close).
Result<EventDraft> open_incident(const OpenRequest& request, const Zones& zones);

struct AssessRequest {
  std::string inputs;       // canonical JSON of the significance input
  std::string entity_type;  // the input's entity_type
  Significance result;      // assess_significance() of the input
  std::optional<bool> judgement;
  std::string note;
  std::string by;
  Instant now{};
};
Result<EventDraft> assess(const Incident& incident, const AssessRequest& request);

struct DecideRequest {
  std::optional<Instant> decided_at;  // default: now
  DecisionContent content;            // the entry stores it as it is
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
Result<EventDraft> submit(const Incident& incident, const SubmitRequest& request, const Zones& zones);

// The Art. 23(4) (or GDPR Art. 33(1)) deadline a submission of `type` to `to`
// at `at` answers on the record as it stands; nullopt when it answers none.
// (None either when `zones` does not know the incident's time zone.)
std::optional<Instant> answered_deadline(const Incident& incident, SubmissionType type, Recipient to, Instant at,
                                         const Zones& zones);

// Why a submission of `type` to `to` at `at` is out of the Art. 23(4) order
// on the record as it stands (empty: it is not): a notification timed before
// the early warning, an early warning after the notification, an
// intermediate report before either, a final or progress report before any
// notification. Only reports to the CSIRT or the competent authority count.
std::vector<std::string> out_of_order(const Incident& incident, SubmissionType type, Recipient to, Instant at);

struct WithdrawRequest {
  SubmissionType report = SubmissionType::Notification;
  std::string reason;
  std::string by;
  Instant now{};
};
// Ends a report that is owed only because an earlier submission started the
// Art. 23(4) sequence (Owed::UntilWithdrawn): the latest assessment must
// conclude "not significant" and the reason is required.
Result<EventDraft> withdraw_report(const Incident& incident, const WithdrawRequest& request, const Zones& zones);

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

}  // namespace vigil::incident
