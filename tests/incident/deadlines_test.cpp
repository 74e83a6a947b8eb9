// The Art. 23(4) clock: elapsed hours across both EU daylight-saving changes,
// the one-month rule at month ends and in DST gaps/overlaps, the ongoing case,
// the Reg. 1182/71 reading, and every bad input of `vigil deadlines`.
#include "incident/deadlines.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "incident/clock_input.h"
#include "test_result.h"
#include "test_time.h"

namespace vigil::incident {
namespace {

const date::time_zone* berlin() { return date::locate_zone("Europe/Berlin"); }

using vigil::test::at;

ClockInput clock(std::string_view awareness, Convention convention = Convention::ElapsedTime) {
  ClockInput input;
  input.awareness = at(awareness);
  input.zone = berlin();
  input.convention = convention;
  return input;
}

Deadlines compute(const ClockInput& input) { return test::expect_ok(compute_deadlines(input)); }

std::string utc(std::optional<Instant> instant) { return instant ? format_utc(*instant) : "none"; }

// --- elapsed time: 24 h and 72 h across the daylight-saving changes ---------

TEST(Deadlines, ADeadlinePastTheYear9999IsRefusedNotWrittenAsYear10000) {
  // Notification due 9999-11-30T23:59:59Z (00:59:59 on 1 December in Berlin);
  // one month later in Berlin is the last second Vigil can write.
  auto last = compute(clock("9999-11-27T23:59:59Z"));
  EXPECT_EQ(utc(last.final_report_due), "9999-12-31T23:59:59Z");
  auto beyond = compute_deadlines(clock("9999-11-28T00:00:00Z"));
  ASSERT_FALSE(beyond);
  EXPECT_EQ(beyond.error().where, "awareness_time");
  EXPECT_NE(beyond.error().message.find("final_report deadline would fall after 9999-12-31T23:59:59Z"),
            std::string::npos);
}

TEST(Deadlines, TwentyFourAndSeventyTwoHoursAreElapsedTime) {
  auto d = compute(clock("2025-06-02T09:15:00+02:00"));
  EXPECT_EQ(utc(d.early_warning_due), "2025-06-03T07:15:00Z");
  EXPECT_EQ(utc(d.incident_notification_due), "2025-06-05T07:15:00Z");
}

TEST(Deadlines, SpringForwardDoesNotShortenTheHours) {
  // Berlin moves from CET to CEST at 02:00 on Sunday 30 March 2025: the wall
  // clock shows 11:00 a day after 10:00, but exactly 24 hours have elapsed.
  auto d = compute(clock("2025-03-29T10:00:00+01:00"));
  EXPECT_EQ(utc(d.early_warning_due), "2025-03-30T09:00:00Z");
  EXPECT_EQ(format_local(d.early_warning_due, *berlin()), "2025-03-30T11:00:00+02:00");
  EXPECT_EQ(utc(d.incident_notification_due), "2025-04-01T09:00:00Z");
}

TEST(Deadlines, FallBackDoesNotLengthenTheHours) {
  // CEST -> CET at 03:00 on Sunday 26 October 2025.
  auto d = compute(clock("2025-10-25T10:00:00+02:00"));
  EXPECT_EQ(utc(d.early_warning_due), "2025-10-26T08:00:00Z");
  EXPECT_EQ(format_local(d.early_warning_due, *berlin()), "2025-10-26T09:00:00+01:00");
  EXPECT_EQ(utc(d.incident_notification_due), "2025-10-28T08:00:00Z");
}

TEST(Deadlines, TrustServiceNotificationIsDueIn24Hours) {
  auto input = clock("2025-06-02T09:15:00+02:00");
  input.trust_service_incident = true;
  auto d = compute(input);
  EXPECT_EQ(d.incident_notification_due, d.early_warning_due);
  EXPECT_EQ(utc(d.incident_notification_due), "2025-06-03T07:15:00Z");
  ASSERT_EQ(d.all[1].report, Report::IncidentNotification);
  EXPECT_EQ(d.all[1].reference, "Art. 23(4), second subparagraph");
}

// --- the final report: one calendar month on the local wall clock -----------

// The final report once the notification was submitted: one calendar month
// later on the local wall clock (elapsed time) or, under Reg. 1182/71, at the
// end of that day or of the next working day; no longer provisional.
struct MonthCase {
  Convention convention;
  const char* submitted;
  const char* final_due;
  const char* why;
};

class FinalReportMonth : public testing::TestWithParam<MonthCase> {};

TEST_P(FinalReportMonth, AfterSubmission) {
  const auto& c = GetParam();
  auto input = clock("2020-01-01T00:00:00Z", c.convention);
  input.notification_submitted = at(c.submitted);
  auto d = compute(input);
  EXPECT_EQ(utc(d.final_report_due), c.final_due) << c.why;
  EXPECT_FALSE(d.final_report_provisional) << c.why;
}

std::vector<MonthCase> month_cases() {
  using enum Convention;
  return {
      {ElapsedTime, "2025-05-12T14:00:00+02:00", "2025-06-12T12:00:00Z", "same day, same local time"},
      {ElapsedTime, "2025-01-31T10:00:00+01:00", "2025-02-28T09:00:00Z", "31 January -> 28 February"},
      {ElapsedTime, "2024-01-31T10:00:00+01:00", "2024-02-29T09:00:00Z", "31 January -> 29 February (leap)"},
      {ElapsedTime, "2025-03-31T10:00:00+02:00", "2025-04-30T08:00:00Z", "31 March -> 30 April"},
      {ElapsedTime, "2025-12-31T23:30:00+01:00", "2026-01-31T22:30:00Z", "over the year end"},
      {ElapsedTime, "2025-03-15T12:00:00+01:00", "2025-04-15T10:00:00Z", "CET -> CEST keeps 12:00 local"},
      {ElapsedTime, "2025-10-15T12:00:00+02:00", "2025-11-15T11:00:00Z", "CEST -> CET keeps 12:00 local"},
      // 26 March 2023 02:30 does not exist in Berlin: moved forward by the gap to 03:30 CEST.
      {ElapsedTime, "2023-02-26T02:30:00+01:00", "2023-03-26T01:30:00Z", "DST gap"},
      // 29 October 2023 02:30 happens twice: the earlier (CEST) instant.
      {ElapsedTime, "2023-09-29T02:30:00+02:00", "2023-10-29T00:30:00Z", "DST overlap"},
      // Reg. 1182/71: the end of the same date a month later, or of the next working day.
      {Regulation1182_71, "2025-01-13T10:00:00+01:00", "2025-02-13T23:00:00Z", "Thursday 13 February, end of day"},
      {Regulation1182_71, "2025-01-14T23:59:59+01:00", "2025-02-14T23:00:00Z", "Friday 14 February"},
      {Regulation1182_71, "2025-01-15T10:00:00+01:00", "2025-02-17T23:00:00Z", "Saturday -> end of Monday"},
      {Regulation1182_71, "2025-01-16T10:00:00+01:00", "2025-02-17T23:00:00Z", "Sunday -> end of Monday"},
      {Regulation1182_71, "2025-01-31T10:00:00+01:00", "2025-02-28T23:00:00Z", "31 January -> Friday 28 February"},
      {Regulation1182_71, "2024-01-31T10:00:00+01:00", "2024-02-29T23:00:00Z", "leap year: Thursday 29 February"},
      {Regulation1182_71, "2025-03-31T10:00:00+02:00", "2025-04-30T22:00:00Z", "31 March -> Wednesday 30 April"},
      {Regulation1182_71, "2025-02-28T10:00:00+01:00", "2025-03-28T23:00:00Z", "Friday 28 March, still CET"},
      {Regulation1182_71, "2025-09-25T10:00:00+02:00", "2025-10-27T23:00:00Z",
       "Saturday 25 October -> end of Monday 27 October, CET"},
  };
}

INSTANTIATE_TEST_SUITE_P(Berlin, FinalReportMonth, testing::ValuesIn(month_cases()));

TEST(Deadlines, FinalReportIsProvisionalUntilTheNotificationIsSubmitted) {
  auto d = compute(clock("2025-01-29T10:00:00+01:00"));
  // Notification due 1 February 09:00Z (10:00 local); one month later.
  EXPECT_TRUE(d.final_report_provisional);
  EXPECT_EQ(utc(d.final_report_due), "2025-03-01T09:00:00Z");
  EXPECT_FALSE(d.progress_report_due);
  EXPECT_FALSE(d.notification_late);
}

TEST(Deadlines, LateNotificationIsFlaggedAndAnchorsTheFinalReport) {
  auto input = clock("2025-05-01T08:00:00Z");
  input.notification_submitted = at("2025-05-04T08:00:01Z");  // one second after 72 h
  auto d = compute(input);
  EXPECT_TRUE(d.notification_late);
  EXPECT_EQ(utc(d.final_report_due), "2025-06-04T08:00:01Z");
  input.notification_submitted = at("2025-05-04T08:00:00Z");  // exactly at the deadline
  EXPECT_FALSE(compute(input).notification_late);
}

// --- ongoing incident: progress report, then final report after handling ----

TEST(Deadlines, OngoingIncidentGetsAProgressReportAndALaterFinalReport) {
  auto input = clock("2025-01-10T08:00:00Z");
  input.notification_submitted = at("2025-01-12T08:00:00Z");
  input.ongoing_when_final_report_due = true;
  input.incident_handled = at("2025-03-01T12:00:00Z");  // 13:00 CET
  auto d = compute(input);
  EXPECT_EQ(utc(d.progress_report_due), "2025-02-12T08:00:00Z");
  EXPECT_EQ(utc(d.final_report_due), "2025-04-01T11:00:00Z");  // 13:00 CEST
  ASSERT_EQ(d.all.size(), 4u);
  EXPECT_EQ(d.all[2].report, Report::ProgressReport);
  EXPECT_EQ(d.all[2].reference, "Art. 23(4)(e)");
  EXPECT_EQ(d.all[3].report, Report::FinalReport);
  EXPECT_EQ(d.all[3].reference, "Art. 23(4)(e)");
}

TEST(Deadlines, OngoingAndNotYetHandledHasNoFinalReportDateYet) {
  auto input = clock("2025-01-10T08:00:00Z");
  input.ongoing_when_final_report_due = true;
  auto d = compute(input);
  EXPECT_EQ(utc(d.progress_report_due), "2025-02-13T08:00:00Z");  // provisional
  EXPECT_FALSE(d.final_report_due);
  EXPECT_FALSE(d.all.back().due);  // listed last
  EXPECT_EQ(d.all.back().report, Report::FinalReport);
}

TEST(Deadlines, HandledBeforeTheFinalReportWasDueIsNotOngoing) {
  auto input = clock("2025-01-10T08:00:00Z");
  input.notification_submitted = at("2025-01-12T08:00:00Z");
  input.ongoing_when_final_report_due = true;
  input.incident_handled = at("2025-02-12T08:00:00Z");  // exactly when the final report was due
  auto out = compute_deadlines(input);
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().where, "incident_handled_time");
}

TEST(Deadlines, GdprBreachClockRunsBesideTheNis2Clock) {
  auto input = clock("2025-06-02T09:00:00Z");
  input.personal_data_breach_awareness = at("2025-06-02T15:30:00Z");
  auto d = compute(input);
  EXPECT_EQ(utc(d.gdpr_breach_notification_due), "2025-06-05T15:30:00Z");
  ASSERT_EQ(d.all.size(), 4u);
  EXPECT_EQ(d.all[2].report, Report::GdprBreachNotification);  // after the NIS2 notification
  EXPECT_EQ(d.all[2].reference, "GDPR Art. 33(1)");
  EXPECT_FALSE(compute(clock("2025-06-02T09:00:00Z")).gdpr_breach_notification_due);
}

// --- Regulation 1182/71 ------------------------------------------------------

TEST(Deadlines, Regulation1182HoursStartAtTheNextHour) {
  auto d = compute(clock("2025-06-02T09:17:00+02:00", Convention::Regulation1182_71));
  EXPECT_EQ(utc(d.early_warning_due), "2025-06-03T08:00:00Z");  // 10:00 local + 24 h
  EXPECT_EQ(utc(d.incident_notification_due), "2025-06-05T08:00:00Z");
  // An event exactly on the hour: that hour is still the hour it occurs in.
  d = compute(clock("2025-06-02T09:00:00+02:00", Convention::Regulation1182_71));
  EXPECT_EQ(utc(d.early_warning_due), "2025-06-03T08:00:00Z");
}

TEST(Deadlines, Regulation1182HoursAcrossSpringForward) {
  auto d = compute(clock("2025-03-29T10:17:00+01:00", Convention::Regulation1182_71));
  EXPECT_EQ(utc(d.early_warning_due), "2025-03-30T10:00:00Z");
  EXPECT_EQ(format_local(d.early_warning_due, *berlin()), "2025-03-30T12:00:00+02:00");
}

TEST(Deadlines, Regulation1182HourOfAHalfHourZoneIsTheLocalHour) {
  auto input = clock("2025-06-02T10:40:00+05:30", Convention::Regulation1182_71);
  input.zone = date::locate_zone("Asia/Kolkata");
  auto d = compute(input);
  EXPECT_EQ(format_local(d.early_warning_due, *input.zone), "2025-06-03T11:00:00+05:30");
}

TEST(Deadlines, ConventionNamesAndTexts) {
  EXPECT_EQ(parse_convention("reg-1182-71", "--convention").value(), Convention::Regulation1182_71);
  EXPECT_EQ(parse_convention("elapsed-time", "--convention").value(), Convention::ElapsedTime);
  auto bad = parse_convention("1182", "--convention");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().where, "--convention");
  EXPECT_NE(convention_text(Convention::Regulation1182_71).find("holidays"), std::string_view::npos);
  EXPECT_NE(convention_text(Convention::ElapsedTime).find("elapsed"), std::string_view::npos);
}

