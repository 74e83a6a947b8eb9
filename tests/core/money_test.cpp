#include "core/money.h"

#include <gtest/gtest.h>

namespace vigil {
namespace {

TEST(Money, ParsesWholeAndDecimalEuros) {
  EXPECT_EQ(parse_euros("500000", "x")->value, 50000000);
  EXPECT_EQ(parse_euros("500000.01", "x")->value, 50000001);
  EXPECT_EQ(parse_euros("0.5", "x")->value, 50);
}

TEST(Money, RejectsNegativeTooPreciseAndText) {
  EXPECT_FALSE(parse_euros("-1", "x"));
  EXPECT_FALSE(parse_euros("1.234", "x"));
  EXPECT_FALSE(parse_euros("ten", "x"));
  EXPECT_FALSE(parse_euros("", "x"));
}

TEST(Money, Formats) {
  EXPECT_EQ(format_euros(euros(43000000)), "EUR 43 000 000");
  EXPECT_EQ(format_euros(Cents{123456789}), "EUR 1 234 567.89");
  EXPECT_EQ(format_euros_plain(Cents{50}), "0.50");
}

}  // namespace
}  // namespace vigil
