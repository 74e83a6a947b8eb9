// Scoring an exercise: a pure function of the scenario and the play. Every
// figure says what it counts and out of what; there is no single opaque score.
// The rules (docs/EXERCISES.md):
//  - an expectation is due at its anchor (an inject, or the team's declared
//    awareness) plus `within`, or at the named Art. 23(4) / GDPR Art. 33(1)
//    deadline, computed by incident::compute_deadlines from the declared
//    awareness in the scenario's time zone;
//  - met: the first matching action (within the exercise) is at or before the
//    due moment; late: after it (late_by); missed: none, or the anchor is an
//    awareness the team never declared; not_evaluated: a custom expectation no
//    observer rated (an observer's rating of any other expectation is shown
//    beside the computed status, never instead of it);
//  - a live exercise ended before the scenario's duration (ended early): an
//    expectation due after the end is not_evaluated (reason_code
//    "due_after_end") unless its matching action came before the end (then
//    met as usual); one whose anchor never happened (awareness never
//    declared) is due, for this rule, as if the team had declared awareness
//    at the scenario's awareness inject. An exercise played to its duration,
//    and every tabletop play, is scored over the whole duration;
//  - an objective is rated from its evaluated expectations (HSEEP): all met P,
//    none missed and some late S, some missed and some met or late M, all
//    missed U; nothing evaluated: no rating.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "exercise/play.h"
#include "exercise/scenario.h"

namespace vigil::exercise {

enum class Status { Met, Late, Missed, NotEvaluated };
std::string_view to_string(Status status);  // "met" | "late" | "missed" | "not_evaluated"

// HSEEP objective ratings.
enum class ObjectiveRating { P, S, M, U };
std::string_view to_string(ObjectiveRating rating);  // "P" ...
std::string_view meaning(ObjectiveRating rating);    // "performed without challenges", ...

struct ExpectationResult {
  const Expectation* expectation = nullptr;
  Status status = Status::Missed;
  std::optional<Seconds> due_at;   // offset; nullopt when its anchor never happened
  std::optional<Seconds> done_at;  // the first matching action's offset
  std::optional<Seconds> late_by;  // done_at - due_at when late
  std::string window;              // "I3 + PT4H", "awareness + PT1H", "early_warning_due (Art. 23(4)(a))"
  std::string reason;              // why missed or not evaluated, in words
  std::string_view reason_code;    // not_evaluated: "due_after_end" | "not_rated"; else empty
  std::optional<Rating> observer;  // the last observer rating of it, if any
  std::string observer_text;
  bool observer_after_end = false;  // that rating was made after a live exercise ended
};

struct Counts {
  int total = 0, evaluated = 0, met = 0, late = 0, missed = 0, not_evaluated = 0;
};

struct ObjectiveResult {
  const Objective* objective = nullptr;
  std::optional<ObjectiveRating> rating;  // nullopt: nothing evaluated
  Counts counts;
};

// One Art. 23(4) report (or the GDPR Art. 33 notification) and its clock.
struct ReportResult {
  incident::SubmissionType report;
  std::string_view reference;           // "Art. 23(4)(a)"
  std::optional<Seconds> due_at;        // nullopt: awareness never declared
  std::optional<Seconds> submitted_at;  // the first submission to the authority
  std::optional<bool> on_time;          // nullopt: not submitted, or no due moment
  std::optional<Seconds> late_by;
};

struct Latencies {
  std::optional<Seconds> reference_at;   // the scenario's awareness inject
  std::optional<Seconds> awareness_at;   // the team's declared awareness
  std::optional<Seconds> awareness_lag;  // awareness_at - reference_at (negative: earlier)
  std::optional<Seconds> awareness_to_early_warning;
  std::optional<Seconds> awareness_to_notification;
  std::optional<Seconds> awareness_to_final_report;
};

struct DecisionCounts {
  int total = 0, with_rationale = 0, with_options = 0, with_known_unknown = 0, with_confidence = 0;
  std::vector<const PlayAction*> decisions;  // in time order
};

struct Coordination {
  std::vector<std::string> expected_roles;  // roles of involve expectations
  std::vector<std::string> acted_roles;     // roles of players who acted, and roles involved
  std::vector<std::string> missing_roles;   // expected but never acted or involved
};

// A significance judgement of the team beside the verdict the scenario's
// facts known at that moment give (incident::assess_significance).
struct AssessmentCheck {
  const PlayAction* action = nullptr;
  std::string verdict;         // "significant" | "not_significant" | "undetermined" | "judgement" (Art. 23(3))
  std::optional<bool> agrees;  // nullopt: no verdict to compare with, or the team left it undetermined
};

struct Improvement {
  std::string text;
  std::string owner;                      // empty: to be assigned
  std::optional<Date> due;                // nullopt: to be set
  std::vector<std::string> requirements;  // NIS2 requirement ids / IR 2024/2690 Annex points
  std::string expectation;                // derived from this expectation ("" when recorded in the play)
};

struct Score {
  Instant started_at{};
  Seconds duration{0};       // the scenario's
  Seconds played{0};         // exercise time played: to a live exercise's end, else the whole duration
  bool ended_early = false;  // played < duration
  // What an early end came before (both false when not ended early): the
  // scenario's awareness inject; the Art. 23(4)(d) final report's due moment
  // (from the declared awareness, or from the awareness inject when the team
  // declared none; true when neither exists).
  bool ended_before_awareness = false;
  bool ended_before_final_report_due = false;
  std::vector<ExpectationResult> expectations;  // scenario order
  std::vector<ObjectiveResult> objectives;      // scenario order
  std::vector<ReportResult> reports;            // early warning, notification, final (+ GDPR)
  Latencies latencies;
  DecisionCounts decisions;
  Coordination coordination;
  Counts summary;
  std::vector<AssessmentCheck> assessments;
  std::vector<const PlayAction*> notes;
  std::vector<Improvement> improvements;  // the play's, then derived ones
  int actions_after_end = 0;              // team actions after the end: not counted
};

// The result points into `scenario` and `play`, which must outlive it.
// Errors: a rating of an expectation the scenario does not have, a deadline the
// clock refuses (incident::compute_deadlines), a start the zone cannot place.
Result<Score> score(const Scenario& scenario, const Play& play);

}  // namespace vigil::exercise
