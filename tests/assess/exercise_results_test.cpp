// Documented versus performed: the latest exercise per requirement, testing
// overdue at its 12-month boundary, and the improvement items as actions.
#include <gtest/gtest.h>

#include "assess/assess.h"
#include "assess/exercise_results.h"
#include "assess/report.h"
#include "soa_builder.h"

namespace vigil::assess {
namespace {

using testing::day;

ExerciseResult exercise(std::string id, Date ended, std::vector<ExerciseObjective> objectives) {
  ExerciseResult r;
  r.scenario = std::move(id);
  r.title = "Exercise " + r.scenario;
  r.ended = ended;
  r.objectives = std::move(objectives);
  r.reports_total = 3;
  r.reports_on_time = 2;
  r.reports_late = 1;
  r.source = r.scenario + ".json";
  return r;
}

const RequirementExercise& of(const std::vector<RequirementExercise>& all, std::string_view id) {
  for (const auto& e : all) {
    if (e.requirement == id) return e;
  }
  throw std::runtime_error("no row for " + std::string(id));
}

TEST(ExercisedRequirements, ThePlansThenEveryReportingRequirement) {
  auto ids = exercised_requirements();
  ASSERT_GE(ids.size(), 7u);
  EXPECT_EQ(ids[0], "rm.incident_handling");
  EXPECT_EQ(ids[1], "rm.business_continuity");
  EXPECT_EQ(ids[2], "rm.crisis_management");
  for (std::size_t i = 3; i < ids.size(); ++i) EXPECT_EQ(ids[i].substr(0, 4), "rep.");
  EXPECT_NE(std::find(ids.begin(), ids.end(), "rep.early_warning"), ids.end());
}

TEST(ExerciseStatus, NeverExercisedIsOverdue) {
  auto status = exercise_status({}, day(2026, 6, 1));
  for (const auto& e : status) {
    EXPECT_TRUE(e.testing_overdue) << e.requirement;
    EXPECT_FALSE(e.latest);
    EXPECT_FALSE(e.testing_due);
  }
}

TEST(ExerciseStatus, TwelveMonthsToTheDayIsNotOverdueOneDayMoreIs) {
  std::vector<ExerciseResult> results{exercise("a", day(2025, 3, 15), {{"O1", "", 'P', {"rm.incident_handling"}}})};
  struct Case {
    Date as_of;
    bool overdue;
  };
  for (Case c : {Case{day(2025, 3, 15), false}, Case{day(2026, 3, 14), false}, Case{day(2026, 3, 15), false},
                 Case{day(2026, 3, 16), true}}) {
    auto status = exercise_status(results, c.as_of);
    const auto& e = of(status, "rm.incident_handling");
    EXPECT_EQ(e.testing_overdue, c.overdue) << format_date(c.as_of);
    ASSERT_TRUE(e.testing_due);
    EXPECT_EQ(*e.testing_due, day(2026, 3, 15));
  }
  // Ended on a leap day: due on 28 February.
  results = {exercise("b", day(2024, 2, 29), {{"O1", "", 'P', {"rm.incident_handling"}}})};
  EXPECT_FALSE(of(exercise_status(results, day(2025, 2, 28)), "rm.incident_handling").testing_overdue);
  EXPECT_TRUE(of(exercise_status(results, day(2025, 3, 1)), "rm.incident_handling").testing_overdue);
}

TEST(ExerciseStatus, AnExerciseTestsOnlyWhatItsObjectivesEvidence) {
  std::vector<ExerciseResult> results{
      exercise("a", day(2026, 1, 10), {{"O1", "", 'S', {"rep.early_warning", "IR 2024/2690 3.5.5"}}})};
  auto status = exercise_status(results, day(2026, 2, 1));
  EXPECT_FALSE(of(status, "rep.early_warning").testing_overdue);
  EXPECT_EQ(of(status, "rep.early_warning").rating, 'S');
  EXPECT_TRUE(of(status, "rm.crisis_management").testing_overdue);
  EXPECT_FALSE(of(status, "rm.crisis_management").latest);
}

TEST(ExerciseStatus, LatestByEndDateTheLastGivenOnEqualDatesLaterOnesIgnored) {
  std::vector<ExerciseResult> results{
      exercise("new", day(2026, 2, 1), {{"O1", "", 'P', {"rm.incident_handling"}}}),
      exercise("old", day(2025, 9, 1), {{"O1", "", 'U', {"rm.incident_handling"}}}),
      exercise("same-day", day(2026, 2, 1), {{"O1", "", 'M', {"rm.incident_handling"}}}),
      exercise("future", day(2026, 5, 1), {{"O1", "", 'P', {"rm.incident_handling"}}}),
  };
  auto status = exercise_status(results, day(2026, 3, 1));
  const auto& e = of(status, "rm.incident_handling");
  ASSERT_TRUE(e.latest);
  EXPECT_EQ(results[*e.latest].scenario, "same-day");
  EXPECT_EQ(e.rating, 'M');
  // On the day the later exercise ended it counts.
  EXPECT_EQ(results[*of(exercise_status(results, day(2026, 5, 1)), "rm.incident_handling").latest].scenario, "future");
}

TEST(ExerciseStatus, AnExerciseEndedEarlyIsNotCountedButListed) {
  auto early = [](std::string id, Date ended, bool before_awareness, bool before_final) {
    ExerciseResult r = exercise(std::move(id), ended, {{"O1", "", 'U', {"rm.incident_handling"}}});
    r.ended_early = true;
    r.played = "PT50M";
    r.duration = "PT840H";
    r.ended_before_awareness = before_awareness;
    r.ended_before_final_report_due = before_final;
    return r;
  };
  std::vector<ExerciseResult> results{
      exercise("counted", day(2025, 12, 1), {{"O1", "", 'S', {"rm.incident_handling"}}}),
      early("cut-short", day(2026, 1, 10), true, true),
      early("cut-late", day(2026, 1, 20), false, false),  // ended early, after every deadline: counts
      early("old-cut", day(2025, 11, 1), false, true),    // older than the counting one: not listed
  };
  EXPECT_EQ(not_counted_reason(results[1]),
            "ended early at PT50M of PT840H, before the awareness inject: not counted as testing");
  EXPECT_EQ(not_counted_reason(results[3]),
            "ended early at PT50M of PT840H, before the final report was due: not counted as testing");
  EXPECT_EQ(not_counted_reason(results[2]), "");
  auto status = exercise_status(results, day(2026, 2, 1));
  const auto& e = of(status, "rm.incident_handling");
  ASSERT_TRUE(e.latest);
  EXPECT_EQ(results[*e.latest].scenario, "cut-late");
  EXPECT_TRUE(e.not_counted.empty());

  // Without the late one, the counting exercise is December's and the cut-short one is listed.
  results.erase(results.begin() + 2);
  const auto without_late = exercise_status(results, day(2026, 2, 1));
  const auto& f = of(without_late, "rm.incident_handling");
  EXPECT_EQ(results[*f.latest].scenario, "counted");
  ASSERT_EQ(f.not_counted.size(), 1u);
  EXPECT_EQ(results[f.not_counted[0]].scenario, "cut-short");

  // Only exercises ended early: never tested, overdue, and said why.
  std::vector<ExerciseResult> only{early("cut-short", day(2026, 1, 10), true, true)};
  const auto only_status = exercise_status(only, day(2026, 2, 1));
  const auto& g = of(only_status, "rm.incident_handling");
  EXPECT_FALSE(g.latest);
  EXPECT_TRUE(g.testing_overdue);
  ASSERT_EQ(g.not_counted.size(), 1u);
}

TEST(ExerciseStatus, RatingIsTheWorstOfTheObjectivesEvidencingIt) {
  std::vector<ExerciseResult> results{
      exercise("a", day(2026, 1, 1),
               {{"O1", "", 'P', {"rm.business_continuity"}},
                {"O2", "", 'M', {"rm.business_continuity"}},
                {"O3", "", 'U', {"rm.crisis_management"}},
                {"O4", "", std::nullopt, {"rm.business_continuity", "rep.recipients"}}})};
  auto status = exercise_status(results, day(2026, 1, 2));
  EXPECT_EQ(of(status, "rm.business_continuity").rating, 'M');
  EXPECT_EQ(of(status, "rm.crisis_management").rating, 'U');
  // Exercised, but no objective evidencing it was rated.
  EXPECT_FALSE(of(status, "rep.recipients").rating);
  EXPECT_FALSE(of(status, "rep.recipients").testing_overdue);
}

TEST(AddExerciseResults, RowsOverdueActionsAndImprovementItems) {
  GapReport report = assess(testing::full_soa(day(2026, 1, 1)), {}, day(2026, 3, 1));
  ExerciseResult x = exercise("ransomware-cloud", day(2026, 2, 1), {{"O1", "", 'M', {"rm.incident_handling"}}});
  x.improvements.push_back({"Add legal to the call-out list",
                            "eva",
                            day(2026, 5, 31),
                            {"rm.crisis_management", "IR 2024/2690 4.3.2(a)"},
                            ""});
  x.improvements.push_back({"E3 was late", "", std::nullopt, {"rep.early_warning"}, "E3"});
  x.improvements.push_back({"Only an Annex point", "", std::nullopt, {"IR 2024/2690 3.5.5"}, ""});
  ExerciseResult copy = x;  // the same items given twice appear once
  copy.scenario = "again";
  std::vector<ExerciseResult> results{x, copy};
  add_exercise_results(report, results);
  ASSERT_TRUE(report.exercises_given);
  ASSERT_EQ(report.exercises.size(), exercised_requirements().size());
  EXPECT_EQ(report.exercises[0].requirement, "rm.incident_handling");
  EXPECT_EQ(report.exercises[0].rating, 'M');
  EXPECT_FALSE(report.exercises[0].testing_overdue);
  int schedule = 0, improvement = 0;
  for (std::size_t i = 0; i < report.actions.size(); ++i) {
    const Action& a = report.actions[i];
    EXPECT_EQ(a.rank, static_cast<int>(i) + 1);
    if (a.kind == ActionKind::ScheduleExercise) {
      ++schedule;
      EXPECT_NE(a.target, "rm.incident_handling");
    }
    if (a.kind == ActionKind::ExerciseImprovement) {
      ++improvement;
      if (a.owner == "eva") {
        EXPECT_EQ(a.requirements, (std::vector<std::string_view>{"rm.crisis_management"}));
        EXPECT_NE(a.detail.find("due 2026-05-31"), std::string::npos);
        EXPECT_NE(a.detail.find("IR 2024/2690 4.3.2(a)"), std::string::npos);
      }
      if (a.detail.rfind("Only an Annex point", 0) == 0) {
        // Annex 3.5.5 is a point of the incident handling requirement.
        ASSERT_EQ(a.requirements.size(), 1u);
        EXPECT_EQ(a.requirements[0].substr(0, 3), "rm.");
      }
    }
  }
  EXPECT_EQ(schedule, static_cast<int>(exercised_requirements().size()) - 1);
  EXPECT_EQ(improvement, 3);
  // Every format carries the section.
  EXPECT_NE(render_text(report, nullptr).find("DOCUMENTED VERSUS PERFORMED"), std::string::npos);
  EXPECT_NE(render_markdown(report).find("Documented versus performed"), std::string::npos);
  EXPECT_NE(render_html(report).find("Documented versus performed"), std::string::npos);
  EXPECT_NE(render_json(report).find("\"testing_overdue\""), std::string::npos);
  EXPECT_NE(render_csv(report).find("exercise_testing"), std::string::npos);
}

TEST(AddExerciseResults, WithoutTheOptionNothingChanges) {
  GapReport report = assess(testing::full_soa(day(2026, 1, 1)), {}, day(2026, 3, 1));
  EXPECT_EQ(render_csv(report).find("exercise"), std::string::npos);
  EXPECT_EQ(render_json(report).find("\"exercises\""), std::string::npos);
}

}  // namespace
}  // namespace vigil::assess
