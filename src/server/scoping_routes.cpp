// Scoping and significance over HTTP: the same parse_entity and classify as `vigil scope`
// (scope/scope.h), and the same JSON as `vigil scope --format json`. A pure
// computation on the caller's input: any signed-in user may ask, nothing is
// stored.
#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/money.h"

#include "core/json_input.h"
#include "incident/impact_input.h"
#include "incident/significance.h"
#include "scope/interview.h"
#include "scope/scope.h"
#include "server/app.h"

namespace vigil::server {

namespace {

using nlohmann::json;

std::string_view kind_name(scope::AnswerKind kind) {
  switch (kind) {
    case scope::AnswerKind::YesNo: return "yes_no";
    case scope::AnswerKind::Choice: return "choice";
    case scope::AnswerKind::WorkUnits: return "work_units";
    case scope::AnswerKind::Euros: return "euros";
    case scope::AnswerKind::OptionalEuros: return "optional_euros";
  }
  return "";
}

// "49.5" for 4950 hundredths: the plain decimal parse_entity reads back.
std::string hundredths_plain(std::int64_t h) {
  std::string out = std::to_string(h / 100);
  if (h % 100 != 0) {
    out += fmt::format(".{:02}", h % 100);
    while (out.back() == '0') out.pop_back();
  }
  return out;
}

// The entity an interview built, as the input of `vigil scope` (parse_entity
// reads it back): the activities, the size figures when they were asked, and
// every yes/no fact the interview asked, with its answer.
json entity_input(const scope::Interview& s) {
  const scope::Entity& e = s.entity;
  json out = json::object();
  json types = json::array();
  for (const catalog::EntityType* t : e.entity_types) types.push_back(std::string(t->id));
  out["entity_types"] = std::move(types);
  if (e.own) {
    out["employees"] = hundredths_plain(e.own->employees.hundredths);
    out["annual_turnover_eur"] = format_euros_plain(e.own->annual_turnover);
    out["balance_sheet_total_eur"] = format_euros_plain(e.own->balance_sheet_total);
  }
  if (e.group_worldwide_turnover) out["group_worldwide_turnover_eur"] = format_euros_plain(*e.group_worldwide_turnover);
  const std::pair<std::string_view, bool> flags[] = {
      {"provides_services_in_eu", e.provides_services_in_eu},
      {"qualified_trust_service_provider", e.qualified_trust_service_provider},
      {"root_name_server_operator", e.root_name_server_operator},
      {"ancillary_activity", e.ancillary_activity},
      {"judiciary_parliament_or_central_bank", e.judiciary_parliament_or_central_bank},
      {"national_security_defence_law_enforcement", e.national_security_defence_law_enforcement},
      {"regional_risk_assessment_positive", e.regional_risk_assessment_positive},
      {"member_state_extends_to_local_pa", e.member_state_extends_to_local_pa},
      {"cer_critical_entity", e.cer_critical_entity},
      {"sole_provider_in_member_state", e.sole_provider_in_member_state},
      {"disruption_significant_impact_public_safety_security_health",
       e.disruption_significant_impact_public_safety_security_health},
      {"significant_systemic_risk", e.significant_systemic_risk},
      {"critical_national_regional_importance", e.critical_national_regional_importance},
      {"identified_as_ose_before_2023_01_16", e.identified_as_ose_before_2023_01_16},
      {"member_state_applies_art_3_1_g", e.member_state_applies_art_3_1_g},
  };
  for (const auto& [key, value] : flags) {
    if (std::find(s.answered.begin(), s.answered.end(), key) != s.answered.end()) out[std::string(key)] = value;
  }
  if (e.member_state_designation == scope::Designation::Essential) out["member_state_designation"] = "essential";
  if (e.member_state_designation == scope::Designation::Important) out["member_state_designation"] = "important";
  return out;
}

json question_json(const scope::Question& q) {
  return json{{"id", q.id}, {"prompt", q.prompt}, {"kind", kind_name(q.kind)}, {"options", q.options}};
}

// POST scope/interview: {"answers": [{"question": id, "answer": text}, ...]}.
// Replays the answers through the same interview as `vigil scope --interactive` (so the
// server, not the browser, decides which questions can still change the
// result) and answers the next question, or the result once none is left.
Result<Response> interview(Context& c) {
  auto body = TRY(parse_json(c.request.body, "body"));
  if (!body.is_object() || body.size() != 1 || !body.contains("answers") || !body["answers"].is_array()) {
    return invalid("body", R"(expected {"answers": [{"question": "...", "answer": "..."}, ...]})");
  }
  const json& answers = body["answers"];
  if (answers.size() > 200) return invalid("body: answers", "at most 200 answers");
  scope::Interview s;
  json asked = json::array();
  for (std::size_t i = 0; i < answers.size(); ++i) {
    const std::string where = fmt::format("body: answers[{}]", i);
    const json& a = answers[i];
    if (!a.is_object() || a.size() != 2 || !a.contains("question") || !a["question"].is_string() ||
        !a.contains("answer") || !a["answer"].is_string()) {
      return invalid(where, R"(expected {"question": "...", "answer": "..."} with two strings)");
    }
    auto q = scope::next_question(s);
    if (!q) return invalid(where, "the interview was complete before this answer");
    const std::string given = a["question"].get<std::string>();
    if (given != q->id) {
      return invalid(where + ": question", fmt::format("expected the answer to '{}', got '{}'", q->id, given));
    }
    auto applied = scope::answer(s, *q, a["answer"].get<std::string>());
    if (!applied) return invalid(where + ": answer", applied.error().message);
    asked.push_back(question_json(*q));
    asked.back()["answer"] = a["answer"];
  }
  json out = json::object();
  out["asked"] = std::move(asked);
  if (auto q = scope::next_question(s)) {
    out["question"] = question_json(*q);
    return json_response(out.dump());
  }
  auto entity = TRY(scope::finish(s));
  out["question"] = nullptr;
  out["not_asked"] = s.not_asked;
  out["entity"] = entity_input(s);
  // Never a question of its own: the activities chosen answer it (the domain
  // name registration entity type), so read back it is given, not assumed no.
  out["entity"]["domain_name_registration_services"] = entity.domain_name_registration_services;
  out["result"] = scope::to_json(scope::classify(entity));
  return json_response(out.dump());
}

}  // namespace

void add_scoping_routes(const RouteGroups& api) {
  api.signed_in
      .add("POST", "/scope",
           "Classify an entity under NIS2 (Arts 2, 3, Annexes I-II): the entity JSON of `vigil scope`; the "
           "answer is `vigil scope --format json`.",
           [](Context& c) -> Result<Response> {
             auto body = TRY(parse_json(c.request.body, "body"));
             auto entity = TRY(scope::parse_entity(body, "body"));
             return json_response(scope::to_json(scope::classify(entity)).dump());
           })
      .takes("Entity")
      .answers("ScopeResult");
  api.signed_in
      .add("POST", "/scope/interview",
           "The scoping interview of `vigil scope --interactive`, one question at a time: {answers: [{question, "
           "answer}]} (yes/no, an option number, a figure) replayed in order. The answer lists the questions "
           "asked with their answers (asked) and the next question ({id, prompt, kind, options}), skipping any "
           "that cannot change the result; once none is left, question is null and entity (the input of `vigil "
           "scope`), not_asked and result (as `vigil scope --format json`) follow. 400 names the answer at "
           "fault. Nothing is stored.",
           interview)
      .takes("InterviewRequest")
      .answers("Interview");
  api.signed_in
      .add("POST", "/significance",
           "Is an incident significant (IR 2024/2690, Art. 23(3))? The impact JSON of `vigil significance`; the "
           "answer is `vigil significance --format json`.",
           [](Context& c) -> Result<Response> {
             auto body = TRY(parse_json(c.request.body, "body"));
             auto request = TRY(incident::assessment_request(body, "body", std::nullopt, "", "", c.now));
             auto impact = TRY(incident::parse_impact(body, "body"));
             return json_response(incident::significance_json(impact, request.result).dump());
           })
      .takes("Impact")
      .answers("Significance");
}

}  // namespace vigil::server
