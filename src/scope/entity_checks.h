// Checks shared by every way of reading an entity (JSON, CSV row, interview):
// entity type ids resolved against the catalog with "did you mean", and the
// combinations that contradict each other or the Directive, each naming its field.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "scope/activity.h"
#include "scope/scope.h"

namespace vigil::scope {

// (field, message) pairs; each reader turns them into Errors with its location.
using Problems = std::vector<std::pair<std::string, std::string>>;

// Resolves ids into entity.entity_types; unknown ids name the nearest valid ones.
void resolve_entity_types(const std::vector<std::string>& ids, Entity& entity, Problems& problems);

// Adds the types implied by other fields (public_administration_level,
// domain_name_registration_services) and reports contradictions.
void check_entity(Entity& entity, Problems& problems);

// Whether one of the entity's types is of the given kind of activity.
bool has_kind(const Entity& entity, ActivityKind kind);

// Whether any Art. 2(2)(b)-(e) ground applies (sole provider, disruption with
// significant impact, systemic risk, critical importance): those bring an
// Annex I/II entity into scope whatever its size.
bool any_ground(const Entity& entity);

// Whether one of the entity's types is listed in Annex I or II (the grounds
// above apply only then).
bool has_annex_type(const Entity& entity);

// What an annual-work-units figure must be (JSON and CSV readers' messages).
inline constexpr std::string_view kWorkUnits = "a number of annual work units, 0 or more, at most two decimals";

// A decimal with at most two decimals, not negative, in hundredths
// ("49.5" -> 4950). Used for annual work units and holding percentages.
std::optional<std::int64_t> parse_hundredths(std::string_view text);

// EU Member State codes (ISO 3166-1 alpha-2, with EL for Greece).
bool is_member_state(std::string_view code);

std::optional<PublicAdministrationLevel> parse_public_administration_level(std::string_view text);
std::optional<Designation> parse_designation(std::string_view text);
std::string_view to_string(PublicAdministrationLevel level);  // "" for None
std::string_view to_string(Designation designation);          // "" for None

}  // namespace vigil::scope
