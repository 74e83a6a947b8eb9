#include "application/live_exercise.h"

#include <fmt/format.h>

#include "application/verified_export.h"
#include "core/sha256.h"
#include "core/text.h"
#include "exercise/bundled.h"
#include "exercise/duration.h"
#include "exercise/results.h"
#include "incident/deadlines.h"
#include "incident/event_log.h"
#include "incident/export.h"
#include "tzdata/zones.h"

namespace vigil::application {

namespace {

using nlohmann::json;
using namespace vigil::exercise;
using store::ExerciseChange;

Result<void> require_by(const std::string& by) {
  if (is_blank(by)) return invalid("by", "required: who does it");
  TRY(require_safe_text(by, "by"));
  return {};
}

Result<Scenario> scenario_of(const store::ExerciseRecord& r) {
  return parse_scenario(r.scenario_text, r.scenario_source, tzdata::locate);
}

std::string local_time(Instant at, const Scenario& s) {
  return s.zone ? incident::format_local(at, *s.zone) : format_utc(at);
}

Result<void> not_ended(const store::ExerciseRecord& r, std::string_view what) {
  if (r.clock.state == "ended") {
    return fail(ErrorCode::Conflict, std::string(what), "the exercise has ended; its record is closed");
  }
  return {};
}

// One write: `change` sees the exercise as loaded and as it stands inside the
// write transaction; the answer is the exercise after it, log re-read.
using Change = std::function<Result<ExerciseChange>(const LiveExercise&, const store::ExerciseRecord&)>;

Result<LiveExercise> write(store::ExerciseStore& exercises, std::string_view org, std::string_view id,
                           const std::string& by, Instant wall, const Change& change) {
  TRY(require_by(by));
  LiveExercise live = TRY(load_live(exercises, org, id, wall));
  live.record = TRY(exercises.append(org, live.record.id,
                                     [&](const store::ExerciseRecord& current) { return change(live, current); }));
  auto entries = TRY(exercises.entries(org, live.record.id));
  live.log = TRY(read_live_log(entries));
  return live;
}

ExerciseChange clock_change(std::string_view kind, const std::string& by, Instant wall, const SimClock& next,
                            const json& fields = json::object()) {
  return ExerciseChange{live_entry(kind, by, wall, elapsed(next, wall), fields), to_row(next)};
}

ExerciseChange log_change(std::string_view kind, const std::string& by, Instant wall, const store::ExerciseRecord& r,
                          const json& fields) {
  return ExerciseChange{live_entry(kind, by, wall, elapsed(to_sim(r.clock), wall), fields), std::nullopt};
}

json players_json(const LiveLog& log) {
  json out = json::object();
  for (const auto& p : log.players) out[p.name] = p.role;
  return out;
}

}  // namespace

SimClock to_sim(const store::ExerciseClock& c) {
  auto state = parse_clock_state(c.state, "clock_state");
  return SimClock{c.origin,
                  c.speed,
                  Seconds{c.duration_s},
                  c.anchor_wall,
                  Seconds{c.anchor_elapsed_s},
                  state ? *state : ClockState::Ended};
}

store::ExerciseClock to_row(const SimClock& c) {
  return store::ExerciseClock{
      c.speed, c.origin, c.duration.count(), c.anchor_wall, c.anchor_elapsed.count(), std::string(to_string(c.state))};
}

Result<std::string> canonical_exercise_id(std::string_view text, std::string_view where) {
  return store::exercise_id(TRY(store::parse_exercise_id(text, where)));
}

Result<LiveExercise> load_live(store::ExerciseStore& exercises, std::string_view org, std::string_view id_text,
                               Instant wall) {
  std::string id = TRY(canonical_exercise_id(id_text, "id"));
  LiveExercise live;
  live.wall = wall;
  live.record = TRY(exercises.load(org, id));
  live.scenario = TRY(scenario_of(live.record));
  auto entries = TRY(exercises.entries(org, id));
  live.log = TRY(read_live_log(entries));
  return live;
}

Result<ScenarioText> bundled_scenario_text(std::string_view id, std::string_view where) {
  std::string known;
  for (const auto& b : bundled_scenarios()) {
    Scenario s = TRY(parse_scenario(b.text, b.file, tzdata::locate));
    if (s.id == id) return ScenarioText{std::string(b.text), std::string(b.file), true};
    known += (known.empty() ? "" : ", ") + s.id;
  }
  return fail(ErrorCode::NotFound, std::string(where),
              fmt::format("no bundled scenario '{}'; known: {}", excerpt(id), known));
}

Result<LiveExercise> start_live(store::ExerciseStore& exercises, std::string_view org, const StartRequest& request,
                                Instant wall) {
  TRY(require_by(request.by));
  Scenario scenario = TRY(parse_scenario(request.scenario.text, request.scenario.file, tzdata::locate));
  Instant origin = request.start.value_or(scenario.start);
  SimClock clock = TRY(start_clock(origin, request.speed, scenario.duration, wall));
  json players = json::object();
  for (const auto& p : request.players) {
    TRY(require_safe_text(p.name, "players"));
    players[p.name] = p.role;
  }
  store::NewExercise x{scenario.id,
                       request.scenario.file,
                       sha256_hex(request.scenario.text),
                       request.scenario.text,
                       request.scenario.bundled,
                       to_row(clock),
                       request.by,
                       wall};
  json fields{{"scenario", scenario.id},
              {"scenario_sha256", x.scenario_sha256},
              {"source", request.scenario.file},
              {"bundled", request.scenario.bundled},
              {"origin", format_utc(origin)},
              {"speed", request.speed},
              {"players", players}};
  LiveExercise live;
  live.record = TRY(exercises.start(org, x, live_entry("started", request.by, wall, Seconds{0}, fields)));
  live.scenario = std::move(scenario);
  live.wall = wall;
  auto entries = TRY(exercises.entries(org, live.record.id));
  live.log = TRY(read_live_log(entries));
  return live;
}

Result<LiveExercise> pause_live(store::ExerciseStore& exercises, std::string_view org, std::string_view id,
                                const std::string& by, Instant wall) {
  return write(exercises, org, id, by, wall,
               [&](const LiveExercise&, const store::ExerciseRecord& r) -> Result<ExerciseChange> {
                 return clock_change("paused", by, wall, TRY(pause(to_sim(r.clock), wall)));
               });
}

Result<LiveExercise> resume_live(store::ExerciseStore& exercises, std::string_view org, std::string_view id,
                                 const std::string& by, Instant wall) {
  return write(exercises, org, id, by, wall,
               [&](const LiveExercise&, const store::ExerciseRecord& r) -> Result<ExerciseChange> {
                 return clock_change("resumed", by, wall, TRY(resume(to_sim(r.clock), wall)));
               });
}

Result<LiveExercise> jump_live(store::ExerciseStore& exercises, std::string_view org, std::string_view id,
                               const std::string& by, std::optional<Seconds> to, Instant wall) {
  return write(exercises, org, id, by, wall,
               [&](const LiveExercise& live, const store::ExerciseRecord& r) -> Result<ExerciseChange> {
                 SimClock c = to_sim(r.clock);
                 Seconds from = elapsed(c, wall);
                 Seconds target{0};
                 if (to) {
                   target = *to;
                 } else {
                   const Inject* next = next_inject(live.scenario, from);
                   if (!next) {
                     return invalid(
                         "to", "every scenario inject has arrived; give the exercise time to move on to (e.g. PT48H)");
                   }
                   target = next->at;
                 }
                 SimClock next = TRY(jump_to(c, wall, target, "to"));
                 return clock_change("jumped", by, wall, next, json{{"from", format_duration(from)}});
               });
}

Result<void> check_inject(const AdHocInject& inject) {
  if (is_blank(inject.text)) return invalid("text", "required: what the addressees receive");
  TRY(require_safe_text(inject.text, "text", true));
  TRY(require_safe_text(inject.title, "title"));
  TRY(require_safe_text(inject.channel, "channel"));
  if (inject.to.empty()) return invalid("to", "required: the roles that receive it, or all");
  for (const auto& to : inject.to) {
    if (to != "all") TRY(check_role(to, "to"));
  }
  if (is_blank(inject.channel)) {
    return invalid("channel", "must not be empty (e.g. email, phone, press)");
  }
  return {};
}

Result<LiveExercise> inject_live(store::ExerciseStore& exercises, std::string_view org, std::string_view id,
                                 const std::string& by, const AdHocInject& inject, Instant wall) {
  TRY(check_inject(inject));
  return write(exercises, org, id, by, wall,
               [&](const LiveExercise&, const store::ExerciseRecord& r) -> Result<ExerciseChange> {
                 TRY(not_ended(r, "inject"));
                 std::string inject_id = fmt::format("X{}", r.event_count + 1);
                 return log_change("inject", by, wall, r,
                                   json{{"id", inject_id},
                                        {"channel", inject.channel},
                                        {"to", inject.to},
                                        {"title", inject.title},
                                        {"text", inject.text}});
               });
}

Result<LiveExercise> player_live(store::ExerciseStore& exercises, std::string_view org, std::string_view id,
                                 const std::string& by, const Player& player, Instant wall) {
  TRY(require_safe_text(player.name, "name"));
  return write(exercises, org, id, by, wall,
               [&](const LiveExercise&, const store::ExerciseRecord& r) -> Result<ExerciseChange> {
                 if (to_sim(r.clock).state == ClockState::Ended)
                   return fail(ErrorCode::Conflict, "player", "the exercise has ended");
                 return log_change("player", by, wall, r, json{{"name", player.name}, {"role", player.role}});
               });
}

Result<LiveExercise> involve_live(store::ExerciseStore& exercises, std::string_view org, std::string_view id,
                                  const std::string& by, const std::string& role, Instant wall, bool by_is_typed) {
  TRY(check_role(role, "role"));
  return write(exercises, org, id, by, wall,
               [&](const LiveExercise& live, const store::ExerciseRecord& r) -> Result<ExerciseChange> {
                 TRY(not_ended(r, "involve"));
                 if (by_is_typed) TRY(check_player(live.log, by, "by"));
                 return log_change("involved", by, wall, r, json{{"role", role}});
               });
}

Result<LiveExercise> note_live(store::ExerciseStore& exercises, std::string_view org, std::string_view id,
                               const std::string& by, const std::string& text, Instant wall) {
  if (is_blank(text)) return invalid("text", "required: what the observer saw");
  TRY(require_safe_text(text, "text", true));
  return write(exercises, org, id, by, wall,
               [&](const LiveExercise&, const store::ExerciseRecord& r) -> Result<ExerciseChange> {
                 return log_change("note", by, wall, r, json{{"text", text}});
               });
}

Result<LiveExercise> rate_live(store::ExerciseStore& exercises, std::string_view org, std::string_view id,
                               const std::string& by, const std::string& expectation, const std::string& result,
                               const std::string& text, Instant wall) {
  if (result != "met" && result != "late" && result != "missed") {
    return invalid("result", fmt::format("'{}' is not a rating; expected met, late or missed", excerpt(result)));
  }
  TRY(require_safe_text(text, "text", true));
  return write(
      exercises, org, id, by, wall,
      [&](const LiveExercise& live, const store::ExerciseRecord& r) -> Result<ExerciseChange> {
        if (!live.scenario.find_expectation(expectation)) {
          std::vector<std::string> ids;
          for (const auto& e : live.scenario.expectations) ids.push_back(e.id);
          std::vector<std::string_view> views(ids.begin(), ids.end());
          auto near = nearest(expectation, views);
          std::string message =
              fmt::format("'{}' is not an expectation of scenario {}", excerpt(expectation), live.scenario.id);
          if (!near.empty()) return invalid("expectation", message + "; did you mean " + or_list(near) + "?");
          return fail(ErrorCode::InvalidInput, "expectation", message, {HintKind::ShowScenario, live.scenario.id});
        }
        return log_change("rated", by, wall, r, json{{"expectation", expectation}, {"result", result}, {"text", text}});
      });
}

Result<LiveExercise> end_live(store::ExerciseStore& exercises, std::string_view org, std::string_view id,
                              const std::string& by, Instant wall) {
  return write(exercises, org, id, by, wall,
               [&](const LiveExercise&, const store::ExerciseRecord& r) -> Result<ExerciseChange> {
                 return clock_change("ended", by, wall, TRY(exercise::end(to_sim(r.clock), wall)));
               });
}

Result<Scored> score_live(const LiveExercise& live, store::IncidentStore& incidents) {
  std::optional<incident::Incident> record;
  std::vector<incident::Event> incident_entries;
  if (!live.record.incident_id.empty()) {
    incident_entries = TRY(incidents.events(live.record.org, live.record.incident_id));
    record = TRY(incident::replay(incident_entries, tzdata::zones()));
  }
  Scored out;
  out.play = live_play(live.log, record ? &*record : nullptr, incident_entries, live.record.clock.origin);
  // An ended exercise is scored to where its clock stopped (an early end
  // leaves what was due later not evaluated); one under way, over its duration.
  if (live.clock().state == ClockState::Ended) out.play.ended_at = live.elapsed_now();
  out.score = TRY(score(live.scenario, out.play));
  return out;
}

json clock_json(const LiveExercise& live) {
  SimClock c = live.clock();
  Seconds at = elapsed(c, live.wall);
  Instant now_at = exercise_now(c, live.wall);
  return json{{"state", to_string(c.state)},
              {"speed", c.speed},
              {"elapsed", format_duration(at)},
              {"duration", format_duration(c.duration)},
              {"at_end", at_end(c, live.wall)},
              {"now", format_utc(now_at)},
              {"now_local", local_time(now_at, live.scenario)},
              {"origin", format_utc(c.origin)}};
}

json status_json(const LiveExercise& live) {
  const Inject* next =
      live.clock().state == ClockState::Ended ? nullptr : next_inject(live.scenario, live.elapsed_now());
  return json{{"marking", "EXERCISE"},
              {"exercise", live.record.id},
              {"scenario",
               {{"id", live.record.scenario_id},
                {"title", live.scenario.title},
                {"source", live.record.scenario_source},
                {"bundled", live.record.bundled},
                {"sha256", live.record.scenario_sha256}}},
              {"clock", clock_json(live)},
              {"next_inject", next ? json{{"id", next->id}, {"at", format_duration(next->at)}} : json(nullptr)},
              {"incident", live.record.incident_id.empty() ? json(nullptr) : json(live.record.incident_id)},
              {"players", players_json(live.log)},
              {"started_by", live.record.started_by},
              {"started_at", format_utc(live.record.started_at)},
              {"entries", live.record.event_count},
              {"head_hash", live.record.head_hash}};
}

json feed_json(const LiveExercise& live, std::string_view role) {
  Seconds at = live.elapsed_now();
  json list = json::array();
  for (const auto& i : feed(live.scenario, live.log, at, role)) {
    Instant when = live.record.clock.origin + i.at;
    list.push_back({{"id", i.id},
                    {"at", format_duration(i.at)},
                    {"time", format_utc(when)},
                    {"local", local_time(when, live.scenario)},
                    {"channel", i.channel},
                    {"to", i.to},
                    {"title", i.title},
                    {"text", i.text},
                    {"ad_hoc", i.ad_hoc}});
  }
  return json{{"marking", "EXERCISE"},
              {"exercise", live.record.id},
              {"as", role.empty() ? json(nullptr) : json(role)},
              {"elapsed", format_duration(at)},
              {"injects", list}};
}

json list_item_json(const store::ExerciseRecord& r, Instant wall) {
  SimClock c = to_sim(r.clock);
  return json{{"exercise", r.id},
              {"scenario", r.scenario_id},
              {"state", to_string(c.state)},
              {"elapsed", format_duration(elapsed(c, wall))},
              {"speed", c.speed},
              {"incident", r.incident_id.empty() ? json(nullptr) : json(r.incident_id)},
              {"started_by", r.started_by},
              {"started_at", format_utc(r.started_at)}};
}

Result<json> export_json(const LiveExercise& live, store::ExerciseStore& exercises, store::IncidentStore& incidents,
                         std::string_view org, store::SealRecords* seals) {
  auto entries = TRY(exercises.entries(org, live.record.id));
  if (auto broken = incident::verify_chain(entries)) {
    return fail(ErrorCode::Conflict, fmt::format("{} entry {}", live.record.id, broken->seq),
                broken->reason + "; the exercise log is damaged, not exporting it");
  }
  json list = json::array();
  for (const auto& e : entries) {
    list.push_back({{"seq", e.seq},
                    {"kind", e.kind},
                    {"actor", e.actor},
                    {"at", format_utc(e.at)},
                    {"payload", json::parse(e.payload)},
                    {"prev", e.prev_hash},
                    {"hash", e.hash}});
  }
  json incident_export = nullptr;
  if (!live.record.incident_id.empty()) {
    incident_export = TRY(export_incident(incidents, seals, org, live.record.incident_id, live.wall));
  }
  json seal = nullptr;
  if (seals) {
    if (auto stored = TRY(seals->seal(store::exercise_chain(org, live.record.id)))) seal = to_json(*stored);
  }
  return json{{"format", "vigil-exercise-export/1"},
              {"marking", "EXERCISE"},
              {"organisation", org},
              {"exercise",
               {{"id", live.record.id},
                {"scenario", live.record.scenario_id},
                {"scenario_source", live.record.scenario_source},
                {"bundled", live.record.bundled},
                {"scenario_sha256", live.record.scenario_sha256},
                {"scenario_text", live.record.scenario_text},
                {"clock", clock_json(live)},
                {"started_by", live.record.started_by},
                {"started_at", format_utc(live.record.started_at)}}},
              {"entries", list},
              {"chain_head", {{"seq", live.record.event_count}, {"hash", live.record.head_hash}}},
              {"seal", seal},
              {"incident", incident_export},
              {"exported_at", format_utc(live.wall)},
              {"verification",
               "Each entry's hash is the SHA-256 of {actor, at, incident, kind, org, payload, prev, seq} as in "
               "docs/INCIDENTS.md, with incident = the exercise id; the incident has its own export inside."}};
}

Result<Instant> incident_now(store::ExerciseStore& exercises, std::string_view org, std::string_view incident_id,
                             Instant wall, bool write) {
  auto exercise = TRY(exercises.exercise_of_incident(org, incident_id));
  if (!exercise) return wall;
  auto record = TRY(exercises.load(org, *exercise));
  SimClock clock = to_sim(record.clock);
  if (write && clock.state == ClockState::Ended) {
    return fail(ErrorCode::Conflict, std::string(incident_id),
                fmt::format("is the incident of exercise {}, which has ended; its record is closed", *exercise));
  }
  return exercise_now(clock, wall);
}

Result<store::NextEntry> guard_exercise_entry(store::ExerciseStore& exercises, std::string_view org,
                                              std::string_view incident_id, store::NextEntry next,
                                              std::string_view where_by, std::string_view where_time) {
  auto exercise = TRY(exercises.exercise_of_incident(org, incident_id));
  if (!exercise) return next;
  auto record = TRY(exercises.load(org, *exercise));
  LiveLog log = TRY(read_live_log(TRY(exercises.entries(org, *exercise))));
  return store::NextEntry(
      [next = std::move(next), log = std::move(log), origin = record.clock.origin, where_by = std::string(where_by),
       where_time = std::string(where_time)](const incident::Incident& before) -> Result<incident::EventDraft> {
        incident::EventDraft draft = TRY(next(before));
        TRY(check_live_entry(log, before, draft, origin, where_by, where_time, tzdata::zones()));
        return draft;
      });
}

Result<ExerciseForIncident> exercise_for_new_incident(store::ExerciseStore& exercises, std::string_view org,
                                                      std::string_view exercise_text, Instant wall,
                                                      std::string_view where) {
  std::string id = TRY(canonical_exercise_id(exercise_text, where));
  auto loaded = exercises.load(org, id);
  if (!loaded) {
    return fail(ErrorCode::NotFound, std::string(where), fmt::format("no exercise {}", id),
                {HintKind::ListExercises, {}});
  }
  if (!loaded->incident_id.empty()) {
    return fail(ErrorCode::Conflict, std::string(where),
                fmt::format("exercise {} already has its incident, {}", id, loaded->incident_id));
  }
  SimClock clock = to_sim(loaded->clock);
  if (clock.state == ClockState::Ended) {
    return fail(ErrorCode::Conflict, std::string(where), fmt::format("exercise {} has ended", id));
  }
  Scenario scenario = TRY(scenario_of(*loaded));
  return ExerciseForIncident{id, std::move(scenario), exercise_now(clock, wall), clock.origin};
}

Result<incident::Incident> open_exercise_incident(store::ExerciseStore& exercises, store::IncidentStore& incidents,
                                                  std::string_view org, std::string_view exercise_id,
                                                  const OpenExerciseIncident& request, Instant wall) {
  ExerciseForIncident exercise = TRY(exercise_for_new_incident(exercises, org, exercise_id, wall, "id"));
  const Scenario& scenario = exercise.scenario;
  LiveLog log = TRY(read_live_log(TRY(exercises.entries(org, exercise.id))));
  if (request.by_is_typed) TRY(check_player(log, request.by, "by"));
  const std::string where = "awareness";
  Instant awareness{};
  if (request.awareness.starts_with("P") || request.awareness.starts_with("p")) {
    awareness = exercise.origin + TRY(parse_duration(request.awareness, where));
  } else {
    awareness = TRY(parse_rfc3339(request.awareness, where));
  }
  incident::OpenRequest open{request.title,
                             awareness,
                             request.timezone.empty() ? scenario.timezone : request.timezone,
                             request.entity_type.empty() ? scenario.entity_type : request.entity_type,
                             request.trust_service || scenario.trust_service_incident,
                             request.by,
                             exercise.now,
                             std::nullopt,
                             exercise.id};
  auto draft = TRY(incident::open_incident(open, tzdata::zones()));
  return incidents.open_incident(org, draft);
}

Result<std::vector<assess::ExerciseResult>> ended_exercise_results(store::ExerciseStore& exercises,
                                                                   store::IncidentStore& incidents,
                                                                   std::string_view org, Instant wall) {
  std::vector<assess::ExerciseResult> out;
  auto rows = TRY(exercises.list(org));
  // Oldest first: on equal end dates the later given counts (assess/exercise_results.h).
  for (auto it = rows.rbegin(); it != rows.rend(); ++it) {
    if (it->clock.state != "ended") continue;
    LiveExercise live = TRY(load_live(exercises, org, it->id, wall));
    Scored scored = TRY(score_live(live, incidents));
    // An ended clock is anchored at the wall-clock moment it was ended.
    out.push_back(exercise_result(live.scenario, scored.score, live.record.id, live.record.clock.anchor_wall));
  }
  return out;
}

}  // namespace vigil::application
