#include "scope/entity_checks.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "core/names.h"
#include "core/text.h"
#include "scope/activity.h"

namespace vigil::scope {

bool has_kind(const Entity& e, ActivityKind kind) {
  return std::any_of(e.entity_types.begin(), e.entity_types.end(),
                     [&](const catalog::EntityType* t) { return kind_of(*t) == kind; });
}

bool any_ground(const Entity& e) {
  return e.sole_provider_in_member_state || e.disruption_significant_impact_public_safety_security_health ||
         e.significant_systemic_risk || e.critical_national_regional_importance;
}

bool has_annex_type(const Entity& e) {
  return std::any_of(e.entity_types.begin(), e.entity_types.end(),
                     [](const catalog::EntityType* t) { return t->annex == "I" || t->annex == "II"; });
}

namespace {

std::string_view first_ground_field(const Entity& e) {
  if (e.sole_provider_in_member_state) return "sole_provider_in_member_state";
  if (e.disruption_significant_impact_public_safety_security_health) {
    return "disruption_significant_impact_public_safety_security_health";
  }
  if (e.significant_systemic_risk) return "significant_systemic_risk";
  return "critical_national_regional_importance";
}

std::string_view level_type_id(PublicAdministrationLevel level) {
  switch (level) {
    case PublicAdministrationLevel::Central: return type_id::kCentralGovernment;
    case PublicAdministrationLevel::Regional: return type_id::kRegionalGovernment;
    case PublicAdministrationLevel::Local: return type_id::kLocalGovernment;
    case PublicAdministrationLevel::None: break;
  }
  return {};
}

PublicAdministrationLevel level_of(ActivityKind kind) {
  switch (kind) {
    case ActivityKind::CentralGovernment: return PublicAdministrationLevel::Central;
    case ActivityKind::RegionalGovernment: return PublicAdministrationLevel::Regional;
    case ActivityKind::LocalGovernment: return PublicAdministrationLevel::Local;
    default: return PublicAdministrationLevel::None;
  }
}

void add_type(Entity& e, std::string_view id) {
  if (const catalog::EntityType* t = catalog::find_entity_type(id)) e.entity_types.push_back(t);
}

void check_public_administration(Entity& e, Problems& p) {
  std::vector<const catalog::EntityType*> levels;
  for (const catalog::EntityType* t : e.entity_types) {
    if (level_of(kind_of(*t)) != PublicAdministrationLevel::None) levels.push_back(t);
  }
  if (levels.size() > 1) {
    p.emplace_back("entity_types", fmt::format("lists more than one public administration level ({} and {}); "
                                               "an entity has one level",
                                               levels[0]->id, levels[1]->id));
    return;
  }
  if (e.public_administration_level == PublicAdministrationLevel::None) {
    if (!levels.empty()) e.public_administration_level = level_of(kind_of(*levels[0]));
  } else if (levels.empty()) {
    add_type(e, level_type_id(e.public_administration_level));
  } else if (level_of(kind_of(*levels[0])) != e.public_administration_level) {
    p.emplace_back("public_administration_level",
                   fmt::format("'{}' contradicts entity type {} in entity_types",
                               excerpt(to_string(e.public_administration_level)), levels[0]->id));
  }
  const bool pa = e.public_administration_level != PublicAdministrationLevel::None;
  if (e.regional_risk_assessment_positive && e.public_administration_level != PublicAdministrationLevel::Regional) {
    p.emplace_back("regional_risk_assessment_positive",
                   "applies only to a regional public administration entity (public_administration_level "
                   "'regional', Art. 2(2)(f)(ii))");
  }
  if (e.national_security_defence_law_enforcement && !pa) {
    p.emplace_back("national_security_defence_law_enforcement",
                   "the Art. 2(7) exclusion concerns public administration entities; set "
                   "public_administration_level (central, regional or local)");
  }
  if (e.judiciary_parliament_or_central_bank && !pa) {
    p.emplace_back("judiciary_parliament_or_central_bank",
                   "the Art. 6(35) exclusion concerns public administration entities; set "
                   "public_administration_level (central, regional or local)");
  }
}

}  // namespace

void resolve_entity_types(const std::vector<std::string>& ids, Entity& e, Problems& p) {
  e.entity_types.reserve(ids.size() + 1);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const catalog::EntityType* t = catalog::find_entity_type(ids[i]);
    if (!t) {
      std::vector<std::string_view> all = catalog::entity_type_ids();
      auto near = nearest(ids[i], all, 3);
      p.emplace_back(fmt::format("entity_types[{}]", i),
                     fmt::format("'{}' is not a known entity type{}", excerpt(ids[i]),
                                 near.empty() ? std::string("; the catalog lists the known ones")
                                              : fmt::format("; did you mean {}?", or_list(near))));
      continue;
    }
    if (std::find(e.entity_types.begin(), e.entity_types.end(), t) != e.entity_types.end()) {
      p.emplace_back(fmt::format("entity_types[{}]", i), fmt::format("'{}' is listed twice", excerpt(ids[i])));
      continue;
    }
    e.entity_types.push_back(t);
  }
}