// --- bad input -----------------------------------------------------------------

TEST(Deadlines, SubmissionBeforeAwarenessIsAnError) {
  auto input = clock("2025-06-02T09:00:00Z");
  input.notification_submitted = at("2025-06-02T08:59:59Z");
  auto out = compute_deadlines(input);
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().where, "notification_submitted_time");
  input.notification_submitted = at("2025-06-02T09:00:00Z");  // the same instant is fine
  EXPECT_TRUE(compute_deadlines(input));
}

TEST(Deadlines, MissingZoneIsAnError) {
  auto input = clock("2025-06-02T09:00:00Z");
  input.zone = nullptr;
  auto out = compute_deadlines(input);
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().where, "timezone");
}

const date::time_zone* locate(std::string_view name) {
  try {
    return date::locate_zone(std::string(name));
  } catch (const std::exception&) {
    return nullptr;
  }
}

Result<ClockInput> parse(std::string_view text) {
  return parse_clock_input(nlohmann::json::parse(text), "incident.json", locate, Convention::ElapsedTime);
}

std::string all_wheres(const Error& error) {
  std::string out = error.where;
  for (const auto& more : error.more) out += " | " + more.where;
  return out;
}

TEST(ClockInput, ReadsEveryField) {
  auto input = parse(R"({"awareness_time": "2025-06-02T09:00:00+02:00", "timezone": "Europe/Berlin",
    "trust_service_incident": true, "notification_submitted_time": "2025-06-03T07:00:00Z",
    "ongoing_when_final_report_due": true, "incident_handled_time": "2025-08-01T00:00:00Z",
    "personal_data_breach_awareness_time": "2025-06-02T10:00:00Z"})");
  ASSERT_TRUE(input) << describe(input.error());
  EXPECT_EQ(format_utc(input->awareness), "2025-06-02T07:00:00Z");
  EXPECT_EQ(input->zone->name(), "Europe/Berlin");
  EXPECT_TRUE(input->trust_service_incident);
  EXPECT_TRUE(input->ongoing_when_final_report_due);
  EXPECT_EQ(utc(input->notification_submitted), "2025-06-03T07:00:00Z");
  EXPECT_EQ(utc(input->incident_handled), "2025-08-01T00:00:00Z");
  EXPECT_EQ(utc(input->personal_data_breach_awareness), "2025-06-02T10:00:00Z");
}

