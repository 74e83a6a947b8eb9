// The after-action report of an exercise (HSEEP's AAR), in every format
// `vigil exercise score` writes, and the scenario as `vigil exercise show`
// writes it. Pure rendering of score() and the scenario: every output is
// marked EXERCISE, Markdown escapes HTML, the HTML page is self-contained
// (inline CSS and SVG, no script) and escapes every value, text escapes
// control characters.
//
// JSON shape of score (stable, docs/EXERCISES.md):
//   {"marking": "EXERCISE", "scenario": {id, title, entity_type, timezone},
//    "started_at", "duration", "awareness_at",
//    "expectations": [{id, objective, action, title, window, status, due_at,
//       done_at, late_by_s, reason, observer_rating, observer_text}],
//    "objectives": [{id, title, rating, rating_meaning, evidences,
//       counts: {total, evaluated, met, late, missed, not_evaluated}}],
//    "reports": [{report, reference, due_at, due_utc, submitted_at, on_time, late_by_s}],
//    "latencies": {reference_at, awareness_at, awareness_lag_s,
//       awareness_to_early_warning_s, awareness_to_notification_s, awareness_to_final_report_s},
//    "decisions": {total, with_rationale, with_options, with_known_unknown,
//       with_confidence, items: [...]},
//    "coordination": {expected_roles, acted_roles, missing_roles},
//    "assessments": [{at, by, judgement, verdict_from_known_facts, agrees}],
//    "notes": [{at, by, text}],
//    "improvements": [{text, owner, due, requirements, expectation}],
//    "summary": {total, evaluated, met, late, missed, not_evaluated},
//    "actions_after_end"}
// Offsets (*_at, duration) are ISO 8601 durations from the start; *_s are seconds.
#pragma once

#include <string>

#include <nlohmann/json_fwd.hpp>

#include "exercise/play.h"
#include "exercise/scenario.h"
#include "exercise/score.h"

namespace vigil::exercise {

nlohmann::json score_json(const Scenario& scenario, const Play& play, const Score& score);
std::string after_action_text(const Scenario& scenario, const Play& play, const Score& score);
std::string after_action_markdown(const Scenario& scenario, const Play& play, const Score& score);
std::string after_action_html(const Scenario& scenario, const Play& play, const Score& score);

// The timeline chart: injects, the team's actions and the Art. 23(4)
// deadlines on one time axis, as an inline SVG element (all text escaped).
std::string timeline_svg(const Scenario& scenario, const Play& play, const Score& score);

// `vigil exercise show` and `scenarios`.
nlohmann::json scenario_json(const Scenario& scenario);
std::string scenario_text(const Scenario& scenario);
nlohmann::json scenario_list_json(const std::vector<Scenario>& scenarios);
std::string scenario_list_text(const std::vector<Scenario>& scenarios);

}  // namespace vigil::exercise
