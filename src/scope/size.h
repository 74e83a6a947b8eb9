// Enterprise size under Recommendation 2003/361/EC (Annex Arts 2-6), which NIS2
// uses to decide who is in scope by size (Art. 2(1)) and who is essential by
// size (Art. 3(1)(a)). Figures of linked enterprises count in full, partners pro
// rata; the sums are kept exact so no rounding can decide a threshold.
#pragma once

#include <span>

#include "scope/scope.h"

namespace vigil::scope {

// Each figure multiplied by 10 000 (the basis-point denominator of a partner's
// holding), so pro-rata shares are whole numbers and comparisons are exact.
struct ExactFigures {
  __int128 employees = 0;  // hundredths of an AWU x 10 000
  __int128 turnover = 0;   // cents x 10 000
  __int128 balance_sheet = 0;
};

ExactFigures aggregate(const Figures& own, std::span<const Figures> linked, std::span<const Partner> partners);

// Rec. 2003/361/EC Annex Art. 2: the head-count ceiling always applies; of the
// two financial ceilings only one needs to be respected ("and/or"), so an
// enterprise leaves a category only when it exceeds BOTH financial ceilings.
SizeCategory size_category(const ExactFigures& figures);
SizeCategory size_category(const Figures& single_enterprise);

// Aggregates the entity's figures; precondition: entity.own is set.
AggregatedSize aggregated_size(const Entity& entity);

}  // namespace vigil::scope
