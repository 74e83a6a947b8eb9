#include "exercise/duration.h"

#include <gtest/gtest.h>

namespace vigil::exercise {
namespace {

TEST(Duration, ParsesTheFormsExercisesUse) {
  struct Case {
    const char* text;
    long long seconds;
  } cases[] = {{"PT0S", 0},        {"PT40M", 2400},          {"PT4H", 14400}, {"PT96H", 345600},
               {"P1D", 86400},     {"P1DT2H30M", 95400},     {"PT90S", 90},   {"P2W", 1209600},
               {"PT1H0M1S", 3601}, {"P1W2DT3H4M5S", 788645}, {"P0D", 0}};
  for (const auto& c : cases) {
    auto parsed = parse_duration(c.text, "at");
    ASSERT_TRUE(parsed) << c.text << ": " << parsed.error().message;
    EXPECT_EQ(parsed->count(), c.seconds) << c.text;
  }
}

TEST(Duration, RefusesWhatIsNotAnOffsetNamingTheField) {
  const char* bad[] = {"",    "PT",   "P",    "1H",   "PT1.5H", "PT1,5H",           "-PT1H",
                       "P1Y", "P1M",  "PT1D", "P1H",  "PT1M1H", "PT1H1H",           "PTH",
                       "PT1", "P1DT", "PT1X", "pt1h", "P1TT1H", "PT99999999999999H"};
  for (const char* text : bad) {
    auto parsed = parse_duration(text, "t.toml:3: at");
    ASSERT_FALSE(parsed) << text;
    EXPECT_EQ(parsed.error().where, "t.toml:3: at");
    EXPECT_NE(parsed.error().message.find("not an ISO 8601 duration"), std::string::npos) << parsed.error().message;
  }
  EXPECT_NE(parse_duration("P1M", "x").error().message.find("months have no fixed length"), std::string::npos);
}

TEST(Duration, AtMostTenYears) {
  EXPECT_TRUE(parse_duration("P3660D", "x"));
  EXPECT_FALSE(parse_duration("P3661D", "x"));
}

TEST(Duration, CanonicalFormUsesHoursNotDays) {
  EXPECT_EQ(format_duration(Seconds{0}), "PT0S");
  EXPECT_EQ(format_duration(Seconds{2400}), "PT40M");
  EXPECT_EQ(format_duration(Seconds{95400}), "PT26H30M");
  EXPECT_EQ(format_duration(Seconds{744 * 3600 + 5}), "PT744H5S");
  EXPECT_EQ(format_duration(Seconds{-900}), "-PT15M");
  for (long long s : {1LL, 59LL, 61LL, 3599LL, 3600LL, 86399LL, 2678400LL}) {
    EXPECT_EQ(parse_duration(format_duration(Seconds{s}), "x")->count(), s);
  }
}

}  // namespace
}  // namespace vigil::exercise
