#include "incident/commands.h"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "catalog/catalog.h"
#include "core/errors.h"
#include "core/text.h"
#include "incident/events.h"
#include "incident/pending.h"

namespace vigil::incident {

using nlohmann::json;

namespace {

std::vector<std::string> zone_suggestions(const std::string& name, const Zones& zones) {
  std::vector<std::string> known = zones.all_names();
  std::vector<std::string_view> names(known.begin(), known.end());
  return nearest(name, names);
}
}  // namespace

Result<EventDraft> open_incident(const OpenRequest& r, const Zones& zones) {
  Errors errors;
  errors.require_text(r.title, "title", "a short title of the incident");
  errors.require_text(r.by, "by", "who opens the incident");
  errors.plausible_past(r.awareness, r.now, "awareness_time");
  if (!zones.find(r.timezone)) {
    auto near = zone_suggestions(r.timezone, zones);
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
  // Only exercise incidents carry "exercise", and only incidents opened from a
  // supplier's incident carry the supplier: every other entry keeps its bytes.
  return event::draft(event::Opened{std::string(trim(r.title)), r.awareness, r.timezone, r.entity_type,
                                    r.trust_service_incident, r.supplier, r.exercise},
                      r.by, r.now);
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
  return event::draft(event::Assessed{inputs.dump(-1, ' ', false, json::error_handler_t::replace), rules.significant,
                                      rules.criteria, rules.undetermined, rules.explanation, r.judgement, r.note},
                      r.by, r.now);
}

namespace {

// Tags: short ids such as "containment", matched by exercise expectations.
void check_tags(Errors& errors, const std::vector<std::string>& tags) {
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

}  // namespace

Result<EventDraft> decide(const Incident& /*incident*/, const DecideRequest& r) {
  const DecisionContent& c = r.content;
  Errors errors;
  errors.require_text(r.by, "by", "who decided");
  errors.require_text(c.decision, "decision", "what was decided", true);
  errors.require_text(c.rationale, "rationale", "why", true);
  errors.safe(c.options, "options");
  errors.safe(c.known, "known");
  errors.safe(c.unknown, "unknown");
  Instant decided_at = r.decided_at.value_or(r.now);
  errors.plausible_past(decided_at, r.now, "decided_at");
  check_tags(errors, c.tags);
  TRY(errors.result());
  return event::draft(event::Decided{c, decided_at}, r.by, r.now);
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
  bool hex = r.sha256.size() == 64 && std::all_of(r.sha256.begin(), r.sha256.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
             });
  if (!hex) errors.add("sha256", "must be 64 lower-case hex digits");
  check_tags(errors, r.tags);
  TRY(errors.result());
  return event::draft(event::EvidenceAdded{r.sha256, r.size, r.file_name, r.description, r.tags}, r.by, r.now);
}

Result<EventDraft> submit(const Incident& incident, const SubmitRequest& r, const Zones& zones) {
  Errors errors;
  errors.require_text(r.by, "by", "who submitted");
  errors.safe(r.reference, "reference", false);
  Instant at = r.submitted_at.value_or(r.now);
  errors.plausible_past(at, r.now, "submitted_at");
  if (r.type == SubmissionType::GdprBreach) {
    if (r.recipient != Recipient::SupervisoryAuthority) {
      errors.add("to", "a GDPR Art. 33 breach notification goes to supervisory_authority");
    }
    if (!incident.personal_data_breach_awareness) {
      errors.add("type",
                 fmt::format("no personal-data breach is attached to {}: record the breach first", incident.id));
    } else if (at < *incident.personal_data_breach_awareness) {
      errors.add("submitted_at", fmt::format("{} is before awareness of the personal-data breach ({})", format_utc(at),
                                             format_utc(*incident.personal_data_breach_awareness)));
    }
  } else {
    if (r.recipient == Recipient::SupervisoryAuthority) {
      errors.add("to", "Art. 23 reports go to csirt, competent_authority or service_recipients");
    }
    if (at < incident.awareness) {
      errors.add("submitted_at", fmt::format("submission at {} is before awareness of the incident ({})",
                                             format_utc(at), format_utc(incident.awareness)));
    }
  }
  auto irregular = out_of_order(incident, r.type, r.recipient, at);
  if (!irregular.empty() && !r.out_of_order) {
    for (const auto& why : irregular) {
      errors.add("submitted_at",
                 fmt::format("{}: refused; record the reports in their order, or mark this one as out of order "
                             "to record it as it happened",
                             why));
    }
  }
  TRY(errors.result());
  std::optional<Instant> deadline = answered_deadline(incident, r.type, r.recipient, at, zones);
  event::AnsweredDeadline answered{deadline, deadline ? std::optional<bool>(at <= *deadline) : std::nullopt};
  return event::draft(event::Submitted{{r.type, at, r.recipient, r.reference, irregular}, answered}, r.by, r.now);
}

std::optional<Instant> answered_deadline(const Incident& incident, SubmissionType type, Recipient to, Instant at,
                                         const Zones& zones) {
  // Informing the service recipients (Art. 23(1)) and intermediate reports
  // (on request, Art. 23(4)(c)) have no deadline of their own.
  if (!counts_for_clock(type, to) || type == SubmissionType::Intermediate) return std::nullopt;
  // Only the submission that stops the clock answers it; a later copy (to the
  // competent authority after the CSIRT, a corrected version) does not.
  if (auto first = first_clock_submission(incident, type); first && *first <= at) return std::nullopt;
  auto d = clocks(incident, zones);
  if (!d) return std::nullopt;
  switch (type) {
    case SubmissionType::EarlyWarning:
      // The notification updates the early warning (Art. 23(4)(b)): once it
      // is in, no early-warning deadline is left to answer.
      if (auto notified = first_clock_submission(incident, SubmissionType::Notification); notified && *notified <= at) {
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
  auto early = first_clock_submission(incident, SubmissionType::EarlyWarning);
  auto notified = first_clock_submission(incident, SubmissionType::Notification);
  bool notified_by_then = notified && *notified <= at;
  switch (type) {
    case SubmissionType::EarlyWarning:
      if (notified_by_then) {
        out.push_back(
            fmt::format("an early warning at {} after the incident notification submitted at {} (Art. "
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
        out.push_back(
            fmt::format("an intermediate report at {} before any early warning or incident notification "
                        "(Art. 23(4)(c): it answers a request of the CSIRT or competent authority)",
                        format_utc(at)));
      }
      break;
    case SubmissionType::Final:
    case SubmissionType::Progress:
      if (!notified_by_then) {
        out.push_back(
            fmt::format("a {} report at {} before any incident notification (Art. 23(4)(d) and (e) count "
                        "from the notification)",
                        type == SubmissionType::Final ? "final" : "progress", format_utc(at)));
      }
      break;
    case SubmissionType::GdprBreach: break;
  }
  return out;
}

Result<EventDraft> withdraw_report(const Incident& incident, const WithdrawRequest& r, const Zones& zones) {
  Errors errors;
  errors.require_text(r.by, "by", "who withdraws the report");
  errors.require_text(r.reason, "reason", "why the report is no longer owed (e.g. what the CSIRT was told)", true);
  auto report = report_of(r.report);
  if (!report || *report == Report::GdprBreachNotification) {
    errors.add("report",
               fmt::format("'{}' cannot be withdrawn; expected early-warning, notification, progress or final",
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
  auto pending = TRY(pending_reports(incident, zones));
  bool owed = std::any_of(pending.begin(), pending.end(), [&](const PendingReport& p) { return p.report == *report; });
  if (!owed) {
    return fail(ErrorCode::Conflict, incident.id,
                fmt::format("no {} is pending, so there is nothing to withdraw", to_string(r.report)));
  }
  return event::draft(event::ReportWithdrawn{r.report, std::string(trim(r.reason))}, r.by, r.now);
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
    } else {
      // A fact value may be a multi-line description; it reaches every report.
      if (auto problem = unsafe_text(value, true)) errors.add("facts", fmt::format("{} {}", id, *problem));
    }
    facts[id] = value;
  }
  TRY(errors.result());
  event::FactsRecorded recorded;  // in id order; a repeated id keeps its last value
  for (const auto& item : facts.items()) recorded.facts.emplace_back(item.key(), item.value().get<std::string>());
  return event::draft(std::move(recorded), r.by, r.now);
}

Result<EventDraft> attach_personal_data_breach(const Incident& incident, const BreachRequest& r) {
  Errors errors;
  errors.require_text(r.by, "by", "who records the breach");
  errors.plausible_past(r.awareness, r.now, "awareness_time");
  if (incident.personal_data_breach_awareness) {
    errors.add("awareness_time", fmt::format("a personal-data breach is already attached to {}", incident.id));
  }
  TRY(errors.result());
  return event::draft(event::PersonalDataBreachAttached{r.awareness}, r.by, r.now);
}

Result<EventDraft> close(const Incident& incident, const CloseRequest& r) {
  if (incident.closure) {
    return fail(ErrorCode::Conflict, incident.id,
                fmt::format("is already closed (handled at {})", format_utc(incident.closure->handled_at)));
  }
  Errors errors;
  errors.require_text(r.by, "by", "who closes the incident");
  errors.safe(r.summary, "summary", true);
  Instant handled = r.handled_at.value_or(r.now);
  errors.plausible_past(handled, r.now, "handled_at");
  if (handled < incident.awareness) {
    errors.add("handled_at", fmt::format("{} is before awareness of the incident ({})", format_utc(handled),
                                         format_utc(incident.awareness)));
  }
  TRY(errors.result());
  return event::draft(event::Closed{handled, r.summary}, r.by, r.now);
}

}  // namespace vigil::incident
