// The incident record's rules: what each command accepts (every bad input is
// named by its field), how entries fold into the record, and which reports are
// still pending.
#include "incident/incident.h"
#include "tzdata/zones.h"

#include <algorithm>
#include <vector>

#include <gtest/gtest.h>
#include "test_result.h"
#include "test_time.h"

namespace vigil::incident {
namespace {

using vigil::test::at;

using vigil::test::kCloud;
const Instant kNow = at("2025-03-10T00:00:00Z");

OpenRequest good_open() {
  return {"Outage", at("2025-03-01T10:00:00Z"), "Europe/Berlin", kCloud, false, "alice", kNow};
}

// An incident made of entries, as the store would keep it.
struct Log {
  std::vector<Event> events;
  Incident record;
  explicit Log(const OpenRequest& open = good_open()) { add(*open_incident(open, tzdata::zones())); }
  void add(EventDraft draft) {
    events.push_back(seal("default", "INC-1", events.empty() ? nullptr : &events.back(), std::move(draft)));
    auto applied = apply(record, events.back(), tzdata::zones());
    ASSERT_TRUE(applied) << describe(applied.error());
  }
  void submit_report(SubmissionType type, const char* when, Recipient to = Recipient::Csirt) {
    auto d = submit(record, {type, at(when), to, "", "bob", kNow}, tzdata::zones());
    ASSERT_TRUE(d) << describe(d.error());
    add(*d);
  }
  std::vector<Report> pending() {
    std::vector<Report> out;
    auto reports = pending_reports(record, tzdata::zones());
    EXPECT_TRUE(reports);
    for (const auto& p : *reports) out.push_back(p.report);
    return out;
  }
};

// Why open_incident refuses `r` (and a test failure if it does not).
Error refusal(const OpenRequest& r, const Zones& zones = tzdata::zones()) {
  auto d = open_incident(r, zones);
  EXPECT_FALSE(d) << r.title;
  return d ? Error{} : d.error();
}

std::vector<std::string> wheres(const Error& e) {
  std::vector<std::string> out{e.where};
  for (const auto& m : e.more) out.push_back(m.where);
  return out;
}

TEST(OpenIncident, RecordsWhatWasGiven) {
  Log log;
  EXPECT_EQ(log.record.id, "INC-1");
  EXPECT_EQ(log.record.number, 1);
  EXPECT_EQ(log.record.title, "Outage");
  EXPECT_EQ(log.record.awareness, at("2025-03-01T10:00:00Z"));
  EXPECT_EQ(log.record.opened_by, "alice");
  EXPECT_EQ(log.record.head_hash, log.events.back().hash);
}

TEST(OpenIncident, ControlCharactersAndBidiOverridesAreRefusedInEveryTextField) {
  auto r = good_open();
  r.title = "=HYPERLINK \x1b]8;;http://x.example\x07";
  r.by = "mallory\u202E";
  auto d = open_incident(r, tzdata::zones());
  ASSERT_FALSE(d);
  EXPECT_EQ(wheres(d.error()), (std::vector<std::string>{"title", "by"}));
  EXPECT_NE(d.error().message.find("U+001B"), std::string::npos) << d.error().message;
  EXPECT_NE(d.error().more.at(0).message.find("U+202E"), std::string::npos);
  r = good_open();
  r.title = "Two\nlines";  // a title is one line
  EXPECT_FALSE(open_incident(r, tzdata::zones()));
  r.title = "Ausfall in Köln – 東京 mirror";
  EXPECT_TRUE(open_incident(r, tzdata::zones()));
}

TEST(OpenIncident, UnknownTimeZoneIsNamedWithSuggestions) {
  auto r = good_open();
  r.timezone = "Europe/Berln";
  auto e = refusal(r);
  EXPECT_EQ(e.where, "timezone");
  EXPECT_NE(e.message.find("Europe/Berlin"), std::string::npos) << e.message;
}

// A time-zone database that knows only `known` (each placed as tzdata places
// it): which zones exist is the caller's, the rule is the record's.
Zones only(std::vector<std::string> known) {
  return Zones{[known](std::string_view name) -> const date::time_zone* {
                 if (std::find(known.begin(), known.end(), name) == known.end()) return nullptr;
                 return tzdata::locate(name);
               },
               [known] { return known; }};
}

TEST(OpenIncident, TheZoneMustBeOneTheGivenDatabaseKnows) {
  EXPECT_TRUE(open_incident(good_open(), only({"Europe/Berlin"})));
  // tzdata knows Europe/Berlin; the database given does not.
  auto e = refusal(good_open(), only({"Asia/Tokyo"}));
  EXPECT_EQ(e.where, "timezone");
  EXPECT_EQ(e.message, "'Europe/Berlin' is not an IANA time zone (e.g. Europe/Berlin)");
  EXPECT_FALSE(open_incident(good_open(), Zones{}));  // no database: no zone is known
}

TEST(OpenIncident, SuggestionsComeFromTheGivenDatabasesNames) {
  auto r = good_open();
  r.timezone = "Atlantis/Poseidonis";
  auto e = refusal(r, only({"Atlantis/Poseidonia", "Asia/Tokyo"}));
  EXPECT_EQ(e.where, "timezone");
  EXPECT_EQ(e.message, "'Atlantis/Poseidonis' is not an IANA time zone; did you mean Atlantis/Poseidonia?");
  // Without a list of names there is nothing to suggest from.
  EXPECT_EQ(refusal(r, Zones{tzdata::locate}).message,
            "'Atlantis/Poseidonis' is not an IANA time zone (e.g. Europe/Berlin)");
}

TEST(Clocks, AZoneTheDatabaseNoLongerKnowsIsAnErrorNamingTheIncidentsField) {
  Log log;
  ASSERT_TRUE(clocks(log.record, only({"Europe/Berlin"})));
  auto d = clocks(log.record, only({}));
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().where, "INC-1: timezone");
  EXPECT_EQ(d.error().message, "'Europe/Berlin' is not an IANA time zone");
  EXPECT_FALSE(pending_reports(log.record, only({})));
  EXPECT_FALSE(summarise(log.record, only({})));
  // A submission then answers no deadline (it is judged neither on time nor late).
  EXPECT_FALSE(answered_deadline(log.record, SubmissionType::EarlyWarning, Recipient::Csirt, kNow, only({})));
  EXPECT_TRUE(
      answered_deadline(log.record, SubmissionType::EarlyWarning, Recipient::Csirt, kNow, only({"Europe/Berlin"})));
}

TEST(OpenIncident, UnknownEntityTypeIsNamedWithTheNearestIds) {
  auto r = good_open();
  r.entity_type = "cloud_computing_service_provider";
  auto e = refusal(r);
  EXPECT_EQ(e.where, "entity_type");
  EXPECT_NE(e.message.find(kCloud), std::string::npos) << e.message;
}

TEST(OpenIncident, ReportsEveryBadFieldTogether) {
  OpenRequest r{" ", at("2025-03-11T00:00:00Z"), "Mars/Olympus", "nope", false, "", kNow};
  auto d = open_incident(r, tzdata::zones());
  ASSERT_FALSE(d);
  EXPECT_EQ(wheres(d.error()), (std::vector<std::string>{"title", "by", "awareness_time", "timezone", "entity_type"}));
}

TEST(OpenIncident, AwarenessExactlyNowIsAccepted) {
  auto r = good_open();
  r.awareness = kNow;
  EXPECT_TRUE(open_incident(r, tzdata::zones()));
  r.awareness = kNow + std::chrono::seconds{1};
  EXPECT_FALSE(open_incident(r, tzdata::zones()));
}

TEST(Submit, BeforeAwarenessIsRefusedAtTheSecond) {
  Log log;
  auto before =
      submit(log.record, {SubmissionType::EarlyWarning, at("2025-03-01T09:59:59Z"), Recipient::Csirt, "", "bob", kNow},
             tzdata::zones());
  ASSERT_FALSE(before);
  EXPECT_EQ(before.error().where, "submitted_at");
  EXPECT_TRUE(submit(log.record,
                     {SubmissionType::EarlyWarning, at("2025-03-01T10:00:00Z"), Recipient::Csirt, "", "bob", kNow},
                     tzdata::zones()));
}

TEST(Submit, GdprNotificationNeedsABreachAndTheSupervisoryAuthority) {
  Log log;
  auto no_breach =
      submit(log.record, {SubmissionType::GdprBreach, std::nullopt, Recipient::SupervisoryAuthority, "", "bob", kNow},
             tzdata::zones());
  ASSERT_FALSE(no_breach);
  EXPECT_EQ(no_breach.error().where, "type");
  log.add(*attach_personal_data_breach(log.record, {at("2025-03-02T00:00:00Z"), "dpo", kNow}));
  auto wrong_recipient = submit(
      log.record, {SubmissionType::GdprBreach, std::nullopt, Recipient::Csirt, "", "bob", kNow}, tzdata::zones());
  ASSERT_FALSE(wrong_recipient);
  EXPECT_EQ(wrong_recipient.error().where, "to");
  auto nis2_to_dpa =
      submit(log.record, {SubmissionType::Final, std::nullopt, Recipient::SupervisoryAuthority, "", "bob", kNow},
             tzdata::zones());
  ASSERT_FALSE(nis2_to_dpa);
  EXPECT_EQ(nis2_to_dpa.error().where, "to");
  EXPECT_TRUE(submit(log.record,
                     {SubmissionType::GdprBreach, std::nullopt, Recipient::SupervisoryAuthority, "", "bob", kNow},
                     tzdata::zones()));
}

TEST(Decide, NeedsDecisionRationaleAndWho) {
  Log log;
  auto d = decide(log.record, {std::nullopt, {"", {}, "", {}, {}, Confidence::Low}, "", kNow});
  ASSERT_FALSE(d);
  EXPECT_EQ(wheres(d.error()), (std::vector<std::string>{"by", "decision", "rationale"}));
  log.add(*decide(log.record,
                  {at("2025-03-01T11:00:00Z"),
                   {"Isolate", {"wait", "isolate"}, "stop spread", {"ransom note"}, {"entry point"}, Confidence::High},
                   "carol",
                   kNow}));
  ASSERT_EQ(log.record.decisions.size(), 1u);
  const auto& decision = log.record.decisions[0];
  EXPECT_EQ(decision.decided_by, "carol");
  EXPECT_EQ(decision.decided_at, at("2025-03-01T11:00:00Z"));
  EXPECT_EQ(decision.options, (std::vector<std::string>{"wait", "isolate"}));
  EXPECT_EQ(decision.unknown, (std::vector<std::string>{"entry point"}));
  EXPECT_EQ(decision.confidence, Confidence::High);
}

TEST(Evidence, AboveTheLimitIsRefusedAtTheLimitAccepted) {
  Log log;
  std::string sha(64, 'a');
  EXPECT_TRUE(add_evidence(log.record, {sha, kMaxEvidenceBytes, "f", "shows", "dave", kNow}));
  auto big = add_evidence(log.record, {sha, kMaxEvidenceBytes + 1, "f", "shows", "dave", kNow});
  ASSERT_FALSE(big);
  EXPECT_EQ(big.error().code, ErrorCode::LimitExceeded);
  EXPECT_FALSE(add_evidence(log.record, {sha, 1, "f", "", "dave", kNow}));  // no description
}

TEST(Assess, EntityTypeMustMatchAndUncoveredTypesNeedAJudgement) {
  Log log;
  Significance none;  // not covered: no verdict
  auto mismatch = assess(log.record, {"{}", "other", none, true, "", "bob", kNow});
  ASSERT_FALSE(mismatch);
  EXPECT_EQ(mismatch.error().where, "impact: entity_type");
  auto no_judgement = assess(log.record, {"{}", kCloud, none, std::nullopt, "", "bob", kNow});
  ASSERT_FALSE(no_judgement);
  EXPECT_EQ(no_judgement.error().where, "judgement");
  log.add(*assess(log.record, {"{\"entity_type\":\"x\"}", kCloud, none, false, "minor", "bob", kNow}));
  EXPECT_EQ(log.record.assessments.back().significant(), false);
}

TEST(Facts, UnknownIdsAreNamedAndTheLatestValueWins) {
  Log log;
  auto bad = record_facts(log.record, {{{"severty", "high"}}, "bob", kNow});
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("severity"), std::string::npos);
  log.add(*record_facts(log.record, {{{"severity", "high"}}, "bob", kNow}));
  log.add(*record_facts(log.record, {{{"severity", "critical"}, {"impact", "all EU users"}}, "bob", kNow}));
  EXPECT_EQ(log.record.facts, (Facts{{"severity", "critical"}, {"impact", "all EU users"}}));
}

