#include "incident/incident.h"

#include <algorithm>
#include <array>

#include <date/tz.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "catalog/catalog.h"
#include "core/text.h"

namespace vigil::incident {

using nlohmann::json;

namespace {

std::string dump(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

EventDraft draft(std::string kind, const std::string& by, Instant now, const json& payload) {
  return EventDraft{std::move(kind), by, now, dump(payload)};
}

struct Errors {
  std::vector<Error> list;
  void add(std::string where, std::string message) {
    list.push_back(Error{ErrorCode::InvalidInput, std::move(where), std::move(message), {}});
  }
  // A required value: not blank, and nothing in it that could hide or
  // reorder what a reader sees (core/text.h unsafe_text).
  void require_text(const std::string& value, std::string where, std::string_view what, bool multiline = false) {
    if (trim(value).empty()) add(std::move(where), fmt::format("is required: {}", what));
    else safe(value, std::move(where), multiline);
  }
  void safe(std::string_view value, std::string where, bool multiline) {
    if (auto problem = unsafe_text(value, multiline)) add(std::move(where), *problem);
  }
  void safe(const std::vector<std::string>& values, const std::string& where) {
    for (std::size_t i = 0; i < values.size(); ++i) safe(values[i], fmt::format("{}[{}]", where, i + 1), true);
  }
  void not_in_future(Instant t, Instant now, std::string where) {
    if (t > now) add(std::move(where), fmt::format("{} is in the future (now is {})", format_utc(t), format_utc(now)));
  }
  Result<void> result() {
    if (list.empty()) return {};
    return tl::unexpected(combine(std::move(list)));
  }
};

template <class Enum, std::size_t N>
Result<Enum> parse_name(std::string_view text, std::string_view where,
                        const std::array<std::pair<std::string_view, Enum>, N>& names) {
  std::string wanted = to_lower(trim(text));
  std::replace(wanted.begin(), wanted.end(), '_', '-');
  std::vector<std::string> valid;
  for (const auto& [name, value] : names) {
    std::string n(name);
    std::replace(n.begin(), n.end(), '_', '-');
    if (n == wanted) return value;
    valid.emplace_back(name);
  }
  return invalid(std::string(where), fmt::format("'{}' is not valid; expected {}", excerpt(text), or_list(valid)));
}

constexpr std::array<std::pair<std::string_view, Confidence>, 3> kConfidences{{
    {"low", Confidence::Low}, {"medium", Confidence::Medium}, {"high", Confidence::High}}};
constexpr std::array<std::pair<std::string_view, SubmissionType>, kSubmissionTypeCount> kSubmissionTypes{{
    {"early-warning", SubmissionType::EarlyWarning},
    {"notification", SubmissionType::Notification},
    {"intermediate", SubmissionType::Intermediate},
    {"final", SubmissionType::Final},
    {"progress", SubmissionType::Progress},
    {"gdpr-breach", SubmissionType::GdprBreach}}};
constexpr std::array<std::pair<std::string_view, Recipient>, 4> kRecipients{{
    {"csirt", Recipient::Csirt},
    {"competent_authority", Recipient::CompetentAuthority},
    {"service_recipients", Recipient::ServiceRecipients},
    {"supervisory_authority", Recipient::SupervisoryAuthority}}};

template <class Enum, std::size_t N>
std::string_view name_of(Enum value, const std::array<std::pair<std::string_view, Enum>, N>& names) {
  for (const auto& [name, v] : names) {
    if (v == value) return name;
  }
  return "?";
}

const date::time_zone* find_zone(const std::string& name) {
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return nullptr;
  }
}

std::vector<std::string> zone_suggestions(const std::string& name) {
  std::vector<std::string_view> names;
  try {
    for (const auto& zone : date::get_tzdb().zones) names.push_back(zone.name());
  } catch (const std::exception&) {
    return {};
  }
  return nearest(name, names);
}

// Only the reports that reach the CSIRT or the competent authority stop the
// Art. 23(4) clocks; informing service recipients (Art. 23(1)) is separate.
bool counts_for_clock(SubmissionType type, Recipient to) {
  if (type == SubmissionType::GdprBreach) return to == Recipient::SupervisoryAuthority;
  return to == Recipient::Csirt || to == Recipient::CompetentAuthority;
}
bool counts_for_clock(const Submission& s) { return counts_for_clock(s.type, s.recipient); }

std::optional<Instant> first_submission(const Incident& incident, SubmissionType type) {
  return incident.first_clock_submission[static_cast<std::size_t>(type)];
}

bool was_submitted(const Incident& incident, SubmissionType type) { return first_submission(incident, type).has_value(); }

Instant parse_time(const json& value, std::string_view where) {
  auto t = parse_rfc3339(value.get<std::string>(), where);
  if (!t) throw std::runtime_error(t.error().message);
  return *t;
}

std::optional<bool> optional_bool(const json& value) {
  if (value.is_null()) return std::nullopt;
  return value.get<bool>();
}

json optional_bool_json(std::optional<bool> value) { return value ? json(*value) : json(nullptr); }

json optional_time_json(std::optional<Instant> t) { return t ? json(format_utc(*t)) : json(nullptr); }

std::optional<Instant> optional_time(const json& value, std::string_view where) {
  if (value.is_null()) return std::nullopt;
  return parse_time(value, where);
}

}  // namespace

std::optional<Report> report_of(SubmissionType type) {
  switch (type) {
    case SubmissionType::EarlyWarning: return Report::EarlyWarning;
    case SubmissionType::Notification: return Report::IncidentNotification;
    case SubmissionType::Final: return Report::FinalReport;
    case SubmissionType::Progress: return Report::ProgressReport;
    case SubmissionType::GdprBreach: return Report::GdprBreachNotification;
    case SubmissionType::Intermediate: return std::nullopt;
  }
  return std::nullopt;
}

namespace {

// Has any Art. 23(4) report reached the CSIRT or the competent authority? Then
// the entity has started the reporting sequence with them.
bool art23_sequence_started(const Incident& incident) {
  for (auto type : {SubmissionType::EarlyWarning, SubmissionType::Notification, SubmissionType::Intermediate,
                    SubmissionType::Final, SubmissionType::Progress}) {
    if (incident.first_clock_submission[static_cast<std::size_t>(type)]) return true;
  }
  return false;
}

constexpr std::array<std::pair<std::string_view, Conclusion>, 4> kConclusions{{
    {"not_assessed", Conclusion::NotAssessed},
    {"significant", Conclusion::Significant},
    {"not_significant", Conclusion::NotSignificant},
    {"undetermined", Conclusion::Undetermined}}};
constexpr std::array<std::pair<std::string_view, Owed>, 3> kOwed{{
    {"due", Owed::Due}, {"due_if_significant", Owed::IfSignificant}, {"due_until_withdrawn", Owed::UntilWithdrawn}}};

}  // namespace

std::string_view to_string(Confidence c) { return name_of(c, kConfidences); }
Result<Confidence> parse_confidence(std::string_view text, std::string_view where) {
  return parse_name(text, where, kConfidences);
}
std::string_view to_string(SubmissionType t) { return name_of(t, kSubmissionTypes); }
Result<SubmissionType> parse_submission_type(std::string_view text, std::string_view where) {
  return parse_name(text, where, kSubmissionTypes);
}
std::string_view to_string(Recipient r) { return name_of(r, kRecipients); }
std::string_view to_string(Conclusion c) { return name_of(c, kConclusions); }
std::string_view to_string(Owed o) { return name_of(o, kOwed); }

Conclusion Assessment::conclusion() const {
  auto s = significant();
  if (!s) return Conclusion::Undetermined;
  return *s ? Conclusion::Significant : Conclusion::NotSignificant;
}

std::optional<std::chrono::seconds> Submission::late_by() const {
  if (!deadline || submitted_at <= *deadline) return std::nullopt;
  return std::chrono::duration_cast<std::chrono::seconds>(submitted_at - *deadline);
}

Conclusion latest_conclusion(const Incident& incident) {
  return incident.assessments.empty() ? Conclusion::NotAssessed : incident.assessments.back().conclusion();
}

Owed owed_for(Report report, Conclusion conclusion) {
  if (report == Report::GdprBreachNotification) return Owed::Due;  // GDPR Art. 33 does not ask NIS2's question
  switch (conclusion) {
    case Conclusion::Significant: return Owed::Due;
    case Conclusion::NotSignificant: return Owed::UntilWithdrawn;
    case Conclusion::NotAssessed:
    case Conclusion::Undetermined: return Owed::IfSignificant;
  }
  return Owed::IfSignificant;
}

Owed Summary::next_owed() const {
  for (auto r : {Report::EarlyWarning, Report::IncidentNotification, Report::FinalReport, Report::ProgressReport,
                 Report::GdprBreachNotification}) {
    if (to_string(r) == next_report) return owed_for(r, significance);
  }
  return owed_for(Report::EarlyWarning, significance);
}
Result<Recipient> parse_recipient(std::string_view text, std::string_view where) {
  return parse_name(text, where, kRecipients);
}

std::string incident_id(std::int64_t number) { return fmt::format("INC-{}", number); }

Result<std::int64_t> parse_incident_id(std::string_view text, std::string_view where) {
  std::string_view digits = text;
  if (digits.size() > 4 && to_lower(digits.substr(0, 4)) == "inc-") digits.remove_prefix(4);
  std::int64_t number = 0;
  bool ok = !digits.empty() && digits.size() <= 18 && digits.front() != '0';
  for (char c : digits) {
    if (!ok) break;  // also stops before a number too long for int64 could overflow
    if (c < '0' || c > '9') ok = false;
    else number = number * 10 + (c - '0');
  }
  if (!ok) return invalid(std::string(where), fmt::format("'{}' is not an incident id; expected e.g. INC-7", excerpt(text)));
  return number;
}

// --- requests ----------------------------------------------------------------

Result<EventDraft> open_incident(const OpenRequest& r) {
  Errors errors;
  errors.require_text(r.title, "title", "a short title of the incident");
  errors.require_text(r.by, "by", "who opens the incident");
  errors.not_in_future(r.awareness, r.now, "awareness_time");
  if (!find_zone(r.timezone)) {
    auto near = zone_suggestions(r.timezone);
    errors.add("timezone", fmt::format("'{}' is not an IANA time zone{}", excerpt(r.timezone),
                                         near.empty() ? std::string(" (e.g. Europe/Berlin)")
                                                      : fmt::format("; did you mean {}?", or_list(near))));
  }
  if (!catalog::find_entity_type(r.entity_type)) {
    auto ids = catalog::entity_type_ids();
    auto near = nearest(r.entity_type, ids);
    errors.add("entity_type", fmt::format("'{}' is not an entity type of the catalog{}", excerpt(r.entity_type),
                                            near.empty() ? std::string(" (the catalog lists its entity types)")
                                                         : fmt::format("; did you mean {}?", or_list(near))));
  }
  TRY(errors.result());
  json payload{{"title", std::string(trim(r.title))},
               {"awareness_time", format_utc(r.awareness)},
               {"timezone", r.timezone},
               {"entity_type", r.entity_type},
               {"trust_service_incident", r.trust_service_incident}};
  if (r.supplier) {
    payload["supplier"] = {{"id", r.supplier->id}, {"name", r.supplier->name}};
    json functions = json::array();
    for (const auto& f : r.supplier->functions) {
      functions.push_back({{"id", f.id}, {"name", f.name}, {"critical", f.critical}, {"fails", f.fails}});
    }
    payload["affected_functions"] = std::move(functions);
  }
  // Only exercise incidents carry the key, so every real incident's bytes stay as they were.
  if (!r.exercise.empty()) payload["exercise"] = r.exercise;
  return draft("opened", r.by, r.now, payload);
}

Result<EventDraft> assess(const Incident& incident, const AssessRequest& r) {
  Errors errors;
  errors.require_text(r.by, "by", "who judged the significance");
  errors.safe(r.note, "rationale", true);
  if (r.entity_type != incident.entity_type) {
    errors.add("impact: entity_type", fmt::format("'{}' differs from the incident's entity type '{}'",
                                                   excerpt(r.entity_type), excerpt(incident.entity_type)));
  }
  const Significance& rules = r.result;
  if (!rules.covered_by_ir_2024_2690 && !r.judgement) {
    errors.add("judgement", fmt::format("is required: IR 2024/2690 does not cover '{}', so a person must "
                                          "conclude under Art. 23(3) (significant or not-significant)",
                                          excerpt(incident.entity_type)));
  }
  // A judgement against the rules, or in place of rules that cannot decide
  // yet, states more than the facts do: the record must say why.
  if (r.judgement && trim(r.note).empty()) {
    if (rules.significant && *rules.significant != *r.judgement) {
      std::string criteria;
      for (const auto& c : rules.criteria) criteria += (criteria.empty() ? "" : ", ") + c;
      errors.add("rationale",
                 *r.judgement ? std::string("is required: the judgement 'significant' overrides IR 2024/2690, under "
                                            "which no criterion is met; say why")
                              : fmt::format("is required: the judgement 'not significant' overrides IR 2024/2690, "
                                            "under which {} {} met; say why",
                                            criteria, rules.criteria.size() == 1 ? "is" : "are"));
    } else if (rules.is_undetermined()) {
      std::string facts;
      for (const auto& f : rules.facts_to_establish) facts += (facts.empty() ? "" : ", ") + f;
      errors.add("rationale", fmt::format("is required: IR 2024/2690 cannot decide yet (facts to establish: {}), "
                                            "so a judgement '{}' must say why",
                                            facts, *r.judgement ? "significant" : "not significant"));
    }
  }
  json inputs = json::parse(r.inputs, nullptr, false);
  if (inputs.is_discarded()) errors.add("impact", "is not JSON");
  TRY(errors.result());
  json undetermined = json::array();
  for (const auto& u : rules.undetermined) undetermined.push_back({{"criterion", u.criterion}, {"missing", u.missing}});
  return draft("assessed", r.by, r.now,
               json{{"inputs", inputs},
                    {"rule_result", optional_bool_json(rules.significant)},
                    {"criteria", rules.criteria},
                    {"undetermined", undetermined},
                    {"explanation", rules.explanation},
                    {"judgement", optional_bool_json(r.judgement)},
                    {"note", r.note}});
}

// Tags: short ids such as "containment", matched by exercise expectations.
static void check_tags(Errors& errors, const std::vector<std::string>& tags) {
  for (const auto& tag : tags) {
    bool ok = !tag.empty() && tag.size() <= 64 && std::all_of(tag.begin(), tag.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    });
    if (!ok) {
      errors.add("tags", fmt::format("'{}' is not a tag; expected lower-case letters, digits, '-', '_' or '.' "
                                      "(at most 64), e.g. containment",
                                      excerpt(tag)));
    }
  }
}

