#include "core/time.h"

#include "core/errors.h"

#include <gtest/gtest.h>

namespace vigil {
namespace {

TEST(Rfc3339, ConvertsOffsetToUtc) {
  auto t = parse_rfc3339("2025-03-30T01:30:00+01:00", "awareness_time");
  ASSERT_TRUE(t) << describe(t.error());
  EXPECT_EQ(format_utc(*t), "2025-03-30T00:30:00Z");
}

TEST(Rfc3339, AcceptsZuluAndZeroFraction) {
  EXPECT_EQ(format_utc(*parse_rfc3339("2024-02-29T23:59:59Z", "t")), "2024-02-29T23:59:59Z");
  EXPECT_EQ(format_utc(*parse_rfc3339("2024-02-29T23:59:59.000-02:30", "t")), "2024-03-01T02:29:59Z");
}

TEST(Rfc3339, RejectsMissingOffsetNamingTheField) {
  auto t = parse_rfc3339("2025-03-30T01:30:00", "awareness_time");
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().where, "awareness_time");
  EXPECT_NE(t.error().message.find("missing offset"), std::string::npos);
}

TEST(Rfc3339, RejectsNonZeroFractionRatherThanDroppingIt) {
  EXPECT_FALSE(parse_rfc3339("2025-03-30T01:30:00.5Z", "t"));
}

TEST(Rfc3339, RejectsImpossibleDatesAndTimes) {
  EXPECT_FALSE(parse_rfc3339("2025-02-29T00:00:00Z", "t"));
  EXPECT_FALSE(parse_rfc3339("2025-01-01T24:00:00Z", "t"));
  EXPECT_FALSE(parse_rfc3339("2025-01-01T10:00:00+1:00", "t"));
}

TEST(Date, ParsesAndFormats) {
  auto d = parse_date("2024-02-29", "last_reviewed");
  ASSERT_TRUE(d);
  EXPECT_EQ(format_date(*d), "2024-02-29");
  EXPECT_FALSE(parse_date("2023-02-29", "last_reviewed"));
  EXPECT_FALSE(parse_date("2023-2-1", "last_reviewed"));
}

TEST(Rfc3339, AnOffsetCannotCarryAnInstantOutsideTheYears0000To9999) {
  EXPECT_TRUE(parse_rfc3339("0000-01-01T00:00:00Z", "t"));
  EXPECT_TRUE(parse_rfc3339("9999-12-31T23:59:59Z", "t"));
  EXPECT_TRUE(parse_rfc3339("0000-01-01T00:00:00-00:01", "t"));  // 00:01 UTC, still year 0000
  auto before = parse_rfc3339("0000-01-01T00:00:00+23:59", "awareness_time");
  ASSERT_FALSE(before);
  EXPECT_EQ(before.error().where, "awareness_time");
  EXPECT_NE(before.error().message.find("outside the years 0000 to 9999"), std::string::npos) << before.error().message;
  EXPECT_FALSE(parse_rfc3339("0000-01-01T00:00:00+00:01", "t"));
  EXPECT_FALSE(parse_rfc3339("9999-12-31T23:59:59-00:01", "t"));
}

TEST(PlausiblePast, FromTheYear2000UpToNow) {
  const Instant now = *parse_rfc3339("2026-12-03T12:00:00Z", "t");
  auto check = [&](std::string_view t) {
    Errors errors;
    errors.plausible_past(*parse_rfc3339(t, "t"), now, "awareness_time");
    return errors.empty() ? std::string() : errors.list().front().message;
  };
  EXPECT_EQ(check("2000-01-01T00:00:00Z"), "");
  EXPECT_EQ(check("2026-12-03T12:00:00Z"), "");
  EXPECT_EQ(check("1999-12-31T23:59:59Z"),
            "1999-12-31T23:59:59Z is before 2000-01-01T00:00:00Z: give the year in full (e.g. 2026-03-14T09:30:00Z)");
  EXPECT_NE(check("0001-01-01T00:00:00Z"), "");
  EXPECT_EQ(check("2026-12-03T12:00:01Z"), "2026-12-03T12:00:01Z is in the future (now is 2026-12-03T12:00:00Z)");
}

}  // namespace
}  // namespace vigil