TEST(Close, OnlyOnceAndNotBeforeAwareness) {
  Log log;
  auto early = close(log.record, {at("2025-03-01T09:00:00Z"), "", "bob", kNow});
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().where, "handled_at");
  log.add(*close(log.record, {at("2025-03-05T00:00:00Z"), "restored", "bob", kNow}));
  auto again = close(log.record, {std::nullopt, "", "bob", kNow});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::Conflict);
}

TEST(PendingReports, RunInDueOrderAndStopWhenSubmitted) {
  Log log;
  EXPECT_EQ(log.pending(),
            (std::vector<Report>{Report::EarlyWarning, Report::IncidentNotification, Report::FinalReport}));
  auto first = (*pending_reports(log.record, tzdata::zones()))[0];
  EXPECT_EQ(first.due, at("2025-03-02T10:00:00Z"));  // Art. 23(4)(a): 24 h
  log.submit_report(SubmissionType::EarlyWarning, "2025-03-01T20:00:00Z");
  EXPECT_EQ(log.pending(), (std::vector<Report>{Report::IncidentNotification, Report::FinalReport}));
  log.submit_report(SubmissionType::Notification, "2025-03-03T09:00:00Z");
  auto pending = *pending_reports(log.record, tzdata::zones());
  ASSERT_EQ(pending.size(), 1u);
  // Art. 23(4)(d): one month after the notification's submission (10:00 CET).
  EXPECT_EQ(pending[0].due, at("2025-04-03T08:00:00Z"));
  log.submit_report(SubmissionType::Final, "2025-03-09T09:00:00Z");
  EXPECT_TRUE(log.pending().empty());
  EXPECT_TRUE(summarise(log.record, tzdata::zones())->active);  // still open
}

