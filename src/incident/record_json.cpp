#include "incident/record_json.h"

#include <nlohmann/json.hpp>

namespace vigil::incident {

using nlohmann::json;

namespace {
json optional_bool(std::optional<bool> v) { return v ? json(*v) : json(nullptr); }
json optional_time(std::optional<Instant> t) { return t ? json(format_utc(*t)) : json(nullptr); }

// true | false | "undetermined" | null (not assessed)
json conclusion_json(Conclusion c) {
  switch (c) {
    case Conclusion::Significant: return true;
    case Conclusion::NotSignificant: return false;
    case Conclusion::Undetermined: return "undetermined";
    case Conclusion::NotAssessed: break;
  }
  return nullptr;
}

json late_json(SubmissionType type, std::chrono::seconds late) {
  return {{"report", to_string(type)}, {"late_by_seconds", late.count()}, {"late_by", format_span(late)}};
}
}  // namespace

json decision_json(const Decision& d, const char* by_key, const char* options_key) {
  return {{"decided_at", format_utc(d.decided_at)},
          {by_key, d.decided_by},
          {"decision", d.decision},
          {options_key, d.options},
          {"rationale", d.rationale},
          {"known", d.known},
          {"unknown", d.unknown},
          {"confidence", to_string(d.confidence)}};
}

json submission_json(const Submission& s) {
  auto late = s.late_by();
  return {{"type", to_string(s.type)},
          {"recipient", to_string(s.recipient)},
          {"submitted_at", format_utc(s.submitted_at)},
          {"deadline", optional_time(s.deadline)},
          {"on_time", optional_bool(s.on_time)},
          {"late_by_seconds", late ? json(late->count()) : json(nullptr)},
          {"late_by", late ? json(format_span(*late)) : json(nullptr)}};
}

json to_json(const Incident& i) {
  json assessments = json::array();
  for (const auto& a : i.assessments) {
    json undetermined = json::array();
    for (const auto& u : a.undetermined) undetermined.push_back({{"criterion", u.criterion}, {"missing", u.missing}});
    assessments.push_back({{"recorded_at", format_utc(a.recorded_at)},
                           {"judged_by", a.judged_by},
                           {"inputs", json::parse(a.inputs)},
                           {"rule_result", optional_bool(a.rule_result)},
                           {"criteria", a.criteria},
                           {"undetermined", undetermined},
                           {"explanation", a.explanation},
                           {"judgement", optional_bool(a.judgement)},
                           {"significant", conclusion_json(a.conclusion())},
                           {"override", a.overrides_rules() ? json{{"by", a.judged_by},
                                                                   {"rules_say", *a.rule_result},
                                                                   {"judged", *a.judgement},
                                                                   {"rationale", a.note}}
                                                            : json(nullptr)},
                           {"note", a.note}});
  }
  json decisions = json::array();
  for (const auto& d : i.decisions) {
    decisions.push_back(decision_json(d, "decided_by", "options_considered"));
    decisions.back()["recorded_at"] = format_utc(d.recorded_at);
  }
  json evidence = json::array();
  for (const auto& e : i.evidence) {
    evidence.push_back({{"added_at", format_utc(e.added_at)},
                        {"added_by", e.added_by},
                        {"sha256", e.sha256},
                        {"size", e.size},
                        {"file_name", e.file_name},
                        {"description", e.description}});
  }
  json submissions = json::array();
  for (const auto& s : i.submissions) {
    json submission = submission_json(s);
    submission["recorded_at"] = format_utc(s.recorded_at);
    submission["by"] = s.by;
    submission["reference"] = s.reference;
    submission["deadline_recorded"] = s.deadline_recorded;
    submission["out_of_order"] = s.out_of_order;
    submissions.push_back(std::move(submission));
  }
  json withdrawals = json::array();
  for (const auto& w : i.withdrawals) {
    withdrawals.push_back({{"recorded_at", format_utc(w.recorded_at)},
                           {"by", w.by},
                           {"report", to_string(w.report)},
                           {"reason", w.reason}});
  }
  json facts = json::object();
  for (const auto& [id, value] : i.facts) facts[id] = value;
  json closure = nullptr;
  if (i.closure) {
    closure = {{"recorded_at", format_utc(i.closure->recorded_at)},
               {"by", i.closure->by},
               {"handled_at", format_utc(i.closure->handled_at)},
               {"summary", i.closure->summary}};
  }
  json out = {{"id", i.id},
              {"organisation", i.org},
              {"title", i.title},
              {"status", i.closure ? "closed" : "open"},
              {"awareness_time", format_utc(i.awareness)},
              {"timezone", i.timezone},
              {"entity_type", i.entity_type},
              {"trust_service_incident", i.trust_service_incident},
              {"opened_by", i.opened_by},
              {"opened_at", format_utc(i.opened_at)},
              {"personal_data_breach_awareness_time", optional_time(i.personal_data_breach_awareness)},
              {"assessments", assessments},
              {"decisions", decisions},
              {"evidence", evidence},
              {"submissions", submissions},
              {"withdrawals", withdrawals},
              {"significance", to_string(latest_conclusion(i))},
              {"facts", facts},
              {"closure", closure},
              {"chain_head", {{"seq", i.event_count}, {"hash", i.head_hash}}}};
  if (i.supplier) {  // only for incidents opened from a supplier's incident
    json functions = json::array();
    for (const auto& f : i.supplier->functions) {
      functions.push_back({{"id", f.id}, {"name", f.name}, {"critical", f.critical}, {"fails", f.fails}});
    }
    out["supplier"] = {{"id", i.supplier->id}, {"name", i.supplier->name}, {"affected_functions", functions}};
  }
  // Only an exercise incident has the key (real records keep their shape).
  if (!i.exercise.empty()) {
    out["exercise"] = i.exercise;
    out["marking"] = "EXERCISE";
  }
  return out;
}

json to_json(const Summary& s) {
  json late = json::array();
  for (const auto& l : s.late) late.push_back(late_json(l.type, std::chrono::seconds{l.seconds}));
  json out{{"id", s.id},
           {"title", s.title},
           {"entity_type", s.entity_type},
           {"awareness_time", format_utc(s.awareness)},
           {"status", s.status},
           {"significant", conclusion_json(s.significance)},
           {"override", s.overridden},
           {"next_report", s.next_report.empty() ? json(nullptr) : json(s.next_report)},
           {"next_due", optional_time(s.next_due)},
           {"next_owed", s.next_report.empty() ? json(nullptr) : json(to_string(s.next_owed()))},
           {"late", late}};
  if (!s.exercise.empty()) {
    out["exercise"] = s.exercise;
    out["marking"] = "EXERCISE";
  }
  return out;
}

json to_json(std::span<const PendingReport> pending) {
  json out = json::array();
  for (const auto& p : pending) {
    out.push_back({{"report", to_string(p.report)},
                   {"due", optional_time(p.due)},
                   {"reference", p.reference},
                   {"owed", to_string(p.owed)},
                   {"provisional", p.provisional}});
  }
  return out;
}

json to_json(const Event& e) {
  return {{"seq", e.seq},
          {"kind", e.kind},
          {"actor", e.actor},
          {"at", format_utc(e.at)},
          {"payload", json::parse(e.payload)},
          {"prev", e.prev_hash},
          {"hash", e.hash}};
}

}  // namespace vigil::incident
