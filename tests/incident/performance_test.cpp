// The latency arithmetic shared by `vigil incident performance` and the
// exercise score: on time at the deadline to the second, late one second after.
#include <gtest/gtest.h>

#include "incident/performance.h"

namespace vigil::incident {
namespace {

Instant at(std::int64_t seconds) { return Instant{std::chrono::seconds{seconds}}; }

TEST(ReportTiming, AtTheDeadlineIsOnTimeOneSecondLaterIsLate) {
  auto on = time_report(SubmissionType::EarlyWarning, at(86400), at(86400));
  EXPECT_EQ(on.on_time, true);
  EXPECT_FALSE(on.late_by);
  auto late = time_report(SubmissionType::EarlyWarning, at(86400), at(86401));
  EXPECT_EQ(late.on_time, false);
  EXPECT_EQ(late.late_by, std::chrono::seconds{1});
}

TEST(ReportTiming, NoSubmissionOrNoDeadlineIsNeitherOnTimeNorLate) {
  EXPECT_FALSE(time_report(SubmissionType::Final, at(10), std::nullopt).on_time);
  auto no_due = time_report(SubmissionType::Final, std::nullopt, at(10));
  EXPECT_FALSE(no_due.on_time);
  EXPECT_FALSE(no_due.late_by);
  EXPECT_EQ(no_due.submitted, at(10));
}

TEST(Performance, LatenciesFromAwarenessNullWhenNotDone) {
  ReportClock c;
  c.early_warning_due = at(1000 + 86400);
  c.notification_due = at(1000 + 3 * 86400);
  c.early_warning_submitted = at(1000 + 3600);
  c.notification_submitted = at(1000 + 3 * 86400 + 60);
  Performance p = performance(at(1000), c);
  EXPECT_EQ(p.awareness_to_early_warning, std::chrono::seconds{3600});
  EXPECT_EQ(p.awareness_to_notification, std::chrono::seconds{3 * 86400 + 60});
  EXPECT_FALSE(p.awareness_to_final_report);
  EXPECT_EQ(p.early_warning.on_time, true);
  EXPECT_EQ(p.notification.late_by, std::chrono::seconds{60});
  EXPECT_FALSE(p.final_report.on_time);
  // Awareness never declared (an exercise): no latency at all.
  Performance none = performance(std::nullopt, c);
  EXPECT_FALSE(none.awareness_to_early_warning);
}

}  // namespace
}  // namespace vigil::incident
