// What follows from a classification: supervision (Arts 32/33), the Art. 34
// fine ceiling, registration and information duties with their dates (Arts
// 3(4), 27, 28) and the risk-management and reporting duties (Arts 20, 21, 23),
// jurisdiction (Art. 26), the reach of IR 2024/2690, and notes (e.g. DORA).
#pragma once

#include <optional>

#include "scope/scope.h"

namespace vigil::scope {

// Art. 34(4)/(5): the floor of the national maximum fine, given the worldwide
// turnover of the undertaking the entity belongs to. The percentage share is
// rounded up to the cent, since the maximum must be at least that share.
std::optional<Cents> max_fine_floor(Classification classification, Cents group_worldwide_turnover);

// Art. 26(2) cascade, then Art. 26(3): the Member State of the main
// establishment, or empty when the facts do not settle it.
struct MainEstablishmentState {
  std::string member_state;
  std::string_view basis;
};
MainEstablishmentState main_establishment_state(const MainEstablishment& facts);

// Fills supervision, fines, duties, jurisdiction, the IR flag and notes.
void add_consequences(const Entity& entity, ScopeResult& result);

}  // namespace vigil::scope
