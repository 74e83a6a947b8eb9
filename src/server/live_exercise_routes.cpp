// Live exercises over HTTP, per organisation: the same
// application service as `vigil exercise start|status|pause|...`
// (application/live_exercise.h), so the clock, the log and the score are the
// command line's. The server reads the wall clock (Context::now) and names
// the caller (the signed-in user is the facilitator, observer or player).
//
// Who may do what (docs/EXERCISES.md, "Roles"; tests/server/access_test.cpp):
//   facilitator  start, pause, resume, jump, ad-hoc injects, players, end: admin, manager
//   player       open the exercise's incident, record an involvement: admin, responder
//                (and every incident route, as for a real incident)
//   observer     notes and ratings: admin, manager, compliance
//   everyone     list, status, feed, after-action report, export (the auditor reads)
// Every answer is marked EXERCISE.
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "application/live_exercise.h"
#include "core/json_input.h"
#include "core/text.h"
#include "exercise/after_action.h"
#include "exercise/duration.h"
#include "incident/record_json.h"
#include "server/app.h"
#include "server/live_exercise_routes.h"

namespace vigil::server {

namespace {

namespace app = vigil::application;
namespace ex = vigil::exercise;
using nlohmann::json;
using store::Role;

constexpr Roles kFacilitators = role_bit(Role::Admin) | role_bit(Role::Manager);
constexpr Roles kPlayers = role_bit(Role::Admin) | role_bit(Role::Responder);
constexpr Roles kObservers = role_bit(Role::Admin) | role_bit(Role::Manager) | role_bit(Role::Compliance);

// The application names the request's fields ("text", "to"); here they are
// in the body. The exercise's id, in the path, keeps its name.
Error in_body(Error error) {
  if (error.code != ErrorCode::InvalidInput || error.where == "id") return error;
  return prefixed(std::move(error), "body: ");
}
template <class T>
Result<T> in_body(Result<T> result) {
  if (result) return result;
  return tl::unexpected(in_body(std::move(result).error()));
}

store::ExerciseStore& exercises(Context& c) { return *c.services.exercises; }
std::string org(Context& c) { return std::string(c.param("org")); }
const std::string& caller(Context& c) { return c.principal->username; }

// The status every answer about one exercise carries: clock, next inject,
// incident, players and the injects delivered so far (every role's).
json status(const app::LiveExercise& live) {
  json out = app::status_json(live);
  json feed = app::feed_json(live, "");
  out["injects"] = feed["injects"];
  out["injects_delivered"] = feed["injects"].size();
  return out;
}

Response status_response(const app::LiveExercise& live, int code = 200) {
  return json_response(status(live).dump(), code);
}

Result<json> body_object(Context& c) {
  if (trim(c.request.body).empty()) return json::object();
  return parse_json(c.request.body, "body");
}

// GET /api/v1/orgs/{org}/exercises
Result<Response> list_exercises(Context& c) {
  auto rows = TRY(exercises(c).list(org(c)));
  json items = json::array();
  for (const auto& r : rows) items.push_back(app::list_item_json(r, c.now));
  return json_response(json{{"marking", "EXERCISE"}, {"exercises", items}}.dump());
}

// POST /api/v1/orgs/{org}/exercises {scenario, speed?, start?, players?}
Result<Response> start(Context& c) {
  auto reader = TRY(body_reader(c));
  auto scenario = reader.text("scenario", Presence::Required);
  auto start_text = reader.text("start", Presence::Optional);
  auto speed = reader.count("speed");
  const json* players = reader.raw("players");
  app::StartRequest request;
  request.by = caller(c);
  if (speed) request.speed = *speed;
  if (start_text) {
    auto parsed = parse_rfc3339(*start_text, "body: start");
    if (parsed) request.start = *parsed;
    else reader.add_error("start", parsed.error().message);
  }
  if (players) {
    if (!players->is_object()) {
      reader.add_error("players", R"(expected an object {"name": "role"}, e.g. {"ana": "it"})");
    } else {
      for (auto it = players->begin(); it != players->end(); ++it) {
        if (!it.value().is_string()) {
          reader.add_error("players." + excerpt(it.key()), "expected a role (it, legal, communications, ...)");
          continue;
        }
        auto p = ex::parse_player(it.key() + "=" + it.value().get<std::string>(), "body: players");
        if (p) request.players.push_back(*p);
        else reader.add_error("players." + excerpt(it.key()), p.error().message);
      }
    }
  }
  TRY(reader.finish());
  request.scenario = TRY(app::bundled_scenario_text(*scenario, "body: scenario"));
  auto live = TRY(in_body(app::start_live(exercises(c), org(c), request, c.now)));
  Response r = status_response(live, 201);
  r.set_header("Location", "/api/v1/orgs/" + org(c) + "/exercises/" + live.record.id);
  return r;
}

// GET .../exercises/{id}
Result<Response> show_exercise(Context& c) {
  return status_response(TRY(app::load_live(exercises(c), org(c), c.param("id"), c.now)));
}

Result<Response> pause(Context& c) {
  return status_response(TRY(app::pause_live(exercises(c), org(c), c.param("id"), caller(c), c.now)));
}

Result<Response> resume(Context& c) {
  return status_response(TRY(app::resume_live(exercises(c), org(c), c.param("id"), caller(c), c.now)));
}

// POST .../jump {"to"?: offset}: to the next scenario inject, or to `to`.
Result<Response> jump(Context& c) {
  auto body = TRY(body_object(c));
  JsonObjectReader reader(body, "body");
  auto to_text = reader.text("to", Presence::Optional);
  std::optional<ex::Seconds> to;
  if (to_text) {
    auto parsed = ex::parse_duration(*to_text, "body: to");
    if (parsed) to = *parsed;
    else reader.add_error("to", parsed.error().message);
  }
  TRY(reader.finish());
  return status_response(TRY(in_body(app::jump_live(exercises(c), org(c), c.param("id"), caller(c), to, c.now))));
}

// GET .../feed?as=ROLE
Result<Response> feed(Context& c) {
  auto role = c.request.query_param("as").value_or("");
  if (!role.empty()) TRY(ex::check_role(role, "as"));
  auto live = TRY(app::load_live(exercises(c), org(c), c.param("id"), c.now));
  return json_response(app::feed_json(live, role).dump());
}

// POST .../injects {text, to, channel?, title?}
Result<Response> inject(Context& c) {
  auto reader = TRY(body_reader(c));
  app::AdHocInject x;
  x.text = reader.text("text", Presence::Required).value_or("");
  x.to = reader.text_list("to", Presence::Required);
  x.channel = reader.text("channel", Presence::Optional).value_or("facilitator");
  x.title = reader.text("title", Presence::Optional).value_or("");
  TRY(reader.finish());
  auto live = TRY(in_body(app::inject_live(exercises(c), org(c), c.param("id"), caller(c), x, c.now)));
  return status_response(live, 201);
}

// POST .../players {name, role}
Result<Response> player(Context& c) {
  auto reader = TRY(body_reader(c));
  auto name = reader.text("name", Presence::Required);
  auto role = reader.text("role", Presence::Required);
  TRY(reader.finish());
  ex::Player p = TRY(ex::parse_player(*name + "=" + *role, "body: name"));
  return status_response(TRY(app::player_live(exercises(c), org(c), c.param("id"), caller(c), p, c.now)), 201);
}

// POST .../involvements {role}
Result<Response> involve(Context& c) {
  auto reader = TRY(body_reader(c));
  auto role = reader.text("role", Presence::Required);
  TRY(reader.finish());
  return status_response(
      TRY(in_body(app::involve_live(exercises(c), org(c), c.param("id"), caller(c), *role, c.now, false))), 201);
}

// POST .../notes {text}
Result<Response> note(Context& c) {
  auto reader = TRY(body_reader(c));
  auto text = reader.text("text", Presence::Required);
  TRY(reader.finish());
  return status_response(TRY(in_body(app::note_live(exercises(c), org(c), c.param("id"), caller(c), *text, c.now))),
                         201);
}

// POST .../ratings {expectation, result, text?}
Result<Response> rate(Context& c) {
  auto reader = TRY(body_reader(c));
  auto expectation = reader.text("expectation", Presence::Required);
  auto result = reader.text("result", Presence::Required);
  auto text = reader.text("text", Presence::Optional);
  TRY(reader.finish());
  return status_response(TRY(in_body(app::rate_live(exercises(c), org(c), c.param("id"), caller(c), *expectation,
                                                    *result, text.value_or(""), c.now))),
                         201);
}

// POST .../incident {title, awareness, timezone?, entity_type?, trust_service_incident?}
Result<Response> open_incident(Context& c) {
  auto reader = TRY(body_reader(c));
  app::OpenExerciseIncident request;
  request.title = reader.text("title", Presence::Required).value_or("");
  request.awareness = reader.text("awareness", Presence::Required).value_or("");
  request.timezone = reader.text("timezone", Presence::Optional).value_or("");
  request.entity_type = reader.text("entity_type", Presence::Optional).value_or("");
  request.trust_service = reader.flag("trust_service_incident");
  request.by = caller(c);
  request.by_is_typed = false;  // the signed-in account
  TRY(reader.finish());
  auto record = TRY(
      in_body(app::open_exercise_incident(exercises(c), *c.services.incidents, org(c), c.param("id"), request, c.now)));
  Response r = json_response(incident::to_json(record).dump(), 201);
  r.set_header("Location", "/api/v1/orgs/" + org(c) + "/incidents/" + record.id);
  return r;
}

// POST .../end: freezes the clock and scores the exercise.
Result<Response> end(Context& c) {
  auto live = TRY(app::end_live(exercises(c), org(c), c.param("id"), caller(c), c.now));
  auto scored = TRY(app::score_live(live, *c.services.incidents));
  json out = status(live);
  out["score"] = ex::score_json(live.scenario, scored.play, scored.score);
  return json_response(out.dump());
}

// GET .../report?format=json|html|markdown: the after-action report so far.
Result<Response> report(Context& c) {
  auto format = c.request.query_param("format").value_or("json");
  if (format != "json" && format != "html" && format != "markdown") {
    return fail(ErrorCode::InvalidInput, "format",
                "'" + excerpt(format) + "' is not valid; expected json, html or markdown");
  }
  auto live = TRY(app::load_live(exercises(c), org(c), c.param("id"), c.now));
  auto scored = TRY(app::score_live(live, *c.services.incidents));
  if (format == "json") {
    json out = ex::score_json(live.scenario, scored.play, scored.score);
    out["live"] = {{"exercise", live.record.id},
                   {"incident", live.record.incident_id.empty() ? json(nullptr) : json(live.record.incident_id)},
                   {"state", ex::to_string(live.clock().state)},
                   {"elapsed", ex::format_duration(live.elapsed_now())},
                   {"head_hash", live.record.head_hash}};
    return json_response(out.dump());
  }
  Response r;
  if (format == "markdown") {
    r.content_type = "text/markdown; charset=utf-8";
    r.body = fmt::format("Live exercise {} ({} at {})\n\n", live.record.id, ex::to_string(live.clock().state),
                         ex::format_duration(live.elapsed_now())) +
             ex::after_action_markdown(live.scenario, scored.play, scored.score);
  } else {
    r = html_report_response(ex::after_action_html(live.scenario, scored.play, scored.score));
  }
  std::string file = live.record.id + "-after-action." + (format == "html" ? "html" : "md");
  r.set_header("Content-Disposition",
               attachment_disposition(file, "after-action." + std::string(format == "html" ? "html" : "md")));
  return r;
}

// GET .../export: `vigil exercise export`.
Result<Response> export_log(Context& c) {
  auto live = TRY(app::load_live(exercises(c), org(c), c.param("id"), c.now));
  const auto exported =
      TRY(app::export_json(live, exercises(c), *c.services.incidents, org(c), c.services.seals.get()));
  Response r = json_response(exported.dump());
  r.set_header("Content-Disposition", attachment_disposition(std::string(c.param("id")) + ".json", "exercise.json"));
  return r;
}

}  // namespace

void add_live_exercise_routes(const RouteGroups& api) {
  const RouteGroup all = api.members.under("/exercises");
  const RouteGroup one = all.under("/{id}");
  all.add("GET", "", kAnyRole,
          "Live exercises of the organisation, newest first (`vigil exercise list --format json`); never "
          "counted with real incidents.",
          list_exercises)
      .answers("LiveExerciseList");
  all.command("", kFacilitators,
              "Start a live exercise from a bundled scenario on a simulated clock (facilitator): scenario, "
              "speed? (1..3600 exercise seconds per second), start? (RFC 3339), players? {name: role}; 201.",
              start, "LiveExerciseStart", "LiveExerciseStatus", {201});
  one.add("GET", "", kAnyRole,
          "One live exercise: its clock (state, speed, elapsed, exercise now with its zone), the next "
          "inject, the incident, the players and the injects delivered so far.",
          show_exercise)
      .answers("LiveExerciseStatus");
  one.command("/pause", kFacilitators, "Pause the exercise clock (facilitator).", pause, kNoBody, "LiveExerciseStatus");
  one.command("/resume", kFacilitators, "Resume the exercise clock (facilitator).", resume, kNoBody,
              "LiveExerciseStatus");
  one.command("/jump", kFacilitators,
              "Move the exercise clock forward (facilitator): to the next scenario inject, or to {\"to\": "
              "offset} (ISO 8601, e.g. PT48H).",
              jump, "LiveExerciseJump", "LiveExerciseStatus");
  one.add("GET", "/feed", kAnyRole,
          "The injects that have arrived, for one function with ?as=ROLE (it, legal, ...) or all.", feed)
      .reads("as", "Only what reaches this function (it, legal, communications, ...); default all")
      .answers("LiveExerciseFeed");
  one.command("/injects", kFacilitators,
              "Add an ad-hoc inject (facilitator): text, to (roles or \"all\"), channel?, title?; 201.", inject,
              "LiveExerciseInject", "LiveExerciseStatus", {201});
  one.command("/players", kFacilitators, "Add a player and their function (facilitator): name, role; 201.", player,
              "LiveExercisePlayer", "LiveExerciseStatus", {201});
  one.command("/incident", kPlayers,
              "Open the exercise's incident on the exercise clock (player): title, awareness (RFC 3339 or an "
              "offset such as PT40M), timezone?, entity_type? (the scenario's by default); 201. Players then "
              "use the normal incident routes on it, in exercise time.",
              open_incident, "LiveExerciseIncident", "Incident", {201});
  one.command("/involvements", kPlayers, "Record that the team brought a function in (player): role; 201.", involve,
              "LiveExerciseInvolvement", "LiveExerciseStatus", {201});
  one.command("/notes", kObservers, "Record an observer's note: text; 201.", note, "LiveExerciseNote",
              "LiveExerciseStatus", {201});
  one.command("/ratings", kObservers,
              "Record an observer's rating of an expectation (custom ones are scored only so): expectation, "
              "result met|late|missed, text?; 201.",
              rate, "LiveExerciseRating", "LiveExerciseStatus", {201});
  one.command("/end", kFacilitators,
              "End the exercise (facilitator): freeze the clock and score it with the same function as a "
              "tabletop play; the status with \"score\".",
              end, kNoBody, "LiveExerciseEnded");
  one.add("GET", "/report", kAnyRole,
          "The after-action report of the exercise so far: ?format=json (the score, as `vigil exercise "
          "score`) | html (self-contained) | markdown.",
          report)
      .reads("format", "json (default), markdown or html")
      .answers("ExerciseScore")
      .answers_media("text/html; charset=utf-8")
      .answers_media("text/markdown; charset=utf-8");
  one.add("GET", "/export", kAnyRole,
          "The exercise log, its hash chain and its incident as one verifiable JSON document (as `vigil "
          "exercise export`); 409 when the log does not verify.",
          export_log)
      .answers("LiveExerciseExport");
}

}  // namespace vigil::server