TEST(PendingReports, ANotificationAlsoEndsTheEarlyWarningClock) {
  Log log;
  log.submit_report(SubmissionType::Notification, "2025-03-01T20:00:00Z");
  EXPECT_EQ(log.pending(), (std::vector<Report>{Report::FinalReport}));
}

TEST(PendingReports, InformingServiceRecipientsDoesNotStopTheClock) {
  Log log;
  log.submit_report(SubmissionType::EarlyWarning, "2025-03-01T20:00:00Z", Recipient::ServiceRecipients);
  EXPECT_EQ(log.pending().front(), Report::EarlyWarning);
}

TEST(PendingReports, TheEarliestNotificationToTheCsirtSetsTheFinalReportClock) {
  Log log;
  // Recorded in this order; only the CSIRT ones count, and the earliest of those.
  log.submit_report(SubmissionType::Notification, "2025-03-04T09:00:00Z");
  log.submit_report(SubmissionType::Notification, "2025-03-02T09:00:00Z", Recipient::ServiceRecipients);
  log.submit_report(SubmissionType::Notification, "2025-03-03T09:00:00Z");
  auto pending = *pending_reports(log.record, tzdata::zones());
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].report, Report::FinalReport);
  EXPECT_EQ(pending[0].due, at("2025-04-03T08:00:00Z"));  // one month after 2025-03-03 10:00 CET
  auto replayed = replay(log.events, tzdata::zones());
  ASSERT_TRUE(replayed);
  EXPECT_EQ(replayed->first_clock_submission, log.record.first_clock_submission);
}

