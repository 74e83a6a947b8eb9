// Exercises over HTTP, stateless, for any signed-in user: the bundled
// scenarios and the scoring of a tabletop play, the same JSON as `vigil
// exercise scenarios | show | score --format json` (exercise/after_action.h)
// and the same pure `score()`. The scenarios are compiled into the binary, so
// nothing here touches storage. Every answer is marked EXERCISE.
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/json_input.h"
#include "core/text.h"
#include "exercise/after_action.h"
#include "exercise/bundled.h"
#include "exercise/play.h"
#include "exercise/scenario.h"
#include "exercise/score.h"
#include "server/app.h"
#include "tzdata/zones.h"

namespace vigil::server {

namespace {

namespace ex = vigil::exercise;
using nlohmann::json;

Result<std::vector<ex::Scenario>> bundled() {
  std::vector<ex::Scenario> out;
  for (const auto& b : ex::bundled_scenarios()) out.push_back(TRY(ex::parse_scenario(b.text, b.file, tzdata::locate)));
  return out;
}

Result<ex::Scenario> find_bundled(std::string_view id, std::string_view where) {
  auto all = TRY(bundled());
  std::string known;
  for (auto& s : all) {
    if (s.id == id) return std::move(s);
    known += (known.empty() ? "" : ", ") + s.id;
  }
  return fail(ErrorCode::NotFound, std::string(where),
              fmt::format("no bundled scenario '{}'; known: {}", excerpt(id), known));
}

// The play's paths as JSON paths: "actions[3]: at" -> "actions[3].at".
Error dotted(Error error) {
  std::string& path = error.where;
  for (std::size_t at = path.find(": "); at != std::string::npos; at = path.find(": ", at)) path.replace(at, 2, ".");
  for (Error& e : error.more) e = dotted(std::move(e));
  return error;
}

// The play's paths as the body names them: "actions[3]: at" -> "body: play.actions[3].at".
Error in_play(Error error) { return prefixed(dotted(std::move(error)), "body: play."); }

// GET /api/v1/exercise/scenarios: `vigil exercise scenarios --format json`.
Result<Response> list(Context&) { return json_response(ex::scenario_list_json(TRY(bundled())).dump()); }

// GET /api/v1/exercise/scenarios/{id}: `vigil exercise show ID --format json`.
Result<Response> show(Context& c) {
  return json_response(ex::scenario_json(TRY(find_bundled(c.param("id"), "id"))).dump());
}

// POST /api/v1/exercise/score[?format=html] {"scenario": ID, "play": {...}}:
// `vigil exercise score --scenario ID --play play.json --format json|html`.
Result<Response> score(Context& c) {
  auto format = c.request.query_param("format").value_or("json");
  if (format != "json" && format != "html") {
    return fail(ErrorCode::InvalidInput, "format", "'" + excerpt(format) + "' is not valid; expected json or html");
  }
  auto body = TRY(parse_json(c.request.body, "body"));
  if (!body.is_object() || body.size() != 2 || !body.contains("scenario") || !body["scenario"].is_string() ||
      !body.contains("play") || !body["play"].is_object()) {
    return invalid("body",
                   R"(expected {"scenario": "<bundled scenario id>", "play": {"players": {...}, "actions": [...]}})");
  }
  ex::Scenario scenario = TRY(find_bundled(body["scenario"].get<std::string>(), "body: scenario"));
  auto play = ex::parse_play(body["play"].dump(), "");
  if (!play) return tl::unexpected(in_play(play.error()));
  auto scored = ex::score(scenario, *play);
  if (!scored) return tl::unexpected(in_play(scored.error()));
  if (format == "json") return json_response(ex::score_json(scenario, *play, *scored).dump());
  return html_report_response(ex::after_action_html(scenario, *play, *scored));
}

}  // namespace

void add_exercise_routes(const RouteGroups& api) {
  api.signed_in
      .add("GET", "/exercise/scenarios",
           "The bundled exercise scenarios (`vigil exercise scenarios --format json`): id, title, entity type, "
           "duration and counts.",
           list)
      .answers("ExerciseScenarioList");
  api.signed_in
      .add("GET", "/exercise/scenarios/{id}",
           "One bundled scenario (`vigil exercise show ID --format json`): objectives, injects with their offsets "
           "and the significance verdict at each, expectations with their windows; unknown ids 404.",
           show)
      .answers("ExerciseScenario");
  api.signed_in
      .add("POST", "/exercise/score",
           "Score a tabletop play against a bundled scenario (`vigil exercise score --format json`); "
           "?format=html answers the self-contained after-action report. Errors in the play name their field "
           "(body: play.actions[3].at).",
           score)
      .reads("format", "json (default) or html")
      .takes("ExerciseScoreRequest")
      .answers("ExerciseScore")
      .answers_media("text/html; charset=utf-8");
}

}  // namespace vigil::server
