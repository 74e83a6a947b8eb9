// An exercise's result as the readiness report takes it: the end date in the
// scenario's time zone, ended_at overriding start + duration, the Art. 23(4)
// reports counted without the GDPR one, and bad input naming the field.
#include <gtest/gtest.h>

#include "exercise/results.h"
#include "exercise_fixtures.h"

namespace vigil::exercise {
namespace {

Date day(int y, unsigned m, unsigned d) { return Date{date::year{y}, date::month{m}, date::day{d}}; }

std::string score_json_text(const std::string& started_at, const std::string& extra = "") {
  return R"({"scenario": {"id": "s", "title": "S", "timezone": "Europe/Berlin"},
             "started_at": ")" +
         started_at + R"(", "duration": "PT1H",
             "objectives": [{"id": "O1", "title": "o", "rating": "S", "evidences": ["rep.early_warning"]}],
             "reports": [{"report": "early-warning", "on_time": true}, {"report": "notification", "on_time": false},
                         {"report": "final", "on_time": null}, {"report": "gdpr-breach", "on_time": true}],
             "improvements": [{"text": "t", "owner": "eva", "due": "2026-05-31", "requirements": ["rm.crisis_management"]}])" +
         extra + "}";
}

TEST(ExerciseResult, EndDateIsTheLocalDateOfStartPlusDuration) {
  // 23:30 local + 1 h is 00:30 the next day in Berlin, still the 27th in UTC.
  auto r = read_exercise_result(score_json_text("2026-03-27T23:30:00+01:00"), "x.json", testing::locate);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->ended, day(2026, 3, 28));
  EXPECT_EQ(r->scenario, "s");
  EXPECT_EQ(r->reports_total, 3);
  EXPECT_EQ(r->reports_on_time, 1);
  EXPECT_EQ(r->reports_late, 1);
  ASSERT_EQ(r->objectives.size(), 1u);
  EXPECT_EQ(r->objectives[0].rating, 'S');
  ASSERT_EQ(r->improvements.size(), 1u);
  EXPECT_EQ(r->improvements[0].due, day(2026, 5, 31));
}

TEST(ExerciseResult, EndedAtOverridesStartPlusDuration) {
  auto r = read_exercise_result(score_json_text("2026-03-27T09:00:00+01:00", R"(, "ended_at": "2026-04-02T10:00:00Z")"),
                                "x.json", testing::locate);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->ended, day(2026, 4, 2));
}

TEST(ExerciseResult, HowMuchWasPlayedIsRead) {
  auto r = read_exercise_result(
      score_json_text("2026-03-27T09:00:00+01:00", R"(, "played_duration": "PT50M", "ended_early": true,
                      "ended_before": {"awareness_inject": true, "final_report_due": true})"),
      "x.json", testing::locate);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_TRUE(r->ended_early);
  EXPECT_EQ(r->played, "PT50M");
  EXPECT_EQ(r->duration, "PT1H");
  EXPECT_TRUE(r->ended_before_awareness);
  EXPECT_EQ(assess::not_counted_reason(*r),
            "ended early at PT50M of PT1H, before the awareness inject: not counted "
            "as testing");
  // A score without these fields was played in full.
  auto full = read_exercise_result(score_json_text("2026-03-27T09:00:00+01:00"), "x.json", testing::locate);
  ASSERT_TRUE(full) << full.error().message;
  EXPECT_FALSE(full->ended_early);
  EXPECT_EQ(assess::not_counted_reason(*full), "");
  auto bad = read_exercise_result(score_json_text("2026-03-27T09:00:00+01:00", R"(, "ended_early": "yes")"), "x.json",
                                  testing::locate);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().where, "x.json: ended_early");
}

TEST(ExerciseResult, BadInputNamesFileAndField) {
  auto r = read_exercise_result(R"({"scenario": {"id": "s", "timezone": "Europe/Berlin"}, "started_at": "x",
                                   "duration": "PT1H", "objectives": [{"id": "O1", "rating": "Q"}], "reports": []})",
                                "x.json", testing::locate);
  ASSERT_FALSE(r);
  // Every error is reported (the rating's too: tests/golden/gap/exercises_bad.out); the first names the field.
  EXPECT_EQ(r.error().where, "x.json: started_at") << r.error().message;
  EXPECT_FALSE(read_exercise_result("[1]", "x.json", testing::locate));
  EXPECT_FALSE(read_exercise_result("{", "x.json", testing::locate));
}

TEST(ExerciseResult, FromAScoreDirectly) {
  auto scenario = parse_scenario(testing::scenario_text(), "s.toml", testing::locate);
  ASSERT_TRUE(scenario) << scenario.error().message;
  auto play = parse_play(R"({"players": {"ana": "it"}, "actions": []})", "p.json");
  ASSERT_TRUE(play) << play.error().message;
  auto scored = score(*scenario, *play);
  ASSERT_TRUE(scored) << scored.error().message;
  auto r = exercise_result(*scenario, *scored, "live");
  EXPECT_EQ(r.scenario, scenario->id);
  EXPECT_EQ(r.reports_total, 3);
  EXPECT_EQ(r.reports_on_time, 0);
  EXPECT_EQ(r.objectives.size(), scenario->objectives.size());
  auto ended =
      exercise_result(*scenario, *scored, "live", Instant{date::sys_days{day(2026, 4, 1)}} + std::chrono::hours{23});
  EXPECT_EQ(ended.ended, day(2026, 4, 2));  // 23:00 UTC is 01:00 on the 2nd in Berlin (summer time)
}

}  // namespace
}  // namespace vigil::exercise
