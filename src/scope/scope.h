// Entity scoping: does NIS2 apply to an entity, and how hard? classify() answers
// as Directive (EU) 2022/2555 does (Arts 2, 3, 26, Annexes I and II, with the size
// rules of Recommendation 2003/361/EC) and says what follows: duties,
// supervision (Arts 32/33), the Art. 34 fine ceiling, jurisdiction. Pure: no I/O.
// The CLI (`vigil scope`), the server and the gap report all call these functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "catalog/catalog.h"
#include "core/error.h"
#include "core/money.h"

namespace vigil::scope {

// Head-count in hundredths of an annual work unit (AWU), so 49.5 AWU = 4950.
// Rec. 2003/361/EC Annex Art. 5 counts part-time and seasonal staff as fractions.
struct WorkUnits {
  std::int64_t hundredths = 0;
  friend auto operator<=>(const WorkUnits&, const WorkUnits&) = default;
};
constexpr WorkUnits work_units(std::int64_t whole) { return WorkUnits{whole * 100}; }

// The three figures of Rec. 2003/361/EC Annex Art. 2 for one enterprise.
struct Figures {
  WorkUnits employees;
  Cents annual_turnover;
  Cents balance_sheet_total;
};

// A partner enterprise (Rec. Annex Art. 3(2)): counted pro rata to the holding.
struct Partner {
  Figures figures;
  std::int64_t holding_basis_points = 0;  // hundredths of a percent: 25 % = 2500
};

enum class PublicAdministrationLevel { None, Central, Regional, Local };
enum class Designation { None, Essential, Important };  // Art. 2(2)(b)-(e), 3(1)(e)

// Art. 26(2) facts for entities judged by their main establishment. Each is an
// EU Member State code ("DE"), or empty when unknown or outside the Union.
struct MainEstablishment {
  std::string decisions_taken_in;         // cybersecurity risk-management decisions
  std::string operations_carried_out_in;  // cybersecurity operations
  std::string most_employees_in;          // establishment with most employees in the Union
  std::string representative_in;          // Art. 26(3) representative, when not established in the Union
};

// What the user tells us about an entity. Build one with parse_entity() (or
// parse_entity_row()); they check the contradictions that classify() relies on.
struct Entity {
  std::string name;                                      // optional label, echoed in the result
  std::vector<const catalog::EntityType*> entity_types;  // each activity once
  // Absent only when an interview skipped the size questions because no
  // answer could change the result.
  std::optional<Figures> own;
  std::vector<Figures> linked_enterprises;
  std::vector<Partner> partner_enterprises;
  std::optional<Cents> group_worldwide_turnover;  // for Art. 34 only