void check_entity(Entity& e, Problems& p) {
  check_public_administration(e, p);

  // Art. 2(4): the flag and the entity type say the same thing.
  if (e.domain_name_registration_services && !has_kind(e, ActivityKind::DomainNameRegistration)) {
    add_type(e, type_id::kDomainRegistration);
  }
  if (has_kind(e, ActivityKind::DomainNameRegistration)) e.domain_name_registration_services = true;

  if (e.qualified_trust_service_provider && !has_kind(e, ActivityKind::TrustService)) {
    p.emplace_back("qualified_trust_service_provider",
                   fmt::format("requires entity type {} in entity_types", type_id::kTrustService));
  }
  if (e.root_name_server_operator && !has_kind(e, ActivityKind::DnsService)) {
    p.emplace_back("root_name_server_operator",
                   fmt::format("only excludes entity type {}, which entity_types does not list", type_id::kDns));
  }
  if (e.ancillary_activity &&
      std::none_of(e.entity_types.begin(), e.entity_types.end(),
                   [](const catalog::EntityType* t) { return excludes_ancillary_activity(*t); })) {
    std::vector<std::string> where;
    for (const catalog::EntityType& t : catalog::builtin().entity_types) {
      if (excludes_ancillary_activity(t)) where.emplace_back(t.id);
    }
    p.emplace_back("ancillary_activity",
                   fmt::format("none of the entity types leaves out entities for which it is not the principal "
                               "activity; the Annexes do so only for {}",
                               or_list(where)));
  }
  if (any_ground(e) && !has_annex_type(e)) {
    p.emplace_back(std::string(first_ground_field(e)),
                   "Art. 2(2)(b)-(e) applies only to entities of an Annex I or II type, and entity_types lists none");
  }
  if (e.member_state_designation != Designation::None && !any_ground(e)) {
    p.emplace_back("member_state_designation",
                   "a Member State identifies an entity on a ground of Art. 2(2)(b)-(e) (Art. 3(1)(e)); set the "
                   "ground: sole_provider_in_member_state, disruption_significant_impact_public_safety_security_"
                   "health, significant_systemic_risk or critical_national_regional_importance");
  }
  if (e.main_establishment &&
      std::none_of(e.entity_types.begin(), e.entity_types.end(),
                   [](const catalog::EntityType* t) { return t->jurisdiction == "main_establishment"; })) {
    p.emplace_back("main_establishment",
                   "applies only to entity types judged by their main establishment (Art. 26(1)(b): DNS, TLD, "
                   "domain registration, cloud, data centre, CDN, managed (security) services, online "
                   "marketplaces, search engines, social networks)");
  }
}

std::optional<std::int64_t> parse_hundredths(std::string_view text) {
  if (text.empty()) return std::nullopt;
  std::int64_t whole = 0;
  std::size_t pos = 0;
  for (; pos < text.size() && text[pos] != '.'; ++pos) {
    char c = text[pos];
    if (c < '0' || c > '9') return std::nullopt;
    whole = whole * 10 + (c - '0');
    if (whole > INT64_MAX / 1000) return std::nullopt;
  }
  if (pos == 0) return std::nullopt;
  std::int64_t fraction = 0;
  if (pos < text.size()) {
    std::string_view digits = text.substr(pos + 1);
    if (digits.empty() || digits.size() > 2) return std::nullopt;
    for (char c : digits) {
      if (c < '0' || c > '9') return std::nullopt;
    }
    fraction = (digits[0] - '0') * 10 + (digits.size() == 2 ? digits[1] - '0' : 0);
  }
  return whole * 100 + fraction;
}

bool is_member_state(std::string_view code) {
  static constexpr std::array<std::string_view, 27> kCodes{"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL",
                                                           "ES", "FI", "FR", "HR", "HU", "IE", "IT", "LT", "LU",
                                                           "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"};
  return std::find(kCodes.begin(), kCodes.end(), code) != kCodes.end();
}

namespace {

// The "none" values are written as an empty field.
constexpr EnumNames<PublicAdministrationLevel, 4> kAdministrationLevels{{"", "central", "regional", "local"}};
constexpr EnumNames<Designation, 3> kDesignationNames{{"", "essential", "important"}};

}  // namespace

std::optional<PublicAdministrationLevel> parse_public_administration_level(std::string_view text) {
  return value_named(text, kAdministrationLevels);
}
std::optional<Designation> parse_designation(std::string_view text) { return value_named(text, kDesignationNames); }
std::string_view to_string(PublicAdministrationLevel level) { return name_of(level, kAdministrationLevels); }
std::string_view to_string(Designation designation) { return name_of(designation, kDesignationNames); }

}  // namespace vigil::scope