// The incident record's lower bound (core/errors.h kEarliestPlausibleTime),
// with its wording, on every time; a time to come is accepted (planning).
TEST(ClockInput, TimesBefore2000AreRefusedFutureTimesAccepted) {
  auto year_one = parse(R"({"awareness_time": "0001-01-01T00:00:00Z", "timezone": "UTC"})");
  ASSERT_FALSE(year_one);
  EXPECT_EQ(year_one.error().where, "incident.json: awareness_time");
  EXPECT_EQ(year_one.error().message,
            "0001-01-01T00:00:00Z is before 2000-01-01T00:00:00Z: give the year in full (e.g. 2026-03-14T09:30:00Z)");
  auto handled = parse(R"({"awareness_time": "2025-06-02T09:00:00Z", "timezone": "UTC",
                           "incident_handled_time": "1024-06-02T09:00:00Z"})");
  ASSERT_FALSE(handled);
  EXPECT_EQ(all_wheres(handled.error()), "incident.json: incident_handled_time");
  auto future = parse(R"({"awareness_time": "2099-06-02T09:00:00Z", "timezone": "UTC"})");
  ASSERT_TRUE(future) << describe(future.error());
  auto edge = parse(R"({"awareness_time": "2000-01-01T00:00:00Z", "timezone": "UTC"})");
  ASSERT_TRUE(edge) << describe(edge.error());
}

