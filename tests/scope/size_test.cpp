// Rec. 2003/361/EC Annex Art. 2 at every boundary, and the aggregation of
// linked and partner enterprises (Annex Arts 3-6).
#include "scope/size.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace vigil::scope {
namespace {

constexpr std::int64_t M = 1'000'000;
Cents eur(std::int64_t whole) { return euros(whole); }
Cents plus_one(std::int64_t whole) { return Cents{euros(whole).value + 100}; }  // one euro above

struct SizeCase {
  std::string name;
  WorkUnits staff;
  Cents turnover;
  Cents balance;
  SizeCategory expected;
};

// A financial ceiling (in millions of euros): exactly at it, and one euro
// above on a single count, the category stays `within`; one euro above on
// both counts it is `above`.
struct Ceiling {
  std::int64_t turnover;
  std::int64_t balance;
  SizeCategory within;
  SizeCategory above;
};

std::vector<SizeCase> size_cases() {
  std::vector<SizeCase> cases = {
      // Head-count ceilings: fewer than 10 / 50 / 250 (financial figures tiny).
      {"9 staff", work_units(9), eur(0), eur(0), SizeCategory::Micro},
      {"10 staff", work_units(10), eur(0), eur(0), SizeCategory::Small},
      {"49 staff", work_units(49), eur(0), eur(0), SizeCategory::Small},
      {"49.99 AWU", WorkUnits{4999}, eur(0), eur(0), SizeCategory::Small},
      {"50 staff", work_units(50), eur(0), eur(0), SizeCategory::Medium},
      {"249 staff", work_units(249), eur(0), eur(0), SizeCategory::Medium},
      {"249.99 AWU", WorkUnits{24999}, eur(0), eur(0), SizeCategory::Medium},
      {"250 staff", work_units(250), eur(0), eur(0), SizeCategory::Large},
      {"huge turnover, 43M balance", work_units(200), eur(900 * M), eur(43 * M), SizeCategory::Medium},
      {"49 staff, both above medium", work_units(49), plus_one(50 * M), plus_one(43 * M), SizeCategory::Large},
      // Head-count always applies, whatever the finances.
      {"250 staff, tiny finances", work_units(250), eur(1), eur(1), SizeCategory::Large},
      {"9 staff, both above 10M", work_units(9), plus_one(10 * M), plus_one(10 * M), SizeCategory::Medium},
  };
  // Micro EUR 2 M; small EUR 10 M; medium: turnover EUR 50 M, balance sheet EUR 43 M.
  for (Ceiling c : {Ceiling{2, 2, SizeCategory::Micro, SizeCategory::Small},
                    Ceiling{10, 10, SizeCategory::Small, SizeCategory::Medium},
                    Ceiling{50, 43, SizeCategory::Medium, SizeCategory::Large}}) {
    for (bool turnover_above : {false, true}) {
      for (bool balance_above : {false, true}) {
        std::string name = std::to_string(c.turnover) + (turnover_above ? "M+1/" : "M/") + std::to_string(c.balance) +
                           (balance_above ? "M+1" : "M");
        auto figure = [](std::int64_t millions, bool above) {
          return above ? plus_one(millions * M) : eur(millions * M);
        };
        cases.push_back({name, work_units(1), figure(c.turnover, turnover_above), figure(c.balance, balance_above),
                         turnover_above && balance_above ? c.above : c.within});
      }
    }
  }
  return cases;
}

class SizeBoundary : public testing::TestWithParam<SizeCase> {};

TEST_P(SizeBoundary, Categorises) {
  const SizeCase& c = GetParam();
  EXPECT_EQ(size_category(Figures{c.staff, c.turnover, c.balance}), c.expected) << c.name;
}

INSTANTIATE_TEST_SUITE_P(Rec2003_361, SizeBoundary, testing::ValuesIn(size_cases()),
                         [](const testing::TestParamInfo<SizeCase>& p) {
                           std::string n;
                           for (char ch : p.param.name) n += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
                           return n;
                         });

TEST(Aggregation, LinkedCountInFullPartnersProRata) {
  Figures own{work_units(40), eur(0), eur(0)};
  std::vector<Figures> linked{{work_units(5), eur(0), eur(0)}};
  // 25 % of 20 staff = 5: 40 + 5 + 5 = 50 -> medium.
  std::vector<Partner> partners{{{work_units(20), eur(0), eur(0)}, 2500}};
  EXPECT_EQ(size_category(aggregate(own, linked, partners)), SizeCategory::Medium);
  partners[0].holding_basis_points = 2499;  // just under: 49.998 staff -> small
  EXPECT_EQ(size_category(aggregate(own, linked, partners)), SizeCategory::Small);
}

TEST(Aggregation, ProRataSharesAreExactNotRounded) {
  // 33.33 % of 30 AWU = 9.999 AWU; 240 + 9.999 = 249.999 < 250: still medium.
  // Rounding to the hundredth would have given 250.00 and "large".
  Figures own{work_units(240), eur(0), eur(0)};
  std::vector<Partner> partners{{{work_units(30), eur(0), eur(0)}, 3333}};
  EXPECT_EQ(size_category(aggregate(own, {}, partners)), SizeCategory::Medium);
}

TEST(Aggregation, FinancialCeilingsAddUp) {
  Figures own{work_units(10), eur(30 * M), eur(30 * M)};
  std::vector<Figures> linked{{work_units(10), eur(20 * M), eur(13 * M)}};
  EXPECT_EQ(size_category(aggregate(own, linked, {})), SizeCategory::Medium);  // exactly 50 M / 43 M
  linked[0].annual_turnover.value += 1;
  linked[0].balance_sheet_total.value += 1;
  EXPECT_EQ(size_category(aggregate(own, linked, {})), SizeCategory::Large);  // one cent above both
}

}  // namespace
}  // namespace vigil::scope
