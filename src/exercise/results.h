// An exercise's result as the readiness report takes it (assess::
// ExerciseResult): from a score (a live exercise's, or a tabletop's) or from
// the JSON `vigil exercise score --format json` writes, which `vigil gap
// --exercises FILE...` reads. Pure: the caller supplies the text and the
// time-zone lookup.
#pragma once

#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "assess/exercise_results.h"
#include "core/error.h"
#include "exercise/scenario.h"
#include "exercise/score.h"

namespace vigil::exercise {

// The end of an exercise: `ended` when given (a live exercise ended by the
// facilitator), else its start plus the scenario's duration; the result's
// date is that instant's calendar date in the scenario's time zone.
assess::ExerciseResult exercise_result(const Scenario& scenario, const Score& score, std::string source,
                                       std::optional<Instant> ended = std::nullopt);

// Reads the JSON of `vigil exercise score --format json` (docs/EXERCISES.md):
// scenario {id, title, timezone}, started_at, duration, objectives
// [{id, title, rating, evidences}], reports [{report, on_time}], improvements
// [{text, owner, due, requirements, expectation}]; an optional top-level
// `ended_at` (RFC 3339) overrides start + duration. Other fields of the score
// are ignored. Errors name `source` and the field ("ex.json: objectives[2].rating").
Result<assess::ExerciseResult> read_exercise_result(std::string_view text, std::string_view source,
                                                    const incident::ZoneLocator& locate);

}  // namespace vigil::exercise