TEST(ClockInput, AbsentFlagsAreFalse) {
  auto input = parse(R"({"awareness_time": "2025-06-02T09:00:00Z", "timezone": "UTC"})");
  ASSERT_TRUE(input);
  EXPECT_FALSE(input->trust_service_incident);
  EXPECT_FALSE(input->ongoing_when_final_report_due);
  EXPECT_FALSE(input->notification_submitted);
}

TEST(ClockInput, TimestampWithoutOffsetIsAnError) {
  auto input = parse(R"({"awareness_time": "2025-06-02T09:00:00", "timezone": "Europe/Berlin"})");
  ASSERT_FALSE(input);
  EXPECT_EQ(input.error().where, "incident.json: awareness_time");
  EXPECT_NE(input.error().message.find("offset"), std::string::npos);
}

TEST(ClockInput, UnknownTimeZoneIsAnError) {
  auto input = parse(R"({"awareness_time": "2025-06-02T09:00:00Z", "timezone": "Europe/Berlim"})");
  ASSERT_FALSE(input);
  EXPECT_EQ(input.error().where, "incident.json: timezone");
  EXPECT_NE(input.error().message.find("Europe/Berlim"), std::string::npos);
}

TEST(ClockInput, SubmissionBeforeAwarenessIsAnError) {
  auto input = parse(R"({"awareness_time": "2025-06-02T09:00:00Z", "timezone": "UTC",
                         "notification_submitted_time": "2025-06-01T09:00:00Z"})");
  ASSERT_FALSE(input);
  EXPECT_EQ(input.error().where, "incident.json: notification_submitted_time");
}