TEST(PendingReports, NoArticle23ClocksOnceJudgedNotSignificant) {
  Log log;
  Significance none;
  log.add(*assess(log.record, {"{}", kCloud, none, false, "", "bob", kNow}));
  EXPECT_TRUE(log.pending().empty());
  log.add(*attach_personal_data_breach(log.record, {at("2025-03-02T00:00:00Z"), "dpo", kNow}));
  EXPECT_EQ(log.pending(), (std::vector<Report>{Report::GdprBreachNotification}));
  EXPECT_EQ((*pending_reports(log.record, tzdata::zones()))[0].due,
            at("2025-03-05T00:00:00Z"));  // GDPR Art. 33(1): 72 h
}

TEST(PendingReports, OngoingAtTheFinalDeadlineNeedsAProgressReport) {
  Log log;
  log.submit_report(SubmissionType::Notification, "2025-03-03T09:00:00Z");
  // Handled after the final report fell due (2025-04-03T08:00Z): Art. 23(4)(e).
  log.add(*close(log.record, {at("2025-04-10T08:00:00Z"), "", "bob", at("2025-04-11T00:00:00Z")}));
  auto pending = *pending_reports(log.record, tzdata::zones());
  ASSERT_EQ(pending.size(), 2u);
  EXPECT_EQ(pending[0].report, Report::ProgressReport);
  EXPECT_EQ(pending[0].due, at("2025-04-03T08:00:00Z"));
  EXPECT_EQ(pending[1].report, Report::FinalReport);
  EXPECT_EQ(pending[1].due, at("2025-05-10T08:00:00Z"));  // one month after handling, 10:00 CEST
  auto s = summarise(log.record, tzdata::zones());
  EXPECT_EQ(s->status, "closed");
  EXPECT_TRUE(s->active);  // closed, but reports are still owed
}

