#include "exercise/score.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "exercise_fixtures.h"

namespace vigil::exercise {
namespace {

using testing::parse_ok;
using testing::play_ok;
using testing::scenario_head;
using testing::scenario_text;

// A play of players ana (it), bo (legal) with the given actions.
std::string play(const std::string& actions, const std::string& extra_top = "") {
  return "{" + extra_top + "\"players\": {\"ana\": \"it\", \"bo\": \"legal\"}, \"actions\": [" + actions + "]}";
}
std::string open_at(const std::string& at, const std::string& awareness) {
  return fmt::format(R"({{"at": "{}", "by": "ana", "action": "open", "awareness": "{}"}})", at, awareness);
}
std::string decide_at(const std::string& at, const std::string& tag = "containment") {
  return fmt::format(R"({{"at": "{}", "by": "bo", "action": "decide", "tags": ["{}"], "decision": "isolate"}})", at,
                     tag);
}
std::string submit_at(const std::string& at, const std::string& report, const std::string& to = "csirt") {
  return fmt::format(R"({{"at": "{}", "by": "ana", "action": "submit", "report": "{}", "to": "{}"}})", at, report, to);
}

Score score_ok(const Scenario& s, const Play& p) { return test::expect_ok(score(s, p)); }

const ExpectationResult& result_of(const Score& score, std::string_view id) {
  for (const auto& r : score.expectations) {
    if (r.expectation->id == id) return r;
  }
  throw std::runtime_error("no expectation " + std::string(id));
}

// --- the boundary of every rule ----------------------------------------------

TEST(Score, AnActionExactlyAtTheDueMomentIsMetOneSecondLaterIsLate) {
  Scenario s = parse_ok(scenario_text());
  // E2: decide containment within PT2H after I2 (PT1H): due PT3H.
  Score at_due = score_ok(s, play_ok(play(decide_at("PT3H"))));
  EXPECT_EQ(result_of(at_due, "E2").status, Status::Met);
  EXPECT_EQ(result_of(at_due, "E2").due_at, Seconds{3 * 3600});
  EXPECT_EQ(result_of(at_due, "E2").done_at, Seconds{3 * 3600});
  EXPECT_FALSE(result_of(at_due, "E2").late_by);

  Score second_late = score_ok(s, play_ok(play(decide_at("PT3H0M1S"))));
  EXPECT_EQ(result_of(second_late, "E2").status, Status::Late);
  EXPECT_EQ(result_of(second_late, "E2").late_by, Seconds{1});
}

TEST(Score, RegulatoryDeadlinesComeFromTheDeclaredAwarenessAtTheirBoundary) {
  Scenario s = parse_ok(scenario_text());
  // Awareness declared PT1H30M: the early warning is due 24 hours later, PT25H30M.
  Score on_time = score_ok(s, play_ok(play(open_at("PT2H", "PT1H30M") + "," + submit_at("PT25H30M", "early-warning"))));
  EXPECT_EQ(result_of(on_time, "E1").status, Status::Met);
  EXPECT_EQ(result_of(on_time, "E1").due_at, Seconds{25 * 3600 + 1800});
  EXPECT_EQ(on_time.reports[0].on_time, true);

  Score late = score_ok(s, play_ok(play(open_at("PT2H", "PT1H30M") + "," + submit_at("PT25H30M1S", "early-warning"))));
  EXPECT_EQ(result_of(late, "E1").status, Status::Late);
  EXPECT_EQ(result_of(late, "E1").late_by, Seconds{1});
  EXPECT_EQ(late.reports[0].on_time, false);
  EXPECT_EQ(late.reports[0].late_by, Seconds{1});
}

TEST(Score, NoMatchingActionIsMissedAndAnActionAfterTheEndDoesNotCount) {
  Scenario s = parse_ok(scenario_text());
  Score none = score_ok(s, play_ok(play(decide_at("PT1H", "other"))));
  EXPECT_EQ(result_of(none, "E2").status, Status::Missed);
  Score after_end = score_ok(s, play_ok(play(decide_at("P41D"))));
  EXPECT_EQ(result_of(after_end, "E2").status, Status::Missed);
  EXPECT_EQ(after_end.actions_after_end, 1);
  Score at_end = score_ok(s, play_ok(play(decide_at("P40D"))));
  EXPECT_EQ(result_of(at_end, "E2").status, Status::Late);
}

// --- an exercise ended early (a live exercise's end before the duration) ---

Play ended_at(Play play, const std::string& end) {
  play.ended_at = *parse_duration(end, "end");
  return play;
}

TEST(ScoreEndedEarly, DueExactlyAtTheEndIsEvaluatedOneSecondAfterIsNotEvaluated) {
  Scenario s = parse_ok(scenario_text());
  // E2: decide containment within PT2H after I2 (PT1H): due PT3H; nobody decided.
  Score at_end = score_ok(s, ended_at(play_ok(play("")), "PT3H"));
  EXPECT_TRUE(at_end.ended_early);
  EXPECT_EQ(at_end.played, Seconds{3 * 3600});
  EXPECT_EQ(result_of(at_end, "E2").status, Status::Missed);
  EXPECT_TRUE(result_of(at_end, "E2").reason_code.empty());

  Score before = score_ok(s, ended_at(play_ok(play("")), "PT2H59M59S"));
  const ExpectationResult& e2 = result_of(before, "E2");
  EXPECT_EQ(e2.status, Status::NotEvaluated);
  EXPECT_EQ(e2.reason_code, "due_after_end");
  EXPECT_EQ(e2.due_at, Seconds{3 * 3600});
  EXPECT_EQ(e2.reason, "due at PT3H, after the exercise ended at PT2H59M59S");
  EXPECT_EQ(before.summary.not_evaluated, 2);  // E1 too: the early warning was due 24 h after awareness
  EXPECT_EQ(before.summary.evaluated, 0);
  // Nothing evaluated: no rating, and no improvement item for what was never due.
  EXPECT_FALSE(before.objectives[1].rating);
  EXPECT_TRUE(before.improvements.empty());
}

TEST(ScoreEndedEarly, AnActionDoneBeforeTheEndIsMetAsUsual) {
  Scenario s = parse_ok(scenario_text());
  Score scored = score_ok(s, ended_at(play_ok(play(decide_at("PT1H30M"))), "PT2H"));
  EXPECT_EQ(result_of(scored, "E2").status, Status::Met);
  EXPECT_EQ(result_of(scored, "E2").done_at, Seconds{5400});
  EXPECT_EQ(scored.objectives[1].rating, ObjectiveRating::P);
}

TEST(ScoreEndedEarly, BeforeTheAwarenessInjectNothingAnchoredToAwarenessIsMissed) {
  Scenario s = parse_ok(scenario_text());
  // Ended at PT30M, before I2 (PT1H, the awareness inject); the team never
  // declared awareness: from the awareness inject the early warning would be
  // due at PT25H, after the end.
  Score scored = score_ok(s, ended_at(play_ok(play("")), "PT30M"));
  EXPECT_TRUE(scored.ended_before_awareness);
  EXPECT_TRUE(scored.ended_before_final_report_due);
  const ExpectationResult& e1 = result_of(scored, "E1");
  EXPECT_EQ(e1.status, Status::NotEvaluated);
  EXPECT_EQ(e1.reason_code, "due_after_end");
  EXPECT_FALSE(e1.due_at);
  EXPECT_NE(e1.reason.find("from the awareness inject it would be due at PT25H"), std::string::npos) << e1.reason;
  EXPECT_FALSE(scored.objectives[0].rating);
}

TEST(ScoreEndedEarly, AfterTheEarlyWarningWasDueButBeforeTheFinalReport) {
  Scenario s = parse_ok(scenario_text());
  // Awareness PT1H: early warning due PT25H; ended at PT26H without it.
  Score scored = score_ok(s, ended_at(play_ok(play(open_at("PT1H", "PT1H"))), "PT26H"));
  EXPECT_EQ(result_of(scored, "E1").status, Status::Missed);
  EXPECT_FALSE(scored.ended_before_awareness);
  EXPECT_TRUE(scored.ended_before_final_report_due);
  // The team's late action after the end does not count.
  Score late = score_ok(
      s, ended_at(play_ok(play(open_at("PT1H", "PT1H") + "," + submit_at("PT27H", "early-warning"))), "PT26H"));
  EXPECT_EQ(result_of(late, "E1").status, Status::Missed);
  EXPECT_EQ(late.actions_after_end, 1);
}

TEST(ScoreEndedEarly, EndedAtTheDurationOrNoEndIsTheWholeExercise) {
  Scenario s = parse_ok(scenario_text());
  for (const Play& p : {play_ok(play("")), ended_at(play_ok(play("")), "P40D")}) {
    Score scored = score_ok(s, p);
    EXPECT_FALSE(scored.ended_early);
    EXPECT_EQ(scored.played, s.duration);
    EXPECT_FALSE(scored.ended_before_awareness);
    EXPECT_FALSE(scored.ended_before_final_report_due);
    EXPECT_EQ(result_of(scored, "E1").status, Status::Missed);
    EXPECT_EQ(result_of(scored, "E2").status, Status::Missed);
  }
}

TEST(Score, ATagMatchesWhateverItsCaseAndSurroundingSpacesButNotAnotherWord) {
  Scenario s = parse_ok(scenario_text());
  EXPECT_EQ(result_of(score_ok(s, play_ok(play(decide_at("PT2H", "Containment")))), "E2").status, Status::Met);
  EXPECT_EQ(result_of(score_ok(s, play_ok(play(decide_at("PT2H", " CONTAINMENT ")))), "E2").status, Status::Met);
  EXPECT_EQ(result_of(score_ok(s, play_ok(play(decide_at("PT2H", "contain")))), "E2").status, Status::Missed);
  EXPECT_EQ(result_of(score_ok(s, play_ok(play(decide_at("PT2H", "containment-plan")))), "E2").status, Status::Missed);
}

TEST(Score, AwarenessNeverDeclaredMissesEverythingAnchoredToIt) {
  Scenario s =
      parse_ok(scenario_text("\n[[expectations]]\nid = \"E3\"\nobjective = \"O2\"\naction = \"involve\"\n"
                             "role = \"legal\"\nafter = \"awareness\"\nwithin = \"PT4H\"\n"));
  // The early warning is sent and legal acts, but no incident was ever opened.
  Score result = score_ok(s, play_ok(play(submit_at("PT2H", "early-warning") + "," + decide_at("PT2H"))));
  EXPECT_EQ(result_of(result, "E1").status, Status::Missed);
  EXPECT_FALSE(result_of(result, "E1").due_at);
  EXPECT_NE(result_of(result, "E1").reason.find("never declared awareness"), std::string::npos);
  EXPECT_EQ(result_of(result, "E3").status, Status::Missed);
  EXPECT_FALSE(result.latencies.awareness_at);
  EXPECT_FALSE(result.latencies.awareness_lag);
  EXPECT_FALSE(result.reports[0].due_at);
  EXPECT_FALSE(result.reports[0].on_time);
  EXPECT_EQ(result.reports[0].submitted_at, Seconds{7200});
}

TEST(Score, ACustomExpectationIsNotEvaluatedUntilAnObserverRatesIt) {
  Scenario s =
      parse_ok(scenario_text("\n[[expectations]]\nid = \"E3\"\nobjective = \"O2\"\naction = \"custom\"\n"
                             "title = \"Customers informed\"\nafter = \"I1\"\nwithin = \"PT4H\"\n"));
  Score unrated = score_ok(s, play_ok(play("")));
  EXPECT_EQ(result_of(unrated, "E3").status, Status::NotEvaluated);
  EXPECT_EQ(unrated.summary.not_evaluated, 1);
  EXPECT_EQ(unrated.summary.evaluated, 2);
  for (auto [rating, status] : {std::pair{"met", Status::Met}, {"late", Status::Late}, {"missed", Status::Missed}}) {
    Score rated = score_ok(
        s, play_ok(play(fmt::format(
               R"({{"at": "PT5H", "by": "obs", "action": "rate", "expectation": "E3", "result": "{}"}})", rating))));
    EXPECT_EQ(result_of(rated, "E3").status, status) << rating;
  }
}

TEST(Score, ACustomExpectationRatedLateClaimsNoDurationInItsImprovementItem) {
  Scenario s =
      parse_ok(scenario_text("\n[[expectations]]\nid = \"E3\"\nobjective = \"O2\"\naction = \"custom\"\n"
                             "title = \"Customers informed\"\nafter = \"I1\"\nwithin = \"PT4H\"\n"));
  Score rated = score_ok(s, play_ok(play(R"({"at": "PT5H", "by": "obs", "action": "rate", "expectation": "E3",
      "result": "late"})")));
  const ExpectationResult& e3 = result_of(rated, "E3");
  EXPECT_EQ(e3.status, Status::Late);
  EXPECT_FALSE(e3.late_by);  // an observer's word, not a measured delay
  auto item = std::find_if(rated.improvements.begin(), rated.improvements.end(),
                           [](const Improvement& i) { return i.expectation == "E3"; });
  ASSERT_NE(item, rated.improvements.end());
  EXPECT_NE(item->text.find("E3 ("), std::string::npos);
  EXPECT_NE(item->text.find("was rated late by an observer"), std::string::npos) << item->text;
  EXPECT_EQ(item->text.find("late by PT"), std::string::npos) << item->text;
}

TEST(Score, AnObserverRatingOfAComputedExpectationIsShownNotApplied) {
  Scenario s = parse_ok(scenario_text());
  Score result = score_ok(s, play_ok(play(decide_at("PT2H") + R"(, {"at": "PT5H", "by": "obs", "action": "rate",
      "expectation": "E2", "result": "missed", "text": "the decision was not communicated"})")));
  EXPECT_EQ(result_of(result, "E2").status, Status::Met);
  EXPECT_EQ(result_of(result, "E2").observer, Rating::Missed);
}

TEST(Score, ARatingOfAnUnknownExpectationIsAnError) {
  Scenario s = parse_ok(scenario_text());
  auto result =
      score(s, play_ok(play(R"({"at": "PT5H", "by": "obs", "action": "rate", "expectation": "E9", "result": "met"})")));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().where, "actions[0].expectation");
  EXPECT_NE(result.error().message.find("'E9' is not an expectation"), std::string::npos);
}

// --- objective ratings (HSEEP) ------------------------------------------------

class Ratings : public ::testing::Test {
 protected:
  // O2 holds three decide expectations, each due PT3H (I2 + PT2H).
  Scenario s = parse_ok(scenario_text(
      "\n[[expectations]]\nid = \"E3\"\nobjective = \"O2\"\naction = \"decide\"\ntag = \"b\"\nafter = \"I2\"\nwithin = "
      "\"PT2H\"\n"
      "\n[[expectations]]\nid = \"E4\"\nobjective = \"O2\"\naction = \"custom\"\nafter = \"I2\"\nwithin = \"PT2H\"\n"));
  std::optional<ObjectiveRating> o2(const std::string& actions) {
    Score result = score_ok(s, play_ok(play(actions)));
    return result.objectives[1].rating;
  }
};

TEST_F(Ratings, AllMetIsP) { EXPECT_EQ(o2(decide_at("PT2H") + "," + decide_at("PT2H", "b")), ObjectiveRating::P); }
TEST_F(Ratings, SomeLateNoneMissedIsS) {
  EXPECT_EQ(o2(decide_at("PT2H") + "," + decide_at("PT4H", "b")), ObjectiveRating::S);
}
TEST_F(Ratings, SomeMissedSomeDoneIsM) {
  EXPECT_EQ(o2(decide_at("PT2H")), ObjectiveRating::M);
  EXPECT_EQ(o2(decide_at("PT4H")), ObjectiveRating::M);  // late and missed
}
TEST_F(Ratings, AllMissedIsU) { EXPECT_EQ(o2(""), ObjectiveRating::U); }
TEST_F(Ratings, NotEvaluatedIsIgnoredAndNothingEvaluatedIsNoRating) {
  Scenario only_custom = parse_ok(
      scenario_head("health.healthcare_provider", "2026-03-28T12:00:00+01:00", "Europe/Berlin", "P1D") +
      "[[objectives]]\nid = \"O1\"\ntitle = \"x\"\n"
      "[[injects]]\nid = \"I1\"\nat = \"PT0S\"\nchannel = \"x\"\nto = [\"all\"]\ntext = \"x\"\n"
      "[[expectations]]\nid = \"E1\"\nobjective = \"O1\"\naction = \"custom\"\nafter = \"I1\"\nwithin = \"PT1H\"\n");
  Score result = score_ok(only_custom, play_ok(play("")));
  EXPECT_FALSE(result.objectives[0].rating);
  EXPECT_EQ(result.objectives[0].counts.not_evaluated, 1);
}

// --- the Art. 23 clock in the scenario's time zone ---------------------------

TEST(Score, DaylightSavingInsideTheExerciseMarchBerlin) {
  // Start Sat 28 March 2026 12:00 CET; summer time begins that night.
  Scenario s = parse_ok(scenario_text());
  Score result = score_ok(s, play_ok(play(open_at("PT0S", "PT0S") + "," + submit_at("PT2H", "notification"))));
  // 24 and 72 hours are elapsed time: the offsets do not move.
  EXPECT_EQ(result.reports[0].due_at, Seconds{24 * 3600});
  EXPECT_EQ(result.reports[1].due_at, Seconds{72 * 3600});
  // One month after the notification (14:00 CET) is 28 April 14:00 CEST: one
  // hour less of elapsed time than 31 days.
  EXPECT_EQ(result.reports[2].due_at, Seconds{2 * 3600 + 31 * 86400 - 3600});
}

TEST(Score, DaylightSavingInsideTheExerciseOctoberBerlin) {
  Scenario s = parse_ok(scenario_text(
      "", scenario_head("digital_infrastructure.cloud_computing_service_provider", "2026-10-24T12:00:00+02:00")));
  Score result = score_ok(s, play_ok(play(open_at("PT0S", "PT0S") + "," + submit_at("PT2H", "notification"))));
  EXPECT_EQ(result.reports[0].due_at, Seconds{24 * 3600});
  // 24 October 14:00 CEST + one month = 24 November 14:00 CET: 31 days and one hour.
  EXPECT_EQ(result.reports[2].due_at, Seconds{2 * 3600 + 31 * 86400 + 3600});
}

TEST(Score, TheFinalReportRunsFromTheNotificationDeadlineWhileNoneIsSent) {
  Scenario s = parse_ok(scenario_text());
  Score result = score_ok(s, play_ok(play(open_at("PT0S", "PT0S"))));
  // Notification due Tue 31 March 13:00 CEST; one month later: 30 April 13:00 CEST.
  EXPECT_EQ(result.reports[2].due_at, Seconds{72 * 3600 + 30 * 86400});
}

TEST(Score, TrustServicesAreNotifiedWithinTwentyFourHours) {
  Scenario s = parse_ok(scenario_text("", scenario_head("digital_infrastructure.trust_service_provider")));
  Score result = score_ok(s, play_ok(play(open_at("PT1H", "PT1H"))));
  EXPECT_EQ(result.reports[1].due_at, Seconds{25 * 3600});
}

TEST(Score, TheGdprClockRunsFromTheDeclaredBreachAwareness) {
  Scenario s =
      parse_ok(scenario_text("\n[[expectations]]\nid = \"E3\"\nobjective = \"O1\"\naction = \"submit\"\n"
                             "report = \"gdpr-breach\"\nby = \"gdpr_breach_due\"\n"));
  Score without = score_ok(s, play_ok(play(open_at("PT1H", "PT1H"))));
  EXPECT_EQ(result_of(without, "E3").status, Status::Missed);
  EXPECT_NE(result_of(without, "E3").reason.find("personal-data breach"), std::string::npos);
  Score with = score_ok(s, play_ok(play(open_at("PT1H", "PT1H") +
                                        R"(, {"at": "PT6H", "by": "ana", "action": "breach", "awareness": "PT5H"},)" +
                                        submit_at("PT77H", "gdpr-breach", "supervisory_authority"))));
  EXPECT_EQ(result_of(with, "E3").due_at, Seconds{77 * 3600});
  EXPECT_EQ(result_of(with, "E3").status, Status::Met);
  // A GDPR notification to the CSIRT is not one to the supervisory authority.
  Score wrong = score_ok(s, play_ok(play(open_at("PT1H", "PT1H") +
                                         R"(, {"at": "PT6H", "by": "ana", "action": "breach", "awareness": "PT5H"},)" +
                                         submit_at("PT7H", "gdpr-breach", "csirt"))));
  EXPECT_EQ(result_of(wrong, "E3").status, Status::Missed);
}

// --- latencies, decisions, coordination, lessons ------------------------------

TEST(Score, LatenciesAreMeasuredFromTheDeclaredAwareness) {
  Scenario s = parse_ok(scenario_text());
  Score result = score_ok(s, play_ok(play(open_at("PT2H", "PT1H40M") + "," + submit_at("PT10H", "early-warning") + "," +
                                          submit_at("PT30H", "notification"))));
  EXPECT_EQ(result.latencies.reference_at, Seconds{3600});
  EXPECT_EQ(result.latencies.awareness_lag, Seconds{40 * 60});
  EXPECT_EQ(result.latencies.awareness_to_early_warning, Seconds{10 * 3600 - 100 * 60});
  EXPECT_EQ(result.latencies.awareness_to_notification, Seconds{30 * 3600 - 100 * 60});
  EXPECT_FALSE(result.latencies.awareness_to_final_report);
  // Declared before the reference inject: a negative lag.
  Score early = score_ok(s, play_ok(play(open_at("PT50M", "PT30M"))));
  EXPECT_EQ(early.latencies.awareness_lag, Seconds{-30 * 60});
}

TEST(Score, DecisionsCountWhatWasRecordedOfTheUncertainty) {
  Scenario s = parse_ok(scenario_text());
  Score result = score_ok(s, play_ok(play(decide_at("PT1H") + R"(, {"at": "PT2H", "by": "bo", "action": "decide",
      "tags": ["x"], "decision": "d", "rationale": "r", "options": ["a", "b"], "known": ["k"], "unknown": ["u"],
      "confidence": "low"}, {"at": "PT3H", "by": "bo", "action": "decide", "tags": ["y"], "decision": "d",
      "known": ["k"]})")));
  EXPECT_EQ(result.decisions.total, 3);
  EXPECT_EQ(result.decisions.with_rationale, 1);
  EXPECT_EQ(result.decisions.with_options, 1);
  EXPECT_EQ(result.decisions.with_known_unknown, 1);
  EXPECT_EQ(result.decisions.with_confidence, 1);
}

TEST(Score, CoordinationNamesTheFunctionsThatNeverActed) {
  Scenario s =
      parse_ok(scenario_text("\n[[expectations]]\nid = \"E3\"\nobjective = \"O2\"\naction = \"involve\"\nrole = "
                             "\"legal\"\nafter = \"I1\"\nwithin = \"PT1H\"\n"
                             "\n[[expectations]]\nid = \"E4\"\nobjective = \"O2\"\naction = \"involve\"\nrole = "
                             "\"dpo\"\nafter = \"I1\"\nwithin = \"PT1H\"\n"
                             "\n[[expectations]]\nid = \"E5\"\nobjective = \"O2\"\naction = \"involve\"\nrole = "
                             "\"communications\"\nafter = \"I1\"\nwithin = \"PT1H\"\n"));
  Score result = score_ok(
      s, play_ok(play(decide_at("PT30M") + R"(, {"at": "PT40M", "by": "ana", "action": "involve", "role": "dpo"})")));
  EXPECT_EQ(result_of(result, "E3").status, Status::Met);  // bo (legal) acted
  EXPECT_EQ(result_of(result, "E4").status, Status::Met);  // the dpo was brought in
  EXPECT_EQ(result_of(result, "E5").status, Status::Missed);
  EXPECT_EQ(result.coordination.expected_roles, (std::vector<std::string>{"communications", "dpo", "legal"}));
  EXPECT_EQ(result.coordination.acted_roles, (std::vector<std::string>{"dpo", "it", "legal"}));
  EXPECT_EQ(result.coordination.missing_roles, std::vector<std::string>{"communications"});
}

TEST(Score, TeamJudgementsAreComparedWithTheVerdictOnTheFactsKnownThen) {
  Scenario s = parse_ok(scenario_text());
  Score result =
      score_ok(s, play_ok(play(R"({"at": "PT30M", "by": "ana", "action": "assess", "judgement": "significant"},
      {"at": "PT1H", "by": "ana", "action": "assess", "judgement": "not-significant"},
      {"at": "PT2H", "by": "ana", "action": "assess", "judgement": "significant"})")));
  ASSERT_EQ(result.assessments.size(), 3u);
  EXPECT_EQ(result.assessments[0].verdict, "undetermined");  // 10 minutes only
  EXPECT_FALSE(result.assessments[0].agrees);
  EXPECT_EQ(result.assessments[1].verdict, "significant");  // I2 at PT1H: 60 minutes
  EXPECT_EQ(result.assessments[1].agrees, false);
  EXPECT_EQ(result.assessments[2].agrees, true);
}

TEST(Score, MissedAndLateExpectationsBecomeImprovementItemsServingTheObjectivesRequirements) {
  Scenario s = parse_ok(scenario_text());
  Score result = score_ok(s, play_ok(play(decide_at("PT4H") + R"(, {"at": "P2D", "by": "obs", "action": "improvement",
      "text": "Train the deputies", "owner": "bo", "due": "2026-06-30", "requirements": ["gov.training"]})")));
  ASSERT_EQ(result.improvements.size(), 3u);
  EXPECT_EQ(result.improvements[0].owner, "bo");
  EXPECT_EQ(format_date(*result.improvements[0].due), "2026-06-30");
  EXPECT_EQ(result.improvements[1].expectation, "E1");  // missed: awareness never declared
  EXPECT_EQ(result.improvements[1].requirements, std::vector<std::string>{"rep.early_warning"});
  EXPECT_EQ(result.improvements[2].expectation, "E2");  // late by 1 hour
  EXPECT_NE(result.improvements[2].text.find("late by PT1H"), std::string::npos);
  EXPECT_TRUE(result.improvements[2].owner.empty());
  EXPECT_EQ(result.improvements[2].requirements,
            (std::vector<std::string>{"rm.crisis_management", "IR 2024/2690 4.3.4"}));
}

TEST(Score, ThePlaysStartOverridesTheScenariosStart) {
  Scenario s = parse_ok(scenario_text());
  Score result = score_ok(s, play_ok(play(open_at("PT0S", "PT0S"), R"("started_at": "2026-10-24T12:00:00+02:00", )")));
  EXPECT_EQ(format_utc(result.started_at), "2026-10-24T10:00:00Z");
  EXPECT_EQ(result.reports[2].due_at, Seconds{72 * 3600 + 31 * 86400});  // 27 Oct 11:00 CET + 1 month
}

}  // namespace
}  // namespace vigil::exercise