  // Required in every input (kServicesInEuFlag); false only when the input says so.
  bool provides_services_in_eu = false;
  bool qualified_trust_service_provider = false;
  bool domain_name_registration_services = false;
  PublicAdministrationLevel public_administration_level = PublicAdministrationLevel::None;
  bool regional_risk_assessment_positive = false;
  bool member_state_extends_to_local_pa = false;
  bool national_security_defence_law_enforcement = false;
  bool judiciary_parliament_or_central_bank = false;
  bool cer_critical_entity = false;
  bool sole_provider_in_member_state = false;
  bool disruption_significant_impact_public_safety_security_health = false;
  bool significant_systemic_risk = false;
  bool critical_national_regional_importance = false;
  Designation member_state_designation = Designation::None;
  bool identified_as_ose_before_2023_01_16 = false;
  bool member_state_applies_art_3_1_g = false;
  bool ancillary_activity = false;
  bool root_name_server_operator = false;
  std::optional<MainEstablishment> main_establishment;
  // The yes/no facts (kEntityFlags names) the input left out, read as "no".
  // Set by the JSON and CSV readers; an interview leaves it empty (it skips
  // only questions whose answer cannot change the result).
  std::vector<std::string_view> not_given;
};

// The entity's yes/no facts under the one name each has as a JSON key, a CSV
// column and an interview question, in the order of Entity; the readers and
// the interview set them through this table.
struct EntityFlag {
  std::string_view name;
  bool Entity::*member;
};
inline constexpr EntityFlag kEntityFlags[] = {
    {"provides_services_in_eu", &Entity::provides_services_in_eu},
    {"qualified_trust_service_provider", &Entity::qualified_trust_service_provider},
    {"domain_name_registration_services", &Entity::domain_name_registration_services},
    {"regional_risk_assessment_positive", &Entity::regional_risk_assessment_positive},
    {"member_state_extends_to_local_pa", &Entity::member_state_extends_to_local_pa},
    {"national_security_defence_law_enforcement", &Entity::national_security_defence_law_enforcement},
    {"judiciary_parliament_or_central_bank", &Entity::judiciary_parliament_or_central_bank},
    {"cer_critical_entity", &Entity::cer_critical_entity},
    {"sole_provider_in_member_state", &Entity::sole_provider_in_member_state},
    {"disruption_significant_impact_public_safety_security_health",
     &Entity::disruption_significant_impact_public_safety_security_health},
    {"significant_systemic_risk", &Entity::significant_systemic_risk},
    {"critical_national_regional_importance", &Entity::critical_national_regional_importance},
    {"identified_as_ose_before_2023_01_16", &Entity::identified_as_ose_before_2023_01_16},
    {"member_state_applies_art_3_1_g", &Entity::member_state_applies_art_3_1_g},
    {"ancillary_activity", &Entity::ancillary_activity},
    {"root_name_server_operator", &Entity::root_name_server_operator},
};
// The one yes/no fact every input must give (Art. 2(1)): unknown is not "no",
// and "no" alone puts an entity out of scope. The readers' message when absent.
inline constexpr const EntityFlag& kServicesInEuFlag = kEntityFlags[0];
inline constexpr std::string_view kServicesInEuRequired =
    "is required: true or false, whether the entity provides services or carries out activities in the Union "
    "(Art. 2(1) NIS2); without it the scope cannot be answered";
static_assert(kServicesInEuFlag.name == "provides_services_in_eu");
// The flag named `name`, or nullptr.
constexpr const EntityFlag* find_entity_flag(std::string_view name) {
  for (const EntityFlag& flag : kEntityFlags) {
    if (flag.name == name) return &flag;
  }
  return nullptr;
}

// Reads an entity from a JSON object. `source` names the input in errors
// ("entity.json"). Every problem is reported at once, each naming its field.
Result<Entity> parse_entity(const nlohmann::json& value, std::string_view source);

// Ordered from least to most stringent, so the most stringent result wins.
enum class Classification { OutOfScope, RegistrationOnly, Important, Essential };
enum class SizeCategory { Micro, Small, Medium, Large };
enum class Supervision { None, ExAnteAndExPost, ExPost };

// The result for one activity (entity type), or for an entity-wide ground such
// as being a CER critical entity (then `type` is null and `ground` names it).
struct ActivityResult {
  const catalog::EntityType* type = nullptr;
  std::string_view ground;  // input field of an entity-wide ground, else empty
  Classification classification = Classification::OutOfScope;
  std::vector<std::string_view> legal_basis;  // "Art. 2(1)", "Annex I point 8"
  std::vector<std::string_view> reasons;      // plain words
};

struct Duty {
  std::string_view id;         // "register_art_27"
  std::string_view reference;  // "Art. 27(2)"
  std::string_view due;        // "2025-01-17", or "" when it has no fixed date
  std::string_view changes;    // how fast changes must be notified, or ""
  std::string_view text;       // own words
};

struct JurisdictionRule {
  std::string_view rule;       // "establishment" | "main_establishment" | "services_provided" | "established_by"
  std::string_view reference;  // "Art. 26(1)(b) and 26(2)"
  std::string_view text;
  std::vector<const catalog::EntityType*> entity_types;
  std::string member_state;             // when the Art. 26(2)/(3) facts settle it
  std::string_view member_state_basis;  // which step of the cascade settled it
};

struct Note {
  std::string_view reference;
  std::string_view text;
};

// Aggregated figures (own + linked 100 % + partners pro rata), exact: each is a
// value scaled by 10 000 (the basis-point denominator), so no rounding ever
// decides a threshold. Shown rounded down to the cent / hundredth of an AWU.
struct AggregatedSize {
  WorkUnits employees;        // rounded down, for display
  Cents annual_turnover;      // rounded down, for display
  Cents balance_sheet_total;  // rounded down, for display
  SizeCategory category = SizeCategory::Micro;
  bool partners_or_linked = false;
};

struct ScopeResult {
  std::string name;
  Classification classification = Classification::OutOfScope;
  std::optional<AggregatedSize> size;  // absent when the size was not asked
  std::vector<std::string_view> legal_basis;
  std::vector<ActivityResult> activities;
  Supervision supervision = Supervision::None;
  std::optional<Cents> max_fine_floor;  // Art. 34(4)/(5), given the group turnover
  std::string_view max_fine_basis;
  std::vector<const Duty*> duties;
  std::vector<JurisdictionRule> jurisdiction;
  bool implementing_regulation_2024_2690 = false;
  std::vector<const Note*> notes;
  // Of the entity's not_given facts, each that would change the classification
  // if it alone were true (and contradicts nothing else given): the result
  // stands only while they are indeed "no". In kEntityFlags order.
  std::vector<std::string_view> assumed_no;
};

ScopeResult classify(const Entity& entity);

// The documented machine form (see docs, `vigil scope --format json`).
nlohmann::json to_json(const ScopeResult& result);

std::string_view to_string(Classification);  // "essential" | "important" | "registration_only" | "out_of_scope"
std::string_view to_string(SizeCategory);    // "micro" | "small" | "medium" | "large"
std::string_view to_string(Supervision);     // "ex_ante_and_ex_post" | "ex_post" | "" (none)
std::string to_string(WorkUnits);            // "49.5", "12", "0.25": shortest decimal, no trailing zero

}  // namespace vigil::scope
