#include "scope/size.h"

#include <cstdint>

namespace vigil::scope {

namespace {

constexpr __int128 kScale = 10'000;  // basis points in 100 %

// Rec. 2003/361/EC Annex Art. 2(1)-(3): head-count ceilings (fewer than N
// persons) and financial ceilings (at most EUR X), in our units.
constexpr __int128 staff(std::int64_t persons) { return __int128(persons) * 100 * kScale; }
constexpr __int128 eur(std::int64_t whole) { return __int128(whole) * 100 * kScale; }

struct Ceiling {
  __int128 staff_below;  // the enterprise has fewer than this many AWU
  __int128 turnover_at_most;
  __int128 balance_sheet_at_most;
};
constexpr Ceiling kMedium{staff(250), eur(50'000'000), eur(43'000'000)};  // Annex Art. 2(1)
constexpr Ceiling kSmall{staff(50), eur(10'000'000), eur(10'000'000)};    // Annex Art. 2(2)
constexpr Ceiling kMicro{staff(10), eur(2'000'000), eur(2'000'000)};      // Annex Art. 2(3)

bool within(const ExactFigures& f, const Ceiling& c) {
  // The "and/or" of Art. 2: either financial ceiling suffices; head-count always applies.
  return f.employees < c.staff_below &&
         (f.turnover <= c.turnover_at_most || f.balance_sheet <= c.balance_sheet_at_most);
}

void add(ExactFigures& sum, const Figures& f, __int128 share) {
  sum.employees += __int128(f.employees.hundredths) * share;
  sum.turnover += __int128(f.annual_turnover.value) * share;
  sum.balance_sheet += __int128(f.balance_sheet_total.value) * share;
}

std::int64_t display(__int128 scaled) {  // saturates rather than wrap on absurd sums
  __int128 v = scaled / kScale;
  return v > INT64_MAX ? INT64_MAX : static_cast<std::int64_t>(v);
}

}  // namespace

ExactFigures aggregate(const Figures& own, std::span<const Figures> linked, std::span<const Partner> partners) {
  ExactFigures sum;
  add(sum, own, kScale);
  // Linked enterprises (Annex Art. 3(3), 6(2)-(4)): 100 % of their figures.
  for (const Figures& f : linked) add(sum, f, kScale);
  // Partner enterprises (Annex Art. 3(2), 6(2)): in proportion to the holding
  // (the higher of capital and voting rights), exactly.
  for (const Partner& p : partners) add(sum, p.figures, p.holding_basis_points);
  return sum;
}

SizeCategory size_category(const ExactFigures& f) {
  if (within(f, kMicro)) return SizeCategory::Micro;
  if (within(f, kSmall)) return SizeCategory::Small;
  if (within(f, kMedium)) return SizeCategory::Medium;
  return SizeCategory::Large;  // exceeds the medium-sized ceilings
}

SizeCategory size_category(const Figures& single_enterprise) {
  return size_category(aggregate(single_enterprise, {}, {}));
}

AggregatedSize aggregated_size(const Entity& entity) {
  ExactFigures f = aggregate(*entity.own, entity.linked_enterprises, entity.partner_enterprises);
  AggregatedSize out;
  // Display only: rounded down to the unit of the input. Thresholds use `f`.
  out.employees = WorkUnits{display(f.employees)};
  out.annual_turnover = Cents{display(f.turnover)};
  out.balance_sheet_total = Cents{display(f.balance_sheet)};
  out.category = size_category(f);
  out.partners_or_linked = !entity.linked_enterprises.empty() || !entity.partner_enterprises.empty();
  return out;
}

}  // namespace vigil::scope
