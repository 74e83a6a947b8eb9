// "More than 12 months" at its boundaries, by calendar months.
#include <gtest/gtest.h>

#include "assess/review_due.h"
#include "soa_builder.h"

namespace vigil::assess {
namespace {

using testing::day;

struct Case {
  Date reviewed, as_of;
  bool overdue;
};

TEST(ReviewDue, TwelveCalendarMonthsToTheDay) {
  EXPECT_EQ(review_due(day(2024, 3, 15)), day(2025, 3, 15));
  EXPECT_EQ(review_due(day(2024, 12, 31)), day(2025, 12, 31));
}

TEST(ReviewDue, TwentyNinthOfFebruaryFallsDueOnTheTwentyEighth) {
  EXPECT_EQ(review_due(day(2024, 2, 29)), day(2025, 2, 28));
  EXPECT_EQ(review_due(day(2023, 2, 28)), day(2024, 2, 28));  // not 29: same day of the month
}

TEST(ReviewDue, OverdueOnlyAfterTheDueDate) {
  const Case cases[] = {
      {day(2024, 3, 15), day(2025, 3, 14), false},
      {day(2024, 3, 15), day(2025, 3, 15), false},  // exactly 12 months
      {day(2024, 3, 15), day(2025, 3, 16), true},   // 12 months and one day
      {day(2024, 2, 29), day(2025, 2, 28), false},
      {day(2024, 2, 29), day(2025, 3, 1), true},
      {day(2023, 2, 28), day(2024, 2, 28), false},
      {day(2023, 2, 28), day(2024, 2, 29), true},  // leap day is one day past 12 months
      {day(2023, 3, 1), day(2024, 2, 29), false},
      {day(2024, 12, 31), day(2025, 12, 31), false},
      {day(2024, 12, 31), day(2026, 1, 1), true},
      {day(2025, 6, 1), day(2025, 5, 1), false},  // reviewed after the assessment date
  };
  for (const Case& c : cases) {
    EXPECT_EQ(review_overdue(c.reviewed, c.as_of), c.overdue)
        << format_date(c.reviewed) << " as of " << format_date(c.as_of);
  }
}

}  // namespace
}  // namespace vigil::assess