TEST(ClockInput, HandledBeforeAwarenessIsAnError) {
  auto input = parse(R"({"awareness_time": "2025-06-02T09:00:00Z", "timezone": "UTC",
                         "incident_handled_time": "2025-06-01T09:00:00Z"})");
  ASSERT_FALSE(input);
  EXPECT_EQ(input.error().where, "incident.json: incident_handled_time");
}

TEST(ClockInput, UnknownFieldIsAnErrorAndAllErrorsComeTogether) {
  auto input = parse(R"({"awareness_time": "yesterday", "timezone": "Mars/Olympus",
                         "trust_service": true, "ongoing_when_final_report_due": "yes"})");
  ASSERT_FALSE(input);
  EXPECT_EQ(all_wheres(input.error()),
            "incident.json: awareness_time | incident.json: timezone | "
            "incident.json: ongoing_when_final_report_due | incident.json: trust_service");
  EXPECT_NE(input.error().more.back().message.find("trust_service_incident"), std::string::npos);
}

TEST(ClockInput, RequiredFieldsAreNamed) {
  auto input = parse(R"({})");
  ASSERT_FALSE(input);
  EXPECT_EQ(all_wheres(input.error()), "incident.json: awareness_time | incident.json: timezone");
}

}  // namespace
}  // namespace vigil::incident
