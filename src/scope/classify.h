// Arts 2 and 3: the classification of each activity of an entity, and of the
// entity as a whole (the most stringent activity wins). classify() in scope.h
// adds the consequences (consequences.h) to what this computes.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "scope/scope.h"

namespace vigil::scope {

// One result per entity type, then one per entity-wide ground (CER critical
// entity, Art. 3(1)(g) operator of essential services) or, when nothing else
// applies, one "no Annex activity" line, so a reader always sees why.
std::vector<ActivityResult> classify_activities(const Entity& entity, std::optional<SizeCategory> size);

// ScopeResult::assumed_no: each of entity.not_given that, alone set to true
// (and contradicting nothing given, check_entity), changes `classification`,
// which must be the entity's (the most stringent of classify_activities(entity,
// size)). `size`: the entity's size category, as classify_activities takes it.
// Classifies again only the facts whose effect the rules leave open.
std::vector<std::string_view> assumed_no(const Entity& entity, Classification classification,
                                         std::optional<SizeCategory> size);

}  // namespace vigil::scope
