// Documented versus performed: the results of exercises beside the gap
// assessment. IR 2024/2690's Annex asks that the incident handling (3.1),
// business continuity (4.1) and crisis management (4.3) plans are tested;
// NIS2 Art. 23 is tested by sending the reports on time. An exercise result is
// what `vigil exercise score --format json` says about one exercise, reduced
// to what the readiness report shows: per objective the HSEEP rating and the
// requirements it evidences, the Art. 23(4) reports on time, and the
// improvement items (exercise/results.h makes one from a score or its JSON).
//
// The rules, in one place (exercise_status):
//  - the requirements an exercise tests are rm.incident_handling,
//    rm.business_continuity, rm.crisis_management and every rep.* of the
//    catalog (exercised_requirements), each when an objective of the exercise
//    lists it in `evidences`;
//  - only exercises ended on or before the assessment date count (a later one
//    was not known on that date);
//  - an exercise ended early (before its scenario's duration) and before its
//    awareness inject or before its final report was due (Art. 23(4)(d)) does
//    not count as testing any requirement: it never reached the moments the
//    requirements are judged at (not_counted_reason says so in words, and the
//    report lists it beside the requirement instead of dropping it silently);
//  - the latest result of a requirement is the counting exercise with the
//    latest end date that tests it; on equal dates, the one given last;
//  - its rating is the worst rating (U < M < S < P) of that exercise's
//    objectives evidencing the requirement; none when none of them was rated;
//  - testing is overdue when no counting exercise tests the requirement, or
//    the latest ended more than 12 calendar months before the assessment date
//    (review_due: ended 2025-03-15 is not overdue on 2026-03-15, overdue on
//    2026-03-16; ended 2024-02-29 falls due on 2025-02-28).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"

namespace vigil::assess {

struct GapReport;

// One lesson learned of an exercise: an action in the next gap assessment.
struct ImprovementItem {
  std::string text;
  std::string owner;                      // empty: to be assigned
  std::optional<Date> due;                // nullopt: to be set
  std::vector<std::string> requirements;  // NIS2 requirement ids / "IR 2024/2690 3.5.5"
  std::string expectation;                // the expectation it derives from ("" when recorded by an observer)
};

struct ExerciseObjective {
  std::string id;
  std::string title;
  std::optional<char> rating;          // 'P' | 'S' | 'M' | 'U'; nullopt: nothing evaluated
  std::vector<std::string> evidences;  // NIS2 requirement ids / IR 2024/2690 Annex points
};

struct ExerciseResult {
  std::string scenario;  // id
  std::string title;
  Date ended;  // the calendar date the exercise ended, in the scenario's time zone
  std::vector<ExerciseObjective> objectives;
  // The Art. 23(4) reports (early warning, notification, final report; the
  // GDPR notification is not counted): how many there are, how many were
  // submitted at or before their deadline, how many after it; the rest were
  // not submitted or had no deadline (awareness never declared).
  int reports_total = 0;
  int reports_on_time = 0;
  int reports_late = 0;
  std::vector<ImprovementItem> improvements;
  std::string source;  // the file or record it came from
  // How much was played (score.h): ISO 8601 durations ("" when not known: a
  // score written before these fields existed counts as played in full).
  std::string played, duration;
  bool ended_early = false;
  bool ended_before_awareness = false;         // ended early, before the awareness inject
  bool ended_before_final_report_due = false;  // ended early, before the final report was due
};

// Why `result` does not count as testing any requirement, in words ("ended
// early at PT50M of PT840H, before the awareness inject: not counted as
// testing"); empty when it counts.
std::string not_counted_reason(const ExerciseResult& result);

// rm.incident_handling, rm.business_continuity, rm.crisis_management, then the
// catalog's rep.* requirements in catalog order.
std::vector<std::string_view> exercised_requirements();

// The latest result of one requirement (see the rules above).
struct RequirementExercise {
  std::string_view requirement;       // catalog id
  std::optional<std::size_t> latest;  // index into the results given; nullopt: never exercised by the date
  std::optional<char> rating;         // of the latest, for this requirement
  std::optional<Date> testing_due;    // 12 months after the latest ended
  bool testing_overdue = true;
  // Exercises by the date that evidence it but ended early and do not count
  // (not_counted_reason), not older than the latest counting one; in the order given.
  std::vector<std::size_t> not_counted;
};

// One entry per exercised_requirements(), in that order. Pure.
std::vector<RequirementExercise> exercise_status(std::span<const ExerciseResult> results, Date as_of);

// The exercise section of the readiness report: one row per exercised
// requirement, with the latest exercise's scenario, date, rating and reports.
struct ExerciseRow {
  std::string_view requirement;
  std::string scenario, title, source;
  std::optional<Date> ended;
  std::optional<char> rating;
  int reports_total = 0, reports_on_time = 0, reports_late = 0;
  std::optional<Date> testing_due;
  bool testing_overdue = true;
  struct NotCounted {
    std::string source, scenario;
    Date ended;
    std::string reason;  // not_counted_reason
  };
  std::vector<NotCounted> not_counted;  // RequirementExercise::not_counted
};

// Adds to the report: `exercises` (ExerciseRow per exercised requirement), the
// sources, and to the actions (after the supplier actions, before the overdue
// reviews, ranks renumbered) one `schedule_exercise` action per requirement
// whose testing is overdue and one `exercise_improvement` action per
// improvement item of the counting exercises (an item listed in several
// results, same text and owner, once).
void add_exercise_results(GapReport& report, std::span<const ExerciseResult> results);

}  // namespace vigil::assess
