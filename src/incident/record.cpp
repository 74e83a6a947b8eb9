#include "incident/record.h"

#include <algorithm>
#include <variant>

#include <fmt/format.h>

#include "incident/commands.h"
#include "incident/events.h"

namespace vigil::incident {

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

std::optional<Instant> first_clock_submission(const Incident& incident, SubmissionType type) {
  return incident.first_clock_submission[static_cast<std::size_t>(type)];
}

bool art23_sequence_started(const Incident& incident) {
  for (auto type : {SubmissionType::EarlyWarning, SubmissionType::Notification, SubmissionType::Intermediate,
                    SubmissionType::Final, SubmissionType::Progress}) {
    if (first_clock_submission(incident, type)) return true;
  }
  return false;
}

namespace {

// Folds one typed entry into the record; `e` is the entry's envelope (who,
// when, where in the chain).
struct Fold {
  Incident& incident;
  const Event& e;
  const std::string& where;
  const Zones& zones;

  Result<void> operator()(const event::Opened& o) const {
    if (e.seq != 1) return fail(ErrorCode::Internal, where, "an incident is opened only once");
    incident.org = e.org;
    incident.id = e.incident_id;
    incident.number = TRY(parse_incident_id(e.incident_id, where));
    incident.title = o.title;
    incident.awareness = o.awareness;
    incident.timezone = o.timezone;
    incident.entity_type = o.entity_type;
    incident.trust_service_incident = o.trust_service_incident;
    incident.supplier = o.supplier;
    incident.opened_by = e.actor;
    incident.opened_at = e.at;
    incident.exercise = o.exercise;
    return {};
  }

  Result<void> operator()(const event::Assessed& a) const {
    Assessment assessment{e.at,          e.actor,     a.inputs,
                          a.rule_result, a.criteria,  a.undetermined.value_or(std::vector<UndeterminedCriterion>{}),
                          a.explanation, a.judgement, a.note};
    // A withdrawal rests on the incident being not significant; any other
    // conclusion puts the reports back.
    if (assessment.conclusion() != Conclusion::NotSignificant) incident.withdrawn.fill(false);
    incident.assessments.push_back(std::move(assessment));
    return {};
  }

  Result<void> operator()(const event::Decided& d) const {
    const DecisionContent& content = d;
    incident.decisions.push_back(Decision{content, e.at, d.decided_at, e.actor});
    return {};
  }

  Result<void> operator()(const event::EvidenceAdded& x) const {
    incident.evidence.push_back(EvidenceItem{e.at, e.actor, x.sha256, x.size, x.file_name, x.description, x.tags});
    return {};
  }

  Result<void> operator()(const event::Submitted& x) const {
    const SubmissionContent& content = x;
    Submission s{content, e.at, e.actor};
    if (x.answered) {
      s.deadline = x.answered->deadline;
      s.on_time = x.answered->on_time;
    } else {
      // Written before submissions stored their deadline: derived from the
      // record as it stood, which is what submit() computes now.
      s.deadline_recorded = false;
      s.deadline = answered_deadline(incident, s.type, s.recipient, s.submitted_at, zones);
      if (s.deadline) s.on_time = s.submitted_at <= *s.deadline;
    }
    if (counts_for_clock(s.type, s.recipient)) {
      auto& first = incident.first_clock_submission[static_cast<std::size_t>(s.type)];
      if (!first || s.submitted_at < *first) first = s.submitted_at;
    }
    incident.submissions.push_back(std::move(s));
    return {};
  }

  Result<void> operator()(const event::FactsRecorded& x) const {
    for (const auto& fact : x.facts) {
      auto it = std::find_if(incident.facts.begin(), incident.facts.end(),
                             [&](const auto& f) { return f.first == fact.first; });
      if (it != incident.facts.end()) it->second = fact.second;
      else incident.facts.push_back(fact);
    }
    return {};
  }

  Result<void> operator()(const event::ReportWithdrawn& x) const {
    incident.withdrawn[static_cast<std::size_t>(x.report)] = true;
    incident.withdrawals.push_back(Withdrawal{e.at, e.actor, x.report, x.reason});
    return {};
  }

  Result<void> operator()(const event::PersonalDataBreachAttached& x) const {
    incident.personal_data_breach_awareness = x.awareness;
    return {};
  }

  Result<void> operator()(const event::Closed& x) const {
    incident.closure = Closure{e.at, e.actor, x.handled_at, x.summary};
    return {};
  }
};

}  // namespace

Result<void> apply(Incident& incident, const Event& e, const Zones& zones) {
  std::string where = fmt::format("{} entry {}", e.incident_id, e.seq);
  if (e.seq != incident.event_count + 1) {
    return fail(ErrorCode::Internal, where, fmt::format("does not follow entry {}", incident.event_count));
  }
  if (e.seq == 1 && e.kind != "opened")
    return fail(ErrorCode::Internal, where, "the first entry must open the incident");
  event::Body body = TRY(event::decode(e.kind, e.payload, where));
  TRY(std::visit(Fold{incident, e, where, zones}, body));
  incident.event_count = e.seq;
  incident.head_hash = e.hash;
  return {};
}

Result<Incident> replay(std::span<const Event> events, const Zones& zones) {
  Incident incident;
  for (const auto& e : events) TRY(apply(incident, e, zones));
  if (events.empty()) return fail(ErrorCode::NotFound, "incident", "has no entries");
  return incident;
}

}  // namespace vigil::incident
