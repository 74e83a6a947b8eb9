// The readiness score in integer tenths of a percent, rounded half up.
#include <gtest/gtest.h>

#include "assess/score.h"

namespace vigil::assess {
namespace {

TEST(Score, MetPlusHalfPartialOverTotal) {
  struct Case {
    Tally t;
    int tenths;
  };
  const Case cases[] = {
      {{31, 31, 0, 0}, 1000}, {{31, 0, 0, 31}, 0}, {{31, 0, 31, 0}, 500}, {{4, 2, 1, 1}, 625},
      {{3, 1, 0, 2}, 333},    {{3, 2, 0, 1}, 667}, {{8, 0, 1, 7}, 63},  // 6.25 % rounds half up to 6.3
      {{16, 0, 1, 15}, 31},                                             // 3.125 % -> 3.1
      {{31, 20, 6, 5}, 742},                                            // 23/31 = 74.19 %
      {{0, 0, 0, 0}, 0},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(c.t.score_tenths(), c.tenths) << c.t.met << "+" << c.t.partial << "/" << c.t.total;
  }
}

TEST(Score, FormatsOneDecimal) {
  EXPECT_EQ(format_tenths(625), "62.5");
  EXPECT_EQ(format_tenths(1000), "100.0");
  EXPECT_EQ(format_tenths(0), "0.0");
  EXPECT_EQ(format_tenths(7), "0.7");
}

TEST(Score, ParsesFailUnderThresholds) {
  const std::pair<const char*, std::optional<int>> cases[] = {
      {"80", 800},
      {"72.5", 725},
      {"0", 0},
      {"100", 1000},
      // Above 100 %, more than one decimal, negative, with a sign or a trailing dot: refused.
      {"100.1", std::nullopt},
      {"72.55", std::nullopt},
      {"-1", std::nullopt},
      {"80%", std::nullopt},
      {"", std::nullopt},
      {"80.", std::nullopt},
  };
  for (const auto& [text, tenths] : cases) EXPECT_EQ(parse_percent_tenths(text), tenths) << "'" << text << "'";
}

}  // namespace
}  // namespace vigil::assess