TEST(Replay, RebuildsTheSameRecordFromTheEntries) {
  Log log;
  log.submit_report(SubmissionType::EarlyWarning, "2025-03-01T20:00:00Z");
  log.add(*record_facts(log.record, {{{"severity", "high"}}, "bob", kNow}));
  auto replayed = replay(log.events, tzdata::zones());
  ASSERT_TRUE(replayed);
  EXPECT_EQ(*summarise(*replayed, tzdata::zones()), *summarise(log.record, tzdata::zones()));
  EXPECT_EQ(replayed->facts, log.record.facts);
  EXPECT_EQ(replayed->submissions.size(), 1u);
}

TEST(Replay, RefusesEntriesThatDoNotDescribeTheirKind) {
  Log log;
  log.events.push_back(seal("default", "INC-1", &log.events.back(), {"decided", "x", kNow, "{\"decision\":1}"}));
  auto replayed = replay(log.events, tzdata::zones());
  ASSERT_FALSE(replayed);
  EXPECT_EQ(replayed.error().where, "INC-1 entry 2");
  log.events.back() = seal("default", "INC-1", &log.events[0], {"teleported", "x", kNow, "{}"});
  EXPECT_FALSE(replay(log.events, tzdata::zones()));
}

TEST(IncidentId, ParsesTheForms) {
  EXPECT_EQ(*parse_incident_id("INC-7", "ID"), 7);
  EXPECT_EQ(*parse_incident_id("inc-12", "ID"), 12);
  EXPECT_EQ(*parse_incident_id("3", "ID"), 3);
  for (const char* bad : {"", "INC-", "INC-0", "INC-07", "INC-x", "INC--1", "12345678901234567890"}) {
    EXPECT_FALSE(parse_incident_id(bad, "ID")) << bad;
  }
  EXPECT_EQ(incident_id(42), "INC-42");
}

TEST(SubmissionTypeWords, ReadsItsOwnWordsAndTheDeadlineNames) {
  EXPECT_EQ(*parse_submission_type("early-warning", "TYPE"), SubmissionType::EarlyWarning);
  EXPECT_EQ(*parse_submission_type("Early_Warning", "TYPE"), SubmissionType::EarlyWarning);
  // What next_report says can be given back as it is.
  for (std::size_t i = 0; i < kSubmissionTypeCount; ++i) {
    const auto type = static_cast<SubmissionType>(i);
    if (auto report = report_of(type)) {
      EXPECT_EQ(*parse_submission_type(to_string(*report), "TYPE"), type) << to_string(*report);
    }
  }
  EXPECT_EQ(*parse_submission_type("incident-notification", "TYPE"), SubmissionType::Notification);
  vigil::test::expect_error(parse_submission_type("final-notice", "TYPE"), "TYPE",
                            "'final-notice' is not valid; expected early-warning, notification, intermediate, final, "
                            "progress or gdpr-breach");
}

}  // namespace
}  // namespace vigil::incident
