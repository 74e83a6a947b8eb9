// The record follows what is known ("unknown is not no"). Reports stay visible as "due if
// significant" while significance is not established; a judgement against the
// rules needs a rationale and shows as an override; reports a submission
// already started stay due until withdrawn; each submission stores the
// deadline it answered and whether it was on time; out-of-order submissions
// are refused unless recorded as such. Every rule at its boundary.
#include <fstream>
#include <sstream>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "incident/export.h"
#include "incident/impact_input.h"
#include "incident/incident.h"
#include "incident/record_json.h"
#include "test_time.h"
#include "tzdata/zones.h"

namespace vigil::incident {
namespace {

using std::chrono::seconds;

using vigil::test::at;

using vigil::test::kCloud;
const Instant kNow = at("2025-06-01T00:00:00Z");

// Awareness 2025-03-01T10:00Z (11:00 in Berlin): early warning due
// 2025-03-02T10:00Z, notification due 2025-03-04T10:00Z.
struct Log {
  std::vector<Event> events;
  Incident record;
  Log() {
    add(*open_incident(
        {"Outage", at("2025-03-01T10:00:00Z"), "Europe/Berlin", kCloud, false, "alice", at("2025-03-01T10:00:00Z")},
        tzdata::zones()));
  }
  // An incident with one report already submitted.
  Log(SubmissionType type, const char* when, Recipient to = Recipient::Csirt) : Log() { submit_report(type, when, to); }
  void add(EventDraft draft) {
    events.push_back(seal("default", "INC-1", events.empty() ? nullptr : &events.back(), std::move(draft)));
    auto applied = apply(record, events.back(), tzdata::zones());
    ASSERT_TRUE(applied) << describe(applied.error());
  }
  Result<EventDraft> submission(SubmissionType type, const char* when, Recipient to = Recipient::Csirt,
                                bool out_of_order = false) {
    return submit(record, {type, at(when), to, "", "erin", kNow, out_of_order}, tzdata::zones());
  }
  void submit_report(SubmissionType type, const char* when, Recipient to = Recipient::Csirt) {
    auto d = submission(type, when, to);
    ASSERT_TRUE(d) << describe(d.error());
    add(*d);
  }
  // An assessment whose rules say `rules` (nullopt: undetermined) and whose person judges `judgement`.
  Result<EventDraft> assessment(std::optional<bool> rules, std::optional<bool> judgement, std::string rationale = "") {
    Significance s;
    s.covered_by_ir_2024_2690 = true;
    s.significant = rules;
    if (rules == true) s.criteria = {"Art. 7(a)"};
    if (!rules) {
      s.undetermined = {{"Art. 7(a)", {"complete_unavailability_minutes"}}};
      s.facts_to_establish = {"complete_unavailability_minutes"};
    }
    return assess(record, {R"({"entity_type":"x"})", kCloud, s, judgement, std::move(rationale), "bob", kNow});
  }
  void assessed(std::optional<bool> rules, std::optional<bool> judgement = std::nullopt, std::string rationale = "") {
    auto d = assessment(rules, judgement, std::move(rationale));
    ASSERT_TRUE(d) << describe(d.error());
    add(*d);
  }
  std::vector<std::pair<Report, Owed>> pending() {
    std::vector<std::pair<Report, Owed>> out;
    auto reports = pending_reports(record, tzdata::zones());
    EXPECT_TRUE(reports);
    for (const auto& p : reports.value()) out.emplace_back(p.report, p.owed);
    return out;
  }
  const Submission& last() const { return record.submissions.back(); }
};

using Pending = std::vector<std::pair<Report, Owed>>;

// --- the incident's entity type -----------------------------------------------------

TEST(AssessmentInput, TheIncidentsEntityTypeStandsInWhenTheInputGivesNone) {
  Log log;
  for (const char* text : {R"({"complete_unavailability_minutes": 45})",
                           R"({"entity_type": null, "complete_unavailability_minutes": 45})"}) {
    auto request =
        assessment_request(nlohmann::json::parse(text), "impact.json", std::nullopt, "", "bob", kNow, kCloud);
    ASSERT_TRUE(request) << describe(request.error());
    EXPECT_EQ(request->entity_type, kCloud);
    EXPECT_EQ(nlohmann::json::parse(request->inputs)["entity_type"], kCloud);  // recorded with the input
    EXPECT_EQ(request->result.significant, std::optional<bool>(true));
    EXPECT_TRUE(assess(log.record, *request));
  }
  // Without an incident to take it from, it is required as for `vigil significance`.
  auto bare = assessment_request(nlohmann::json::parse(R"({"complete_unavailability_minutes": 45})"), "impact.json",
                                 std::nullopt, "", "bob", kNow);
  ASSERT_FALSE(bare);
  EXPECT_NE(describe(bare.error()).find("entity_type"), std::string::npos);
  // A different one is the caller's mistake: refused, naming both.
  auto other = assessment_request(nlohmann::json::parse(R"({"entity_type": "banking.credit_institution"})"),
                                  "impact.json", std::nullopt, "", "bob", kNow, kCloud);
  ASSERT_TRUE(other) << describe(other.error());
  auto refused = assess(log.record, *other);
  ASSERT_FALSE(refused);
  EXPECT_NE(describe(refused.error()).find("differs from the incident's entity type"), std::string::npos);
}

// --- due if significant ----------------------------------------------------------

TEST(DueIfSignificant, WhileNotAssessedOrUndeterminedTheClocksStayVisible) {
  Log log;
  Pending conditional{{Report::EarlyWarning, Owed::IfSignificant},
                      {Report::IncidentNotification, Owed::IfSignificant},
                      {Report::FinalReport, Owed::IfSignificant}};
  EXPECT_EQ(log.pending(), conditional);
  EXPECT_EQ(summarise(log.record, tzdata::zones())->significance, Conclusion::NotAssessed);
  log.assessed(std::nullopt);  // the rules cannot decide: never "nothing due"
  EXPECT_EQ(log.pending(), conditional);
  auto s = summarise(log.record, tzdata::zones());
  EXPECT_EQ(s->significance, Conclusion::Undetermined);
  EXPECT_EQ(s->next_report, "early_warning");
  EXPECT_EQ(s->next_due, at("2025-03-02T10:00:00Z"));
  EXPECT_EQ(s->next_owed(), Owed::IfSignificant);
  log.assessed(true);
  EXPECT_EQ(log.pending(), (Pending{{Report::EarlyWarning, Owed::Due},
                                    {Report::IncidentNotification, Owed::Due},
                                    {Report::FinalReport, Owed::Due}}));
  EXPECT_EQ(summarise(log.record, tzdata::zones())->next_owed(), Owed::Due);
}

TEST(DueIfSignificant, NotSignificantWithNothingSubmittedEndsTheArticle23Clocks) {
  Log log;
  log.assessed(false);
  EXPECT_TRUE(log.pending().empty());
  log.add(*attach_personal_data_breach(log.record, {at("2025-03-02T00:00:00Z"), "dpo", kNow}));
  // GDPR Art. 33 does not ask NIS2's question.
  EXPECT_EQ(log.pending(), (Pending{{Report::GdprBreachNotification, Owed::Due}}));
}

TEST(DueIfSignificant, TheRecordJsonSaysHowEachReportIsOwed) {
  Log log;
  log.assessed(std::nullopt);
  auto pending = *pending_reports(log.record, tzdata::zones());
  auto out = to_json(pending);
  EXPECT_EQ(out[0]["owed"], "due_if_significant");
  auto row = to_json(*summarise(log.record, tzdata::zones()));
  EXPECT_EQ(row["significant"], "undetermined");
  EXPECT_EQ(row["next_owed"], "due_if_significant");
  auto record = to_json(log.record);
  EXPECT_EQ(record["significance"], "undetermined");
  EXPECT_EQ(record["assessments"][0]["significant"], "undetermined");
  EXPECT_EQ(record["assessments"][0]["undetermined"][0]["criterion"], "Art. 7(a)");
}

// --- overrides --------------------------------------------------------------------

TEST(Override, AJudgementAgainstTheRulesNeedsARationale) {
  Log log;
  auto bare = log.assessment(true, false);
  ASSERT_FALSE(bare);
  EXPECT_EQ(bare.error().where, "rationale");
  EXPECT_NE(bare.error().message.find("Art. 7(a) is met"), std::string::npos) << bare.error().message;
  auto blank = log.assessment(true, false, "   ");
  ASSERT_FALSE(blank);
  auto reverse = log.assessment(false, true);  // significant although no criterion is met
  ASSERT_FALSE(reverse);
  EXPECT_EQ(reverse.error().where, "rationale");
  // Agreeing with the rules needs no rationale.
  EXPECT_TRUE(log.assessment(true, true));
  EXPECT_TRUE(log.assessment(false, false));
  // Deciding where the rules cannot yet says why, too.
  auto over_unknown = log.assessment(std::nullopt, false);
  ASSERT_FALSE(over_unknown);
  EXPECT_EQ(over_unknown.error().where, "rationale");
  EXPECT_NE(over_unknown.error().message.find("complete_unavailability_minutes"), std::string::npos);
}

TEST(Override, IsShownWithWhoAndWhy) {
  Log log;
  log.assessed(true, false, "the outage was our own test tenant");
  const Assessment& a = log.record.assessments.back();
  EXPECT_TRUE(a.overrides_rules());
  EXPECT_EQ(a.conclusion(), Conclusion::NotSignificant);
  auto s = summarise(log.record, tzdata::zones());
  EXPECT_TRUE(s->overridden);
  EXPECT_EQ(s->significance, Conclusion::NotSignificant);
  auto given = to_json(log.record)["assessments"][0]["override"];
  EXPECT_EQ(given["by"], "bob");
  EXPECT_EQ(given["rules_say"], true);
  EXPECT_EQ(given["judged"], false);
  EXPECT_EQ(given["rationale"], "the outage was our own test tenant");
  log.assessed(true);  // a later assessment that follows the rules
  EXPECT_FALSE(summarise(log.record, tzdata::zones())->overridden);
  EXPECT_TRUE(to_json(log.record)["assessments"][1]["override"].is_null());
}

// --- reports a submission started -------------------------------------------------------

TEST(UntilWithdrawn, ASubmissionKeepsTheSequenceDueAfterANotSignificantAssessment) {
  Log log(SubmissionType::EarlyWarning, "2025-03-01T20:00:00Z");
  log.assessed(true, false, "test tenant only");  // an override, after the early warning went out
  Pending kept{{Report::IncidentNotification, Owed::UntilWithdrawn}, {Report::FinalReport, Owed::UntilWithdrawn}};
  EXPECT_EQ(log.pending(), kept);
  auto s = summarise(log.record, tzdata::zones());
  EXPECT_EQ(s->next_report, "incident_notification");
  EXPECT_EQ(s->next_owed(), Owed::UntilWithdrawn);
  EXPECT_TRUE(s->active);
}

TEST(UntilWithdrawn, ServiceRecipientsAloneDoNotStartTheSequence) {
  Log log(SubmissionType::EarlyWarning, "2025-03-01T20:00:00Z", Recipient::ServiceRecipients);
  log.assessed(false);
  EXPECT_TRUE(log.pending().empty());
}

TEST(UntilWithdrawn, EachReportIsWithdrawnExplicitlyWithAReason) {
  Log log(SubmissionType::EarlyWarning, "2025-03-01T20:00:00Z");
  log.assessed(false);
  auto no_reason = withdraw_report(log.record, {SubmissionType::Notification, " ", "bob", kNow}, tzdata::zones());
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(no_reason.error().where, "reason");
  auto gdpr = withdraw_report(log.record, {SubmissionType::GdprBreach, "n/a", "bob", kNow}, tzdata::zones());
  ASSERT_FALSE(gdpr);
  EXPECT_EQ(gdpr.error().where, "report");
  auto early =
      withdraw_report(log.record, {SubmissionType::EarlyWarning, "already sent", "bob", kNow}, tzdata::zones());
  ASSERT_FALSE(early);  // submitted: nothing pending to withdraw
  EXPECT_EQ(early.error().code, ErrorCode::Conflict);
  log.add(*withdraw_report(log.record, {SubmissionType::Notification, "CSIRT told: not significant", "bob", kNow},
                           tzdata::zones()));
  EXPECT_EQ(log.pending(), (Pending{{Report::FinalReport, Owed::UntilWithdrawn}}));
  ASSERT_EQ(log.record.withdrawals.size(), 1u);
  EXPECT_EQ(log.record.withdrawals[0].reason, "CSIRT told: not significant");
  EXPECT_EQ(log.events.back().kind, "report_withdrawn");
  log.add(*withdraw_report(log.record, {SubmissionType::Final, "CSIRT closed the case", "bob", kNow}, tzdata::zones()));
  EXPECT_TRUE(log.pending().empty());
  auto replayed = replay(log.events, tzdata::zones());
  ASSERT_TRUE(replayed);
  EXPECT_EQ(*summarise(*replayed, tzdata::zones()), *summarise(log.record, tzdata::zones()));
  EXPECT_EQ(to_json(*replayed)["withdrawals"].size(), 2u);
}

TEST(UntilWithdrawn, OnlyANotSignificantIncidentCanHaveAReportWithdrawn) {
  Log log(SubmissionType::EarlyWarning, "2025-03-01T20:00:00Z");
  auto not_assessed = withdraw_report(log.record, {SubmissionType::Notification, "why", "bob", kNow}, tzdata::zones());
  ASSERT_FALSE(not_assessed);
  EXPECT_EQ(not_assessed.error().code, ErrorCode::Conflict);
  log.assessed(std::nullopt);
  EXPECT_FALSE(withdraw_report(log.record, {SubmissionType::Notification, "why", "bob", kNow}, tzdata::zones()));
  log.assessed(true);
  EXPECT_FALSE(withdraw_report(log.record, {SubmissionType::Notification, "why", "bob", kNow}, tzdata::zones()));
}

TEST(UntilWithdrawn, ALaterAssessmentThatIsNotNoPutsTheReportsBack) {
  Log log(SubmissionType::EarlyWarning, "2025-03-01T20:00:00Z");
  log.assessed(false);
  log.add(*withdraw_report(log.record, {SubmissionType::Notification, "told the CSIRT", "bob", kNow}, tzdata::zones()));
  log.add(*withdraw_report(log.record, {SubmissionType::Final, "told the CSIRT", "bob", kNow}, tzdata::zones()));
  EXPECT_TRUE(log.pending().empty());
  log.assessed(false);  // still not significant: the withdrawals hold
  EXPECT_TRUE(log.pending().empty());
  log.assessed(std::nullopt);  // new facts put it in doubt
  EXPECT_EQ(log.pending(),
            (Pending{{Report::IncidentNotification, Owed::IfSignificant}, {Report::FinalReport, Owed::IfSignificant}}));
  auto replayed = replay(log.events, tzdata::zones());
  ASSERT_TRUE(replayed);
  EXPECT_EQ(replayed->withdrawn, log.record.withdrawn);
}

// --- lateness ---------------------------------------------------------------------------

TEST(Lateness, ExactlyAtTheDeadlineIsOnTimeOneSecondLaterIsLate) {
  Log on_time(SubmissionType::EarlyWarning, "2025-03-02T10:00:00Z");
  EXPECT_EQ(on_time.last().deadline, at("2025-03-02T10:00:00Z"));
  EXPECT_EQ(on_time.last().on_time, true);
  EXPECT_FALSE(on_time.last().late_by());
  EXPECT_TRUE(summarise(on_time.record, tzdata::zones())->late.empty());
  Log late(SubmissionType::EarlyWarning, "2025-03-02T10:00:01Z");
  EXPECT_EQ(late.last().on_time, false);
  EXPECT_EQ(late.last().late_by(), seconds{1});
  EXPECT_EQ(summarise(late.record, tzdata::zones())->late,
            (std::vector<LateSubmission>{{SubmissionType::EarlyWarning, 1}}));
  EXPECT_EQ(to_json(late.record)["submissions"][0]["late_by"], "1 s");
  // Stored in the entry, as written.
  auto payload = nlohmann::json::parse(late.events.back().payload);
  EXPECT_EQ(payload["deadline"], "2025-03-02T10:00:00Z");
  EXPECT_EQ(payload["on_time"], false);
}

TEST(Lateness, ANotificationLateByEightDaysTwoHoursFifteenMinutes) {
  Log log(SubmissionType::EarlyWarning, "2025-03-02T09:00:00Z");
  log.submit_report(SubmissionType::Notification, "2025-03-12T12:15:00Z");  // due 2025-03-04T10:00Z
  EXPECT_EQ(log.last().deadline, at("2025-03-04T10:00:00Z"));
  EXPECT_EQ(log.last().late_by(), seconds{((8 * 24 + 2) * 60 + 15) * 60});
  EXPECT_EQ(format_span(*log.last().late_by()), "8 d 2 h 15 min");
  auto row = to_json(*summarise(log.record, tzdata::zones()));
  EXPECT_EQ(row["late"][0]["report"], "notification");
  EXPECT_EQ(row["late"][0]["late_by"], "8 d 2 h 15 min");
  EXPECT_EQ(row["late"][0]["late_by_seconds"], 699300);
  // The final report's month runs from the notification's submission (13:15 CET).
  log.submit_report(SubmissionType::Final, "2025-04-12T12:15:00Z");
  EXPECT_EQ(log.last().deadline, at("2025-04-12T11:15:00Z"));  // 13:15 CEST
  EXPECT_EQ(format_span(*log.last().late_by()), "1 h 00 min");
}

TEST(Lateness, OnlyTheSubmissionThatStopsTheClockAnswersItsDeadline) {
  Log log(SubmissionType::EarlyWarning, "2025-03-01T20:00:00Z");
  log.submit_report(SubmissionType::EarlyWarning, "2025-03-05T20:00:00Z", Recipient::CompetentAuthority);
  EXPECT_FALSE(log.last().deadline);  // a copy after the clock stopped: not "late"
  log.submit_report(SubmissionType::Notification, "2025-03-02T09:00:00Z", Recipient::ServiceRecipients);
  EXPECT_FALSE(log.last().deadline);  // Art. 23(1) information has no Art. 23(4) deadline
  log.submit_report(SubmissionType::Notification, "2025-03-03T09:00:00Z");
  log.submit_report(SubmissionType::Intermediate, "2025-03-20T09:00:00Z");
  EXPECT_FALSE(log.last().deadline);  // on request: no deadline of its own
  EXPECT_FALSE(log.last().on_time);
  EXPECT_TRUE(summarise(log.record, tzdata::zones())->late.empty());
}

TEST(Lateness, ProgressAndGdprAnswerTheirOwnClocks) {
  Log log(SubmissionType::Notification, "2025-03-03T09:00:00Z");
  // Art. 23(4)(e): the progress report is due when the final report would be.
  log.submit_report(SubmissionType::Progress, "2025-04-03T08:00:00Z");
  EXPECT_EQ(log.last().deadline, at("2025-04-03T08:00:00Z"));
  EXPECT_EQ(log.last().on_time, true);
  log.add(*attach_personal_data_breach(log.record, {at("2025-03-02T00:00:00Z"), "dpo", kNow}));
  log.submit_report(SubmissionType::GdprBreach, "2025-03-05T00:00:01Z", Recipient::SupervisoryAuthority);
  EXPECT_EQ(log.last().deadline, at("2025-03-05T00:00:00Z"));  // GDPR Art. 33(1): 72 h
  EXPECT_EQ(log.last().late_by(), seconds{1});
}

TEST(Lateness, EntriesWrittenBeforeItWasStoredAreDerivedOnReplay) {
  Log log(SubmissionType::EarlyWarning, "2025-03-02T11:00:00Z");
  // The same entry as an older vigil wrote it: no deadline, no on_time.
  auto payload = nlohmann::json::parse(log.events.back().payload);
  payload.erase("deadline");
  payload.erase("on_time");
  std::vector<Event> old(log.events.begin(), log.events.end() - 1);
  old.push_back(seal("default", "INC-1", &old.back(), {"submitted", "erin", kNow, payload.dump()}));
  auto replayed = replay(old, tzdata::zones());
  ASSERT_TRUE(replayed);
  const Submission& s = replayed->submissions.back();
  EXPECT_FALSE(s.deadline_recorded);
  EXPECT_EQ(s.deadline, at("2025-03-02T10:00:00Z"));
  EXPECT_EQ(s.late_by(), seconds{3600});
  EXPECT_TRUE(log.last().deadline_recorded);
}

TEST(Lateness, SpansReadAsPeopleReadThem) {
  EXPECT_EQ(format_span(seconds{0}), "0 s");
  EXPECT_EQ(format_span(seconds{59}), "59 s");
  EXPECT_EQ(format_span(seconds{60}), "0 h 01 min");
  EXPECT_EQ(format_span(seconds{3599}), "0 h 59 min");
  EXPECT_EQ(format_span(seconds{86'399}), "23 h 59 min");
  EXPECT_EQ(format_span(seconds{86'400}), "1 d 0 h 00 min");
  EXPECT_EQ(format_span(seconds{((8 * 24 + 2) * 60 + 15) * 60 + 59}), "8 d 2 h 15 min");
}

// --- order --------------------------------------------------------------------------------

TEST(Order, AFinalReportBeforeAnyNotificationIsRefusedUnlessFlagged) {
  Log log;
  auto refused = log.submission(SubmissionType::Final, "2025-03-03T09:00:00Z");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().where, "submitted_at");
  EXPECT_NE(refused.error().message.find("before any incident notification"), std::string::npos);
  EXPECT_NE(refused.error().message.find("mark this one as out of order"), std::string::npos);
  auto flagged = log.submission(SubmissionType::Final, "2025-03-03T09:00:00Z", Recipient::Csirt, true);
  ASSERT_TRUE(flagged) << describe(flagged.error());
  log.add(*flagged);
  ASSERT_EQ(log.last().out_of_order.size(), 1u);
  EXPECT_NE(log.last().out_of_order[0].find("final report"), std::string::npos);
  EXPECT_EQ(to_json(log.record)["submissions"][0]["out_of_order"].size(), 1u);
  // Art. 23(4)(d) counts one month from the notification's submission: with
  // none submitted there is no deadline yet, only an estimate, and the entry
  // stores none (recorded as null, not derived again on replay).
  EXPECT_FALSE(log.last().deadline);
  EXPECT_FALSE(log.last().on_time);
  EXPECT_TRUE(log.last().deadline_recorded);
  // A final report at the notification's very time is in order.
  Log in_order(SubmissionType::Notification, "2025-03-03T09:00:00Z");
  EXPECT_TRUE(in_order.submission(SubmissionType::Final, "2025-03-03T09:00:00Z"));
  EXPECT_FALSE(in_order.submission(SubmissionType::Final, "2025-03-03T08:59:59Z"));
}

// Out of order, but with the notification on record: the deadline it
// answered is the one the record gives then, a month after the notification.
TEST(Order, AFinalReportTimedBeforeTheRecordedNotificationAnswersItsMonth) {
  Log log(SubmissionType::Notification, "2025-03-03T09:00:00Z");
  auto flagged = log.submission(SubmissionType::Final, "2025-03-03T08:00:00Z", Recipient::Csirt, true);
  ASSERT_TRUE(flagged) << describe(flagged.error());
  log.add(*flagged);
  ASSERT_EQ(log.last().out_of_order.size(), 1u);
  EXPECT_EQ(log.last().deadline, at("2025-04-03T08:00:00Z"));
  EXPECT_EQ(log.last().on_time, true);
}

TEST(Order, ANotificationTimedBeforeTheEarlyWarningIsRefused) {
  Log log(SubmissionType::EarlyWarning, "2025-03-01T20:00:00Z");
  auto before = log.submission(SubmissionType::Notification, "2025-03-01T19:59:59Z");
  ASSERT_FALSE(before);
  EXPECT_NE(before.error().message.find("timed before the early warning"), std::string::npos);
  EXPECT_TRUE(log.submission(SubmissionType::Notification, "2025-03-01T20:00:00Z"));
  // And the other way round: an early warning after the notification.
  Log notified(SubmissionType::Notification, "2025-03-02T09:00:00Z");
  EXPECT_FALSE(notified.submission(SubmissionType::EarlyWarning, "2025-03-02T09:00:00Z"));
  EXPECT_TRUE(notified.submission(SubmissionType::EarlyWarning, "2025-03-02T08:59:59Z"));
}

TEST(Order, IntermediateAndProgressNeedTheSequenceStarted) {
  Log log;
  EXPECT_FALSE(log.submission(SubmissionType::Intermediate, "2025-03-02T09:00:00Z"));
  EXPECT_FALSE(log.submission(SubmissionType::Progress, "2025-03-02T09:00:00Z"));
  // Information to service recipients is not part of the Art. 23(4) sequence.
  EXPECT_TRUE(log.submission(SubmissionType::Final, "2025-03-02T09:00:00Z", Recipient::ServiceRecipients));
  log.submit_report(SubmissionType::EarlyWarning, "2025-03-01T20:00:00Z");
  EXPECT_TRUE(log.submission(SubmissionType::Intermediate, "2025-03-02T09:00:00Z"));
}

TEST(Order, ATimeInTheFutureIsRefusedEvenWhenFlagged) {
  Log log;
  auto future =
      submit(log.record, {SubmissionType::EarlyWarning, kNow + seconds{1}, Recipient::Csirt, "", "erin", kNow, true},
             tzdata::zones());
  ASSERT_FALSE(future);
  EXPECT_EQ(future.error().where, "submitted_at");
  EXPECT_NE(future.error().message.find("in the future"), std::string::npos);
  EXPECT_TRUE(submit(log.record, {SubmissionType::EarlyWarning, kNow, Recipient::Csirt, "", "erin", kNow, false},
                     tzdata::zones()));
}

// --- what was written before the typed events still verifies and replays -----------------

nlohmann::json legacy_export(const char* name) {
  std::ifstream in(std::string(VIGIL_SOURCE_DIR) + "/tests/incident/data/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return nlohmann::json::parse(text.str());
}

std::vector<Event> entries_of(const nlohmann::json& file) {
  std::vector<Event> events;
  for (const auto& e : file["entries"]) {
    Event event;
    event.org = file["organisation"].get<std::string>();
    event.incident_id = file["incident"]["id"].get<std::string>();
    event.seq = e["seq"].get<std::int64_t>();
    event.kind = e["kind"].get<std::string>();
    event.actor = e["actor"].get<std::string>();
    event.at = *parse_rfc3339(e["at"].get<std::string>(), "at");
    event.payload = e["payload"].dump();
    event.prev_hash = e["prev"].get<std::string>();
    event.hash = e["hash"].get<std::string>();
    events.push_back(std::move(event));
  }
  return events;
}

TEST(Legacy, AnExportWrittenBeforeUnknownIsNotNoStillVerifies) {
  for (const char* name : {"legacy_export_INC-1.json", "legacy_export_INC-2.json"}) {
    auto file = legacy_export(name);
    EXPECT_EQ(file["format"], kExportFormatV1);
    auto check = verify_export(file, name, tzdata::zones());
    EXPECT_TRUE(check) << name << ": " << describe(check.error());
    // A version 1 file still has to say what its entries say.
    auto tampered = file;
    tampered["incident"]["title"] = "Something else";
    EXPECT_FALSE(verify_export(tampered, name, tzdata::zones()));
  }
}

TEST(Legacy, ItsEntriesReplayUnderTheRulesOfUnknownIsNotNo) {
  // INC-1: significant; its notification was submitted 8 d 2 h 15 min after its deadline.
  auto one = entries_of(legacy_export("legacy_export_INC-1.json"));
  EXPECT_EQ(verify_chain(one), std::nullopt);
  auto first = replay(one, tzdata::zones());
  ASSERT_TRUE(first) << describe(first.error());
  ASSERT_EQ(first->submissions.size(), 3u);
  EXPECT_FALSE(first->submissions[1].deadline_recorded);
  EXPECT_EQ(first->submissions[1].deadline, at("2025-03-06T09:00:00Z"));
  EXPECT_EQ(format_span(*first->submissions[1].late_by()), "8 d 2 h 15 min");
  EXPECT_EQ(first->submissions[0].on_time, true);
  EXPECT_EQ(first->submissions[2].on_time, true);
  // INC-2: an early warning, then "not significant" (under the old reading of
  // a sparse input): the reports it started are still due until withdrawn.
  auto two = replay(entries_of(legacy_export("legacy_export_INC-2.json")), tzdata::zones());
  ASSERT_TRUE(two);
  auto pending = *pending_reports(*two, tzdata::zones());
  ASSERT_EQ(pending.size(), 2u);
  EXPECT_EQ(pending[0].report, Report::IncidentNotification);
  EXPECT_EQ(pending[0].owed, Owed::UntilWithdrawn);
  // A new export of the same entries is version 2 and verifies whole.
  auto fresh = export_incident(*two, entries_of(legacy_export("legacy_export_INC-2.json")), kNow, nullptr);
  EXPECT_EQ(fresh["format"], kExportFormat);
  EXPECT_TRUE(verify_export(fresh, "fresh", tzdata::zones()));
}

}  // namespace
}  // namespace vigil::incident
