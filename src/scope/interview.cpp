#include "scope/interview.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/errors.h"
#include "core/text.h"
#include "scope/activity.h"
#include "scope/entity_checks.h"
#include "scope/size.h"

namespace vigil::scope {

namespace {

bool answered(const Interview& s, std::string_view id) {
  return std::find(s.answered.begin(), s.answered.end(), id) != s.answered.end();
}

std::vector<std::string_view> sectors() {
  std::vector<std::string_view> out;
  for (const catalog::EntityType& t : catalog::builtin().entity_types) {
    if (std::find(out.begin(), out.end(), t.sector) == out.end()) out.push_back(t.sector);
  }
  return out;
}

std::vector<const catalog::EntityType*> types_in(std::string_view sector) {
  std::vector<const catalog::EntityType*> out;
  for (const catalog::EntityType& t : catalog::builtin().entity_types) {
    if (t.sector == sector) out.push_back(&t);
  }
  return out;
}

// The result so far, treating unanswered questions as "no".
Classification provisional(const Interview& s) {
  Entity e = s.entity;
  Problems ignored;
  check_entity(e, ignored);
  return classify(e).classification;
}

// Size matters unless every activity's result is fixed without it.
bool size_matters(const Interview& s) {
  const Entity& e = s.entity;
  for (const catalog::EntityType* t : e.entity_types) {
    switch (kind_of(*t)) {
      case ActivityKind::General:
      case ActivityKind::SpaceGroundInfrastructure:
      case ActivityKind::PublicElectronicCommunications: return true;
      case ActivityKind::TrustService:
        if (!e.qualified_trust_service_provider) return true;
        break;
      default: break;
    }
  }
  return false;
}

Question yes_no(std::string id, std::string prompt) {
  return Question{std::move(id), std::move(prompt), AnswerKind::YesNo, {}};
}

}  // namespace

std::optional<Question> next_question(const Interview& s) {
  const Entity& e = s.entity;
  if (!answered(s, "provides_services_in_eu")) {
    return yes_no("provides_services_in_eu", "Does the entity provide services or carry out activities in the EU?");
  }
  if (!e.provides_services_in_eu) return std::nullopt;  // out of scope, whatever else (Art. 2(1))

  // Sector -> entity type, as many activities as the entity carries out.
  if (s.adding_activities) {
    if (s.sector.empty()) {
      Question q{"sector", "Which sector is the entity's activity in?", AnswerKind::Choice, {}};
      for (std::string_view sector : sectors()) q.options.emplace_back(sector);
      q.options.emplace_back(s.activity_round == 0 ? "None of these" : "No further activity");
      return q;
    }
    Question q{"entity_type", fmt::format("Which kind of entity in {}?", s.sector), AnswerKind::Choice, {}};
    for (const catalog::EntityType* t : types_in(s.sector)) q.options.emplace_back(t->entity_type);
    return q;
  }

  const bool essential = provisional(s) == Classification::Essential;
  // Special cases of the activities chosen.
  if (has_kind(e, ActivityKind::TrustService) && !answered(s, "qualified_trust_service_provider")) {
    return yes_no("qualified_trust_service_provider", "Is it a qualified trust service provider (eIDAS)?");
  }
  if (has_kind(e, ActivityKind::DnsService) && !answered(s, "root_name_server_operator")) {
    return yes_no("root_name_server_operator", "Is its DNS activity the operation of root name servers?");
  }
  const bool ancillary_possible =
      std::any_of(e.entity_types.begin(), e.entity_types.end(),
                  [](const catalog::EntityType* t) { return excludes_ancillary_activity(*t); });
  if (ancillary_possible && !answered(s, "ancillary_activity")) {
    return yes_no("ancillary_activity",
                  "Is that activity (road traffic management, water distribution, waste water or waste management) "
                  "only a non-essential part of what the entity does, or not its principal activity?");
  }
  const bool pa = e.public_administration_level != PublicAdministrationLevel::None ||
                  has_kind(e, ActivityKind::CentralGovernment) || has_kind(e, ActivityKind::RegionalGovernment) ||
                  has_kind(e, ActivityKind::LocalGovernment);
  if (pa && !answered(s, "judiciary_parliament_or_central_bank")) {
    return yes_no("judiciary_parliament_or_central_bank",
                  "Is it part of the judiciary, a parliament or a central bank?");
  }
  if (pa && !e.judiciary_parliament_or_central_bank && !answered(s, "national_security_defence_law_enforcement")) {
    return yes_no("national_security_defence_law_enforcement",
                  "Does it mainly carry out activities in national security, public security, defence or law "
                  "enforcement?");
  }
  if (has_kind(e, ActivityKind::RegionalGovernment) && !answered(s, "regional_risk_assessment_positive")) {
    return yes_no("regional_risk_assessment_positive",
                  "Has the Member State's risk-based assessment found that a disruption of its services could "
                  "significantly impact critical societal or economic activities?");
  }
  if (has_kind(e, ActivityKind::LocalGovernment) && !answered(s, "member_state_extends_to_local_pa")) {
    return yes_no("member_state_extends_to_local_pa",
                  "Has the Member State extended NIS2 to local public administration?");
  }

  // Size (Rec. 2003/361/EC), only where it can change the result.
  if (size_matters(s) && !essential) {
    if (!answered(s, "employees")) {
      return Question{"employees",
                      "How many staff, in annual work units (include linked enterprises in full and your share of "
                      "partner enterprises)?",
                      AnswerKind::WorkUnits,
                      {}};
    }
    const bool large_by_staff = e.own && e.own->employees >= work_units(250);
    if (!large_by_staff && !answered(s, "annual_turnover_eur")) {
      return Question{"annual_turnover_eur", "Annual turnover in euros (same perimeter)?", AnswerKind::Euros, {}};
    }
    if (!large_by_staff && !answered(s, "balance_sheet_total_eur")) {
      return Question{
          "balance_sheet_total_eur", "Annual balance sheet total in euros (same perimeter)?", AnswerKind::Euros, {}};
    }
  }

  // Size-independent grounds, unless the entity is already essential.
  if (!essential && !answered(s, "cer_critical_entity")) {
    return yes_no("cer_critical_entity",
                  "Is it identified as a critical entity under the CER Directive (EU) 2022/2557?");
  }
  const bool grounds = e.sole_provider_in_member_state ||
                       e.disruption_significant_impact_public_safety_security_health || e.significant_systemic_risk ||
                       e.critical_national_regional_importance;
  if (!essential && has_annex_type(e) && !grounds) {
    if (!answered(s, "sole_provider_in_member_state")) {
      return yes_no("sole_provider_in_member_state",
                    "Is it the sole provider in a Member State of a service essential for critical societal or "
                    "economic activities?");
    }
    if (!answered(s, "disruption_significant_impact_public_safety_security_health")) {
      return yes_no("disruption_significant_impact_public_safety_security_health",
                    "Could a disruption of its service significantly impact public safety, public security or "
                    "public health?");
    }
    if (!answered(s, "significant_systemic_risk")) {
      return yes_no("significant_systemic_risk",
                    "Could a disruption of its service induce a significant systemic risk?");
    }
    if (!answered(s, "critical_national_regional_importance")) {
      return yes_no("critical_national_regional_importance",
                    "Is it critical because of its specific importance at national or regional level?");
    }
  }
  if (!essential && grounds && !answered(s, "member_state_designation")) {
    return Question{"member_state_designation",
                    "Has the Member State identified it as essential or important?",
                    AnswerKind::Choice,
                    {"Essential", "Important", "Not (yet) identified"}};
  }
  if (!essential && !answered(s, "identified_as_ose_before_2023_01_16")) {
    return yes_no("identified_as_ose_before_2023_01_16",
                  "Was it identified as an operator of essential services (NIS1) before 16 January 2023?");
  }
  if (!essential && e.identified_as_ose_before_2023_01_16 && !answered(s, "member_state_applies_art_3_1_g")) {
    return yes_no("member_state_applies_art_3_1_g",
                  "Does the Member State keep such operators essential (Art. 3(1)(g))?");
  }
  const Classification now = provisional(s);
  if ((now == Classification::Essential || now == Classification::Important) &&
      !answered(s, "group_worldwide_turnover_eur")) {
    return Question{"group_worldwide_turnover_eur",
                    "Worldwide annual turnover of the undertaking it belongs to, in euros, for the Art. 34 fine "
                    "ceiling (empty to skip)?",
                    AnswerKind::OptionalEuros,
                    {}};
  }
  return std::nullopt;
}

Result<void> answer(Interview& s, const Question& q, std::string_view raw) {
  std::string_view text = trim(raw);
  Entity& e = s.entity;
  bool yes = false;
  std::size_t choice = 0;
  std::optional<Cents> money;
  std::int64_t staff = 0;
  switch (q.kind) {
    case AnswerKind::YesNo: {
      std::string t = to_lower(text);
      if (t == "y" || t == "yes") yes = true;
      else if (t != "n" && t != "no") return invalid(q.id, "answer yes or no (y/n)");
      break;
    }
    case AnswerKind::Choice: {
      auto n = parse_hundredths(text);
      if (!n || *n % 100 != 0 || *n / 100 < 1 || static_cast<std::size_t>(*n / 100) > q.options.size()) {
        return invalid(q.id, fmt::format("answer with a number from 1 to {}", q.options.size()));
      }
      choice = static_cast<std::size_t>(*n / 100) - 1;
      break;
    }
    case AnswerKind::WorkUnits: {
      auto n = parse_hundredths(text);
      if (!n) return invalid(q.id, "answer with a number of annual work units, e.g. 49 or 49.5");
      staff = *n;
      break;
    }
    case AnswerKind::OptionalEuros:
      if (text.empty()) break;
      [[fallthrough]];
    case AnswerKind::Euros: {
      auto parsed = parse_euros(text, q.id);
      if (!parsed) return tl::unexpected(parsed.error());
      money = *parsed;
      break;
    }
  }

  const std::string& id = q.id;
  if (id == "sector") {
    if (choice + 1 == q.options.size()) {
      s.adding_activities = false;
    } else {
      s.sector = q.options[choice];
    }
    s.answered.push_back(id);
    return {};
  }
  if (id == "entity_type") {
    const catalog::EntityType* t = types_in(s.sector)[choice];
    if (std::find(e.entity_types.begin(), e.entity_types.end(), t) == e.entity_types.end()) {
      e.entity_types.push_back(t);
    }
    s.sector.clear();
    ++s.activity_round;
    s.answered.push_back(id);
    return {};
  }
  if (id == "employees") {
    e.own = Figures{WorkUnits{staff}, Cents{}, Cents{}};
    if (e.own->employees >= work_units(250)) {
      // Large whatever the finances (Rec. Annex Art. 2(1)): not asked.
      s.not_asked = {"annual_turnover_eur", "balance_sheet_total_eur"};
    }
  } else if (id == "annual_turnover_eur") {
    e.own->annual_turnover = *money;
  } else if (id == "balance_sheet_total_eur") {
    e.own->balance_sheet_total = *money;
  } else if (id == "group_worldwide_turnover_eur") {
    e.group_worldwide_turnover = money;
  } else if (id == "member_state_designation") {
    e.member_state_designation = choice == 0   ? Designation::Essential
                                 : choice == 1 ? Designation::Important
                                               : Designation::None;
  } else {
    const EntityFlag* flag = find_entity_flag(id);
    if (!flag) return fail(ErrorCode::Internal, id, "unknown question");
    e.*flag->member = yes;
  }
  s.answered.push_back(id);
  return {};
}

Result<Entity> finish(const Interview& s) {
  Entity e = s.entity;
  Problems problems;
  check_entity(e, problems);
  if (!problems.empty()) {
    Errors errors;
    for (auto& [field, message] : problems) errors.add(Error{ErrorCode::InvalidInput, field, message, {}});
    return tl::unexpected(errors.result().error());
  }
  return e;
}

}  // namespace vigil::scope