Result<EventDraft> decide(const Incident& /*incident*/, const DecideRequest& r) {
  Errors errors;
  errors.require_text(r.by, "by", "who decided");
  errors.require_text(r.decision, "decision", "what was decided", true);
  errors.require_text(r.rationale, "rationale", "why", true);
  errors.safe(r.options, "options");
  errors.safe(r.known, "known");
  errors.safe(r.unknown, "unknown");
  Instant decided_at = r.decided_at.value_or(r.now);
  errors.not_in_future(decided_at, r.now, "decided_at");
  check_tags(errors, r.tags);
  TRY(errors.result());
  json payload{{"decided_at", format_utc(decided_at)},
               {"decision", r.decision},
               {"options", r.options},
               {"rationale", r.rationale},
               {"known", r.known},
               {"unknown", r.unknown},
               {"confidence", to_string(r.confidence)}};
  if (!r.tags.empty()) payload["tags"] = r.tags;  // absent when none: older entries keep their bytes
  return draft("decided", r.by, r.now, std::move(payload));
}

Result<EventDraft> add_evidence(const Incident& /*incident*/, const EvidenceRequest& r) {
  Errors errors;
  errors.require_text(r.by, "by", "who adds the evidence");
  errors.require_text(r.description, "description", "what the evidence shows", true);
  errors.safe(r.file_name, "file_name", false);
  if (r.size > kMaxEvidenceBytes) {
    return fail(ErrorCode::LimitExceeded, r.file_name,
                fmt::format("is {} bytes; evidence files are limited to {} bytes (25 MiB): store large "
                            "artefacts elsewhere and add a file that references them by hash",
                            r.size, kMaxEvidenceBytes));
  }
  bool hex = r.sha256.size() == 64 &&
             std::all_of(r.sha256.begin(), r.sha256.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
  if (!hex) errors.add("sha256", "must be 64 lower-case hex digits");
  check_tags(errors, r.tags);
  TRY(errors.result());
  json payload{{"sha256", r.sha256}, {"size", r.size}, {"file_name", r.file_name}, {"description", r.description}};
  if (!r.tags.empty()) payload["tags"] = r.tags;
  return draft("evidence_added", r.by, r.now, std::move(payload));
}

Result<EventDraft> submit(const Incident& incident, const SubmitRequest& r) {
  Errors errors;
  errors.require_text(r.by, "by", "who submitted");
  errors.safe(r.reference, "reference", false);
  Instant at = r.submitted_at.value_or(r.now);
  errors.not_in_future(at, r.now, "submitted_at");
  if (r.type == SubmissionType::GdprBreach) {
    if (r.recipient != Recipient::SupervisoryAuthority) {
      errors.add("to", "a GDPR Art. 33 breach notification goes to supervisory_authority");
    }
    if (!incident.personal_data_breach_awareness) {
      errors.add("type", fmt::format("no personal-data breach is attached to {}: record the breach first", incident.id));
    } else if (at < *incident.personal_data_breach_awareness) {
      errors.add("submitted_at", fmt::format("{} is before awareness of the personal-data breach ({})", format_utc(at),
                                       format_utc(*incident.personal_data_breach_awareness)));
    }
  } else {
    if (r.recipient == Recipient::SupervisoryAuthority) {
      errors.add("to", "Art. 23 reports go to csirt, competent_authority or service_recipients");
    }
    if (at < incident.awareness) {
      errors.add("submitted_at", fmt::format("submission at {} is before awareness of the incident ({})", format_utc(at),
                                       format_utc(incident.awareness)));
    }
  }
  auto irregular = out_of_order(incident, r.type, r.recipient, at);
  if (!irregular.empty() && !r.out_of_order) {
    for (const auto& why : irregular) {
      errors.add("submitted_at", fmt::format("{}: refused; record the reports in their order, or mark this one as out of order "
                                       "to record it as it happened",
                                       why));
    }
  }
  TRY(errors.result());
  std::optional<Instant> deadline = answered_deadline(incident, r.type, r.recipient, at);
  json payload{{"type", to_string(r.type)},
               {"submitted_at", format_utc(at)},
               {"recipient", to_string(r.recipient)},
               {"reference", r.reference},
               {"deadline", optional_time_json(deadline)},
               {"on_time", deadline ? json(at <= *deadline) : json(nullptr)}};
  if (!irregular.empty()) payload["out_of_order"] = irregular;
  return draft("submitted", r.by, r.now, payload);
}

std::optional<Instant> answered_deadline(const Incident& incident, SubmissionType type, Recipient to, Instant at) {
  // Informing the service recipients (Art. 23(1)) and intermediate reports
  // (on request, Art. 23(4)(c)) have no deadline of their own.
  if (!counts_for_clock(type, to) || type == SubmissionType::Intermediate) return std::nullopt;
  // Only the submission that stops the clock answers it; a later copy (to the
  // competent authority after the CSIRT, a corrected version) does not.
  if (auto first = first_submission(incident, type); first && *first <= at) return std::nullopt;
  auto d = clocks(incident);
  if (!d) return std::nullopt;
  switch (type) {
    case SubmissionType::EarlyWarning:
      // The notification updates the early warning (Art. 23(4)(b)): once it
      // is in, no early-warning deadline is left to answer.
      if (auto notified = first_submission(incident, SubmissionType::Notification); notified && *notified <= at) {
        return std::nullopt;
      }
      return d->early_warning_due;
    case SubmissionType::Notification: return d->incident_notification_due;
    // Art. 23(4)(d) counts from the notification: before one is submitted
    // there is no deadline yet, only an estimate, and a report sent that
    // early is judged against none (neither on time nor late).
    case SubmissionType::Final: return d->final_report_provisional ? std::nullopt : d->final_report_due;
    // Art. 23(4)(e): when the final report would have been due.
    case SubmissionType::Progress:
      if (d->final_report_provisional) return std::nullopt;
      return d->progress_report_due ? d->progress_report_due : d->final_report_due;
    case SubmissionType::GdprBreach: return d->gdpr_breach_notification_due;
    case SubmissionType::Intermediate: break;
  }
  return std::nullopt;
}

std::vector<std::string> out_of_order(const Incident& incident, SubmissionType type, Recipient to, Instant at) {
  std::vector<std::string> out;
  if (type == SubmissionType::GdprBreach || !counts_for_clock(type, to)) return out;
  auto early = first_submission(incident, SubmissionType::EarlyWarning);
  auto notified = first_submission(incident, SubmissionType::Notification);
  bool notified_by_then = notified && *notified <= at;
  switch (type) {
    case SubmissionType::EarlyWarning:
      if (notified_by_then) {
        out.push_back(fmt::format("an early warning at {} after the incident notification submitted at {} (Art. "
                                  "23(4)(b): the notification updates the early warning)",
                                  format_utc(at), format_utc(*notified)));
      }
      break;
    case SubmissionType::Notification:
      if (early && at < *early) {
        out.push_back(fmt::format("an incident notification at {} timed before the early warning submitted at {}",
                                  format_utc(at), format_utc(*early)));
      }
      break;
    case SubmissionType::Intermediate:
      if (!notified_by_then && !(early && *early <= at)) {
        out.push_back(fmt::format("an intermediate report at {} before any early warning or incident notification "
                                  "(Art. 23(4)(c): it answers a request of the CSIRT or competent authority)",
                                  format_utc(at)));
      }
      break;
    case SubmissionType::Final:
    case SubmissionType::Progress:
      if (!notified_by_then) {
        out.push_back(fmt::format("a {} report at {} before any incident notification (Art. 23(4)(d) and (e) count "
                                  "from the notification)",
                                  type == SubmissionType::Final ? "final" : "progress", format_utc(at)));
      }
      break;
    case SubmissionType::GdprBreach: break;
  }
  return out;
}

Result<EventDraft> withdraw_report(const Incident& incident, const WithdrawRequest& r) {
  Errors errors;
  errors.require_text(r.by, "by", "who withdraws the report");
  errors.require_text(r.reason, "reason", "why the report is no longer owed (e.g. what the CSIRT was told)", true);
  auto report = report_of(r.report);
  if (!report || *report == Report::GdprBreachNotification) {
    errors.add("report", fmt::format("'{}' cannot be withdrawn; expected early-warning, notification, progress or final",
                                   to_string(r.report)));
  }
  TRY(errors.result());
  Conclusion conclusion = latest_conclusion(incident);
  if (conclusion != Conclusion::NotSignificant) {
    return fail(ErrorCode::Conflict, incident.id,
                fmt::format("the latest assessment concludes {}: the {} is owed under Art. 23(4) and cannot be "
                            "withdrawn (only an incident assessed as not significant can have a report withdrawn)",
                            conclusion == Conclusion::NotAssessed ? std::string("nothing yet (not assessed)")
                                                                  : std::string(to_string(conclusion)),
                            to_string(r.report)));
  }
  auto pending = TRY(pending_reports(incident));
  bool owed = std::any_of(pending.begin(), pending.end(), [&](const PendingReport& p) { return p.report == *report; });
  if (!owed) {
    return fail(ErrorCode::Conflict, incident.id,
                fmt::format("no {} is pending, so there is nothing to withdraw", to_string(r.report)));
  }
  return draft("report_withdrawn", r.by, r.now,
               json{{"report", to_string(r.report)}, {"reason", std::string(trim(r.reason))}});
}

Result<EventDraft> record_facts(const Incident& /*incident*/, const FactsRequest& r) {
  Errors errors;
  errors.require_text(r.by, "by", "who records the facts");
  if (r.facts.empty()) errors.add("facts", "is required: id=value (at least one)");
  json facts = json::object();
  for (const auto& [id, value] : r.facts) {
    if (!find_fact(id)) {
      std::vector<std::string_view> ids;
      for (const auto& f : fact_definitions()) ids.push_back(f.id);
      auto near = nearest(id, ids);
      errors.add("facts", fmt::format("'{}' is not a report fact{}", excerpt(id),
                                       near.empty() ? fmt::format("; known: {}", or_list({ids.begin(), ids.end()}))
                                                    : fmt::format("; did you mean {}?", or_list(near))));
    }
    facts[id] = value;
  }
  TRY(errors.result());
  return draft("facts_recorded", r.by, r.now, json{{"facts", facts}});
}

Result<EventDraft> attach_personal_data_breach(const Incident& incident, const BreachRequest& r) {
  Errors errors;
  errors.require_text(r.by, "by", "who records the breach");
  errors.not_in_future(r.awareness, r.now, "awareness_time");
  if (incident.personal_data_breach_awareness) {
    errors.add("awareness_time", fmt::format("a personal-data breach is already attached to {}", incident.id));
  }
  TRY(errors.result());
  return draft("personal_data_breach_attached", r.by, r.now, json{{"awareness_time", format_utc(r.awareness)}});
}

Result<EventDraft> close(const Incident& incident, const CloseRequest& r) {
  if (incident.closure) {
    return fail(ErrorCode::Conflict, incident.id, fmt::format("is already closed (handled at {})",
                                                              format_utc(incident.closure->handled_at)));
  }
  Errors errors;
  errors.require_text(r.by, "by", "who closes the incident");
  errors.safe(r.summary, "summary", true);
  Instant handled = r.handled_at.value_or(r.now);
  errors.not_in_future(handled, r.now, "handled_at");
  if (handled < incident.awareness) {
    errors.add("handled_at", fmt::format("{} is before awareness of the incident ({})", format_utc(handled),
                                        format_utc(incident.awareness)));
  }
  TRY(errors.result());
  return draft("closed", r.by, r.now, json{{"handled_at", format_utc(handled)}, {"summary", r.summary}});
}

// --- projection --------------------------------------------------------------

Result<void> apply(Incident& incident, const Event& e) {
  std::string where = fmt::format("{} entry {}", e.incident_id, e.seq);
  if (e.seq != incident.event_count + 1) {
    return fail(ErrorCode::Internal, where, fmt::format("does not follow entry {}", incident.event_count));
  }
  try {
    json p = json::parse(e.payload);
    if (e.kind == "opened") {
      if (e.seq != 1) return fail(ErrorCode::Internal, where, "an incident is opened only once");
      incident.org = e.org;
      incident.id = e.incident_id;
      incident.number = TRY(parse_incident_id(e.incident_id, where));
      incident.title = p.at("title").get<std::string>();
      incident.awareness = parse_time(p.at("awareness_time"), where);
      incident.timezone = p.at("timezone").get<std::string>();
      incident.entity_type = p.at("entity_type").get<std::string>();
      incident.trust_service_incident = p.at("trust_service_incident").get<bool>();
      if (auto s = p.find("supplier"); s != p.end()) {  // only in incidents opened from a supplier's incident
        SupplierCause cause{s->at("id").get<std::string>(), s->at("name").get<std::string>(), {}};
        for (const auto& f : p.at("affected_functions")) {
          cause.functions.push_back({f.at("id").get<std::string>(), f.at("name").get<std::string>(),
                                     f.at("critical").get<bool>(), f.at("fails").get<bool>()});
        }
        incident.supplier = std::move(cause);
      }
      incident.opened_by = e.actor;
      incident.opened_at = e.at;
      if (auto x = p.find("exercise"); x != p.end()) incident.exercise = x->get<std::string>();
    } else if (e.seq == 1) {
      return fail(ErrorCode::Internal, where, "the first entry must open the incident");
    } else if (e.kind == "assessed") {
      Assessment a;
      a.recorded_at = e.at;
      a.judged_by = e.actor;
      a.inputs = dump(p.at("inputs"));
      a.rule_result = optional_bool(p.at("rule_result"));
      a.criteria = p.at("criteria").get<std::vector<std::string>>();
      if (auto u = p.find("undetermined"); u != p.end()) {  // absent in entries written before issue 11
        for (const auto& item : *u) {
          a.undetermined.push_back({item.at("criterion").get<std::string>(),
                                    item.at("missing").get<std::vector<std::string>>()});
        }
      }
      a.explanation = p.at("explanation").get<std::vector<std::string>>();
      a.judgement = optional_bool(p.at("judgement"));
      a.note = p.at("note").get<std::string>();
      // A withdrawal rests on the incident being not significant; any other
      // conclusion puts the reports back.
      if (a.conclusion() != Conclusion::NotSignificant) incident.withdrawn.fill(false);
      incident.assessments.push_back(std::move(a));
    } else if (e.kind == "decided") {
      Decision d;
      d.recorded_at = e.at;
      d.decided_by = e.actor;
      d.decided_at = parse_time(p.at("decided_at"), where);
      d.decision = p.at("decision").get<std::string>();
      d.options = p.at("options").get<std::vector<std::string>>();
      d.rationale = p.at("rationale").get<std::string>();
      d.known = p.at("known").get<std::vector<std::string>>();
      d.unknown = p.at("unknown").get<std::vector<std::string>>();
      d.confidence = TRY(parse_confidence(p.at("confidence").get<std::string>(), where));
      if (auto t = p.find("tags"); t != p.end()) d.tags = t->get<std::vector<std::string>>();
      incident.decisions.push_back(std::move(d));
    } else if (e.kind == "evidence_added") {
      incident.evidence.push_back(EvidenceItem{e.at, e.actor, p.at("sha256").get<std::string>(),
                                               p.at("size").get<std::int64_t>(), p.at("file_name").get<std::string>(),
                                               p.at("description").get<std::string>(), {}});
      if (auto t = p.find("tags"); t != p.end()) incident.evidence.back().tags = t->get<std::vector<std::string>>();
    } else if (e.kind == "submitted") {
      Submission s;
      s.recorded_at = e.at;
      s.by = e.actor;
      s.type = TRY(parse_submission_type(p.at("type").get<std::string>(), where));
      s.submitted_at = parse_time(p.at("submitted_at"), where);
      s.recipient = TRY(parse_recipient(p.at("recipient").get<std::string>(), where));
      s.reference = p.at("reference").get<std::string>();
      if (auto deadline = p.find("deadline"); deadline != p.end()) {
        s.deadline = optional_time(*deadline, where);
        s.on_time = optional_bool(p.at("on_time"));
      } else {
        // Written before submissions stored their deadline: derived from the
        // record as it stood, which is what submit() computes now.
        s.deadline_recorded = false;
        s.deadline = answered_deadline(incident, s.type, s.recipient, s.submitted_at);
        if (s.deadline) s.on_time = s.submitted_at <= *s.deadline;
      }
      if (auto irregular = p.find("out_of_order"); irregular != p.end()) {
        s.out_of_order = irregular->get<std::vector<std::string>>();
      }
      if (counts_for_clock(s)) {
        auto& first = incident.first_clock_submission[static_cast<std::size_t>(s.type)];
        if (!first || s.submitted_at < *first) first = s.submitted_at;
      }
      incident.submissions.push_back(std::move(s));
    } else if (e.kind == "facts_recorded") {
      for (const auto& item : p.at("facts").items()) {
        const std::string& id = item.key();
        auto it = std::find_if(incident.facts.begin(), incident.facts.end(),
                               [&](const auto& f) { return f.first == id; });
        if (it != incident.facts.end()) it->second = item.value().get<std::string>();
        else incident.facts.emplace_back(id, item.value().get<std::string>());
      }
    } else if (e.kind == "report_withdrawn") {
      Withdrawal w{e.at, e.actor, TRY(parse_submission_type(p.at("report").get<std::string>(), where)),
                   p.at("reason").get<std::string>()};
      incident.withdrawn[static_cast<std::size_t>(w.report)] = true;
      incident.withdrawals.push_back(std::move(w));
    } else if (e.kind == "personal_data_breach_attached") {
      incident.personal_data_breach_awareness = parse_time(p.at("awareness_time"), where);
    } else if (e.kind == "closed") {
      incident.closure = Closure{e.at, e.actor, parse_time(p.at("handled_at"), where), p.at("summary").get<std::string>()};
    } else {
      return fail(ErrorCode::Internal, where, fmt::format("unknown kind of entry '{}'", excerpt(e.kind)));
    }
  } catch (const std::exception& ex) {
    return fail(ErrorCode::Internal, where, fmt::format("payload does not describe a '{}' entry: {}", excerpt(e.kind), ex.what()));
  }
  incident.event_count = e.seq;
  incident.head_hash = e.hash;
  return {};
}

Result<Incident> replay(std::span<const Event> events) {
  Incident incident;
  for (const auto& e : events) TRY(apply(incident, e));
  if (events.empty()) return fail(ErrorCode::NotFound, "incident", "has no entries");
  return incident;
}

namespace {

Result<ClockInput> clock_input(const Incident& incident) {
  const date::time_zone* zone = find_zone(incident.timezone);
  if (!zone) return invalid(incident.id + ": timezone", fmt::format("'{}' is not an IANA time zone", excerpt(incident.timezone)));
  ClockInput input;
  input.awareness = incident.awareness;
  input.zone = zone;
  input.trust_service_incident = incident.trust_service_incident;
  input.notification_submitted = first_submission(incident, SubmissionType::Notification);
  input.personal_data_breach_awareness = incident.personal_data_breach_awareness;
  if (incident.closure) input.incident_handled = incident.closure->handled_at;
  return input;
}

}  // namespace

Result<Deadlines> clocks(const Incident& incident) {
  ClockInput input = TRY(clock_input(incident));
  Deadlines base = TRY(compute_deadlines(input));
  // Art. 23(4)(e): ongoing when the final report falls due -> a progress report
  // then, and the final report one month after the incident is handled.
  bool ongoing = was_submitted(incident, SubmissionType::Progress) ||
                 (incident.closure && base.final_report_due && incident.closure->handled_at > *base.final_report_due);
  if (!ongoing) return base;
  input.ongoing_when_final_report_due = true;
  return compute_deadlines(input);
}

Result<std::vector<PendingReport>> pending_reports(const Incident& incident) {
  Deadlines d = TRY(clocks(incident));
  auto reference = [&](Report report) -> std::string_view {
    for (const auto& x : d.all) {
      if (x.report == report) return x.reference;
    }
    return "";
  };
  std::vector<PendingReport> pending;
  Conclusion conclusion = latest_conclusion(incident);
  auto add = [&](Report report, std::optional<Instant> due) {
    bool provisional =
        (report == Report::FinalReport || report == Report::ProgressReport) && d.final_report_provisional;
    pending.push_back({report, due, reference(report), owed_for(report, conclusion), provisional});
  };
  // Not significant: no Art. 23 clock runs, unless a report to the CSIRT or
  // the competent authority already started the sequence; then the reports
  // still open stay owed until each is withdrawn (withdraw_report).
  bool art23 = conclusion != Conclusion::NotSignificant || art23_sequence_started(incident);
  auto open = [&](SubmissionType type) {
    return !was_submitted(incident, type) &&
           !(conclusion == Conclusion::NotSignificant && incident.withdrawn[static_cast<std::size_t>(type)]);
  };
  if (art23) {
    bool notified = was_submitted(incident, SubmissionType::Notification);
    // The notification updates the early warning (Art. 23(4)(b)), so it also ends that clock.
    if (!notified && open(SubmissionType::EarlyWarning)) add(Report::EarlyWarning, d.early_warning_due);
    if (open(SubmissionType::Notification)) add(Report::IncidentNotification, d.incident_notification_due);
    if (d.progress_report_due && open(SubmissionType::Progress)) add(Report::ProgressReport, d.progress_report_due);
    if (open(SubmissionType::Final)) add(Report::FinalReport, d.final_report_due);
  }
  if (d.gdpr_breach_notification_due && !was_submitted(incident, SubmissionType::GdprBreach)) {
    add(Report::GdprBreachNotification, d.gdpr_breach_notification_due);
  }
  std::stable_sort(pending.begin(), pending.end(), [](const PendingReport& a, const PendingReport& b) {
    if (a.due.has_value() != b.due.has_value()) return a.due.has_value();
    return a.due && *a.due < *b.due;
  });
  return pending;
}

Result<Summary> summarise(const Incident& incident) {
  auto pending = TRY(pending_reports(incident));
  Summary s;
  s.id = incident.id;
  s.number = incident.number;
  s.title = incident.title;
  s.entity_type = incident.entity_type;
  s.awareness = incident.awareness;
  s.status = incident.closure ? "closed" : "open";
  s.significance = latest_conclusion(incident);
  s.overridden = !incident.assessments.empty() && incident.assessments.back().overrides_rules();
  for (const auto& sub : incident.submissions) {
    if (auto late = sub.late_by()) s.late.push_back({sub.type, late->count()});
  }
  if (!pending.empty() && pending.front().due) {
    s.next_due = pending.front().due;
    s.next_report = std::string(to_string(pending.front().report));
  }
  s.active = !incident.closure || !pending.empty();
  s.exercise = incident.exercise;
  s.event_count = incident.event_count;
  s.head_hash = incident.head_hash;
  return s;
}

}  // namespace vigil::incident
