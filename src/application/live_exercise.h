// Live exercises as one application service:
// what `vigil exercise start|status|pause|...` (src/cli/exercise_live_command.cpp)
// and the routes under /api/v1/orgs/{org}/exercises (src/server/
// live_exercise_routes.cpp) both do, written once. The adapters read the wall
// clock and name the caller; this layer opens nothing itself: it is given the
// stores and the wall-clock time (`wall`), loads the exercise, applies the
// pure clock arithmetic (exercise/sim_clock.h), appends one hash-chained entry
// (exercise/live.h) and scores with the same score() as a tabletop play.
//
// Errors name the request's fields ("text", "to", "speed"), which each
// adapter spells its way (the CLI as options, the API in the body): NotFound
// (no such exercise, naming the id), Conflict (the clock forbids it: pausing
// a paused clock, anything once ended), InvalidInput (naming the field).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "assess/exercise_results.h"
#include "core/error.h"
#include "core/time.h"
#include "exercise/live.h"
#include "exercise/play.h"
#include "exercise/scenario.h"
#include "exercise/score.h"
#include "exercise/sim_clock.h"
#include "incident/incident.h"
#include "store/chain_seals.h"
#include "store/exercise_store.h"
#include "store/incident_store.h"

namespace vigil::application {

exercise::SimClock to_sim(const store::ExerciseClock& clock);
store::ExerciseClock to_row(const exercise::SimClock& clock);

// An exercise as loaded for one request or command, at wall-clock `wall`.
struct LiveExercise {
  store::ExerciseRecord record;
  exercise::Scenario scenario;
  exercise::LiveLog log;
  Instant wall{};
  exercise::SimClock clock() const { return to_sim(record.clock); }
  exercise::Seconds elapsed_now() const { return exercise::elapsed(clock(), wall); }
  Instant now() const { return exercise::exercise_now(clock(), wall); }
};

// "ex-3" / "EX-3" -> "EX-3"; errors name `where`.
Result<std::string> canonical_exercise_id(std::string_view text, std::string_view where);

Result<LiveExercise> load_live(store::ExerciseStore& exercises, std::string_view org, std::string_view id_text,
                               Instant wall);

// A scenario's text and the name errors use (a file, or data/scenarios/x.toml).
struct ScenarioText {
  std::string text;
  std::string file;
  bool bundled = false;
};
// The bundled scenario `id`; NotFound naming `where` and listing the known ids.
Result<ScenarioText> bundled_scenario_text(std::string_view id, std::string_view where);

struct StartRequest {
  ScenarioText scenario;
  std::optional<Instant> start;  // exercise time zero; default: the scenario's start
  std::int64_t speed = 1;        // 1..exercise::kMaxSpeed
  std::vector<exercise::Player> players;
  std::string by;  // the facilitator
};
// Creates EX-n with its `started` entry. Errors: the scenario's own (file,
// line, field), the speed (naming "speed").
Result<LiveExercise> start_live(store::ExerciseStore& exercises, std::string_view org, const StartRequest& request,
                                Instant wall);

// The facilitator's steering, one log entry each.
Result<LiveExercise> pause_live(store::ExerciseStore& exercises, std::string_view org, std::string_view id,
                                const std::string& by, Instant wall);
Result<LiveExercise> resume_live(store::ExerciseStore& exercises, std::string_view org, std::string_view id,
                                 const std::string& by, Instant wall);
// To `to` (an offset), or without it to the next scenario inject (InvalidInput
// naming "to" when every inject has arrived).
Result<LiveExercise> jump_live(store::ExerciseStore& exercises, std::string_view org, std::string_view id,
                               const std::string& by, std::optional<exercise::Seconds> to, Instant wall);

struct AdHocInject {
  std::string channel = "facilitator";
  std::vector<std::string> to;  // roles, or "all"
  std::string title;
  std::string text;
};
// Whether an inject may be added (text, roles, channel), by field; the CLI
// checks it before it opens the workspace.
Result<void> check_inject(const AdHocInject& inject);
// Named "X<entry number>" (unique even when two facilitators add one at once).
Result<LiveExercise> inject_live(store::ExerciseStore& exercises, std::string_view org, std::string_view id,
                                 const std::string& by, const AdHocInject& inject, Instant wall);
Result<LiveExercise> player_live(store::ExerciseStore& exercises, std::string_view org, std::string_view id,
                                 const std::string& by, const exercise::Player& player, Instant wall);
// `by_is_typed`: a name typed on the command line, which must be a player's;
// false for the API's signed-in account.
Result<LiveExercise> involve_live(store::ExerciseStore& exercises, std::string_view org, std::string_view id,
                                  const std::string& by, const std::string& role, Instant wall, bool by_is_typed);
// An observer's note (recorded also after the end: the debrief).
Result<LiveExercise> note_live(store::ExerciseStore& exercises, std::string_view org, std::string_view id,
                               const std::string& by, const std::string& text, Instant wall);
// An observer's rating of an expectation: met | late | missed.
Result<LiveExercise> rate_live(store::ExerciseStore& exercises, std::string_view org, std::string_view id,
                               const std::string& by, const std::string& expectation, const std::string& result,
                               const std::string& text, Instant wall);
// Freezes the clock for good.
Result<LiveExercise> end_live(store::ExerciseStore& exercises, std::string_view org, std::string_view id,
                              const std::string& by, Instant wall);

// The play the exercise's records make and its score (same score() as a
// tabletop play). `play.score` points into `live.scenario`: keep `live`.
struct Scored {
  exercise::Play play;
  exercise::Score score;
};
Result<Scored> score_live(const LiveExercise& live, store::IncidentStore& incidents);

// JSON shapes shared by `--format json` and the API (docs/EXERCISES.md).
nlohmann::json clock_json(const LiveExercise& live);
nlohmann::json status_json(const LiveExercise& live);
// The injects `role` has received so far ("" = every inject: the facilitator's view).
nlohmann::json feed_json(const LiveExercise& live, std::string_view role);
nlohmann::json list_item_json(const store::ExerciseRecord& record, Instant wall);
// The exercise log, its chain and its incident as one document, each chain
// with its seal (application/verified_export.h; null when not sealed or
// `seals` is nullptr); Conflict when the log does not verify.
Result<nlohmann::json> export_json(const LiveExercise& live, store::ExerciseStore& exercises,
                                   store::IncidentStore& incidents, std::string_view org,
                                   store::SealRecords* seals = nullptr);

// "Now" for an incident: `wall` for a real incident, the exercise clock for
// an exercise incident. `write`: Conflict once the exercise ended.
Result<Instant> incident_now(store::ExerciseStore& exercises, std::string_view org, std::string_view incident_id,
                             Instant wall, bool write);

// The team's entry on an exercise's incident must pass
// exercise::check_live_entry (a player's, not before the exercise started);
// for a real incident `next` comes back unchanged. Errors name `where_by`
// (who; "" = the signed-in account, not checked) and `where_time` (the
// moment the entry claims).
Result<store::NextEntry> guard_exercise_entry(store::ExerciseStore& exercises, std::string_view org,
                                              std::string_view incident_id, store::NextEntry next,
                                              std::string_view where_by, std::string_view where_time);

// The exercise a new incident is opened in: exists, has no incident yet, has
// not ended. Errors name `where`.
struct ExerciseForIncident {
  std::string id;
  exercise::Scenario scenario;
  Instant now{};
  Instant origin{};
};
Result<ExerciseForIncident> exercise_for_new_incident(store::ExerciseStore& exercises, std::string_view org,
                                                      std::string_view exercise_text, Instant wall,
                                                      std::string_view where);

// Opens the exercise's incident on the exercise clock. Defaults from the
// scenario: time zone, entity type, trust-service flag. `awareness` is RFC 3339
// or an offset on the exercise clock ("PT40M"). Errors name the fields ("awareness", "by", "title", ...) and "id" for
// the exercise.
struct OpenExerciseIncident {
  std::string title;
  std::string awareness;
  std::string timezone;     // "" = the scenario's
  std::string entity_type;  // "" = the scenario's
  bool trust_service = false;
  std::string by;
  // A name typed on the command line is checked against the players; the
  // API's `by` is the signed-in account (exercise::check_live_entry).
  bool by_is_typed = true;
};
Result<incident::Incident> open_exercise_incident(store::ExerciseStore& exercises, store::IncidentStore& incidents,
                                                  std::string_view org, std::string_view exercise_id,
                                                  const OpenExerciseIncident& request, Instant wall);

// Documented versus performed from the workspace: the result of every ended
// exercise of `org` (exercise::exercise_result of its score, dated the day
// the facilitator ended it in the scenario's time zone, source "EX-n"), for
// assess::add_exercise_results exactly as `vigil gap --exercises FILE` reads
// them. Running exercises are not results yet.
Result<std::vector<assess::ExerciseResult>> ended_exercise_results(store::ExerciseStore& exercises,
                                                                   store::IncidentStore& incidents,
                                                                   std::string_view org, Instant wall);

}  // namespace vigil::application
