// `vigil exercise start|status|pause|resume|jump|feed|player|inject|involve|
// note|rate|end|list|report|export`: live exercises on a simulated clock
// (docs/EXERCISES.md, "Live exercises"). This file reads the wall clock (at
// the edge, `now()`, VIGIL_NOW in tests), opens the stores and renders; the
// clock arithmetic is exercise/sim_clock.h, the log and the play are
// exercise/live.h, the scoring is the same score() as a tabletop run.
// Every output is marked EXERCISE.
#include <memory>
#include <optional>

#include <CLI/CLI.hpp>
#include <date/tz.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/exercise_live.h"
#include "cli/output.h"
#include "cli/workspace.h"
#include "core/sha256.h"
#include "core/text.h"
#include "exercise/after_action.h"
#include "exercise/live.h"
#include "exercise/score.h"
#include "exercise/sim_clock.h"
#include "incident/deadlines.h"
#include "incident/export.h"
#include "store/exercise_store.h"

namespace vigil::cli {
namespace {

using nlohmann::json;
using namespace vigil::exercise;
using store::ExerciseChange;

struct LiveCommon {
  std::string db = "vigil.db";
  std::string org;
  Format format = Format::Text;
  std::string by;
};

void add_live_common(CLI::App& command, LiveCommon& common, bool write, bool all_formats = false) {
  command.add_option("--db", common.db, "Workspace database (SQLite file or postgres:// URL); default ./vigil.db")
      ->envname("VIGIL_DB")
      ->option_text("PATH");
  command.add_option("--org", common.org, "Organisation (needed when the workspace holds several)")
      ->envname("VIGIL_ORG")
      ->option_text("ORG");
  add_format_option(command, common.format, all_formats);
  if (write) command.add_option("--by", common.by, "Who does it (the facilitator, an observer, a player)");
}

Result<void> require_by(const LiveCommon& common, std::string_view what) {
  if (trim(common.by).empty()) return invalid("--by", fmt::format("required: {}", what));
  return {};
}

Result<void> text_or_json(const LiveCommon& common) {
  if (common.format == Format::Text || common.format == Format::Json) return {};
  return invalid("--format", "this command writes text or json");
}

SimClock to_sim(const store::ExerciseClock& c) {
  auto state = parse_clock_state(c.state, "clock_state");
  return SimClock{c.origin, c.speed, Seconds{c.duration_s}, c.anchor_wall, Seconds{c.anchor_elapsed_s},
                  state ? *state : ClockState::Ended};
}

store::ExerciseClock to_row(const SimClock& c) {
  return store::ExerciseClock{c.speed, c.origin, c.duration.count(), c.anchor_wall, c.anchor_elapsed.count(),
                              std::string(to_string(c.state))};
}

// An exercise opened for a command: its workspace, record, scenario and log.
struct Live {
  Workspace workspace;
  std::unique_ptr<store::ExerciseStore> store;
  store::ExerciseRecord record;
  Scenario scenario;
  LiveLog log;
  Instant wall{};
  SimClock clock() const { return to_sim(record.clock); }
  Seconds elapsed_now() const { return elapsed(clock(), wall); }
};

Result<std::string> canonical_exercise_id(const std::string& text) {
  return store::exercise_id(TRY(store::parse_exercise_id(text, "EXERCISE")));
}

Result<Scenario> scenario_of(const store::ExerciseRecord& r) {
  return parse_scenario(r.scenario_text, r.scenario_source, locate_zone);
}

Result<Live> open_live(const LiveCommon& common, const std::string& id_text) {
  std::string id = TRY(canonical_exercise_id(id_text));
  Live live;
  live.wall = TRY(now());
  live.workspace = TRY(open_workspace(WorkspaceChoice{common.db, common.org}, WorkspaceAccess::MustExist));
  live.store = TRY(store::open_exercises(live.workspace.location));
  live.record = TRY(live.store->load(live.workspace.org, id));
  live.scenario = TRY(scenario_of(live.record));
  auto entries = TRY(live.store->entries(live.workspace.org, id));
  live.log = TRY(read_live_log(entries));
  return live;
}

std::string local_time(Instant at, const Scenario& s) { return s.zone ? incident::format_local(at, *s.zone) : format_utc(at); }

json clock_json(const Live& live) {
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

json players_json(const LiveLog& log) {
  json out = json::object();
  for (const auto& p : log.players) out[p.name] = p.role;
  return out;
}

json status_json(const Live& live) {
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
              {"head_hash", live.record.head_hash},
              {"workspace", live.workspace.location},
              {"organisation", live.workspace.org}};
}

std::string status_text(const Live& live) {
  SimClock c = live.clock();
  Seconds at = elapsed(c, live.wall);
  Instant now_at = exercise_now(c, live.wall);
  std::string out = fmt::format("EXERCISE {} — {}: {}\n", live.record.id, live.record.scenario_id, live.scenario.title);
  out += fmt::format("Clock: {} at {}x, exercise time {} of {}{} — {} ({})\n", to_string(c.state), c.speed,
                     format_duration(at), format_duration(c.duration), at_end(c, live.wall) ? " (the end)" : "",
                     local_time(now_at, live.scenario), format_utc(now_at));
  if (c.state == ClockState::Ended) {
    out += "Next inject: none (the exercise has ended)\n";
  } else if (const Inject* next = next_inject(live.scenario, at)) {
    out += fmt::format("Next inject: {} at {} (in {} of exercise time)\n", next->id, format_duration(next->at),
                       format_duration(next->at - at));
  } else {
    out += "Next inject: none (every scenario inject has arrived)\n";
  }
  out += live.record.incident_id.empty()
             ? fmt::format("Incident: not opened yet (the team opens it with 'vigil incident open --exercise {} ...')\n",
                           live.record.id)
             : fmt::format("Incident: {} (EXERCISE; not in the real incident list)\n", live.record.incident_id);
  std::string players;
  for (const auto& p : live.log.players) players += (players.empty() ? "" : ", ") + fmt::format("{} ({})", p.name, p.role);
  out += fmt::format("Players: {}\n", players.empty() ? "none yet" : players);
  out += fmt::format("Log: {} {}, head {}\n", live.record.event_count, live.record.event_count == 1 ? "entry" : "entries",
                     live.record.head_hash.substr(0, 16));
  return terminal_text(out);
}

int print_status(const Live& live, const LiveCommon& common, std::string_view verb = "") {
  if (common.format == Format::Json) {
    json out = status_json(live);
    if (!verb.empty()) out["done"] = verb;
    print(out.dump(2) + "\n");
  } else {
    print((verb.empty() ? std::string() : terminal_text(fmt::format("{} {}.\n", verb, live.record.id))) +
          status_text(live));
  }
  return 0;
}

// One write through the store: `change` sees the exercise as it stands in
// the write transaction and the wall clock; the output is the new status.
using Change = std::function<Result<ExerciseChange>(const Live&, const store::ExerciseRecord&)>;

Result<int> write(const LiveCommon& common, const std::string& id_text, std::string_view verb, const Change& change,
                  std::string_view by_what) {
  TRY(require_by(common, by_what));
  TRY(text_or_json(common));
  Live live = TRY(open_live(common, id_text));
  live.record = TRY(live.store->append(live.workspace.org, live.record.id, [&](const store::ExerciseRecord& current) {
    return change(live, current);
  }));
  auto entries = TRY(live.store->entries(live.workspace.org, live.record.id));
  live.log = TRY(read_live_log(entries));
  return print_status(live, common, verb);
}

Result<ExerciseChange> clock_change(std::string_view kind, const LiveCommon& common, const Live& live,
                                    const SimClock& next, json fields = {}) {
  return ExerciseChange{live_entry(kind, common.by, live.wall, elapsed(next, live.wall), fields), to_row(next)};
}

// --- the play and its score ------------------------------------------------------

struct Scored {
  Play play;
  Score score;
};

Result<Scored> score_live(const Live& live) {
  std::optional<incident::Incident> record;
  std::vector<incident::Event> incident_entries;
  if (!live.record.incident_id.empty()) {
    incident_entries = TRY(live.workspace.store->events(live.workspace.org, live.record.incident_id));
    record = TRY(incident::replay(incident_entries));
  }
  Scored out;
  out.play = live_play(live.log, record ? &*record : nullptr, incident_entries, live.record.clock.origin);
  out.score = TRY(score(live.scenario, out.play));
  return out;
}

// --- commands ----------------------------------------------------------------------

struct StartOptions {
  LiveCommon common;
  std::string scenario, start;
  std::int64_t speed = 1;
  std::vector<std::string> players;
};

Result<int> run_start(const StartOptions& o) {
  TRY(require_by(o.common, "who starts the exercise (the facilitator)"));
  TRY(text_or_json(o.common));
  const Instant wall = TRY(now());
  ScenarioSource source = TRY(read_scenario_source(o.scenario));
  Scenario scenario = TRY(parse_scenario(source.text, source.file, locate_zone));
  Instant origin = scenario.start;
  if (!o.start.empty()) origin = TRY(parse_rfc3339(o.start, "--start"));
  SimClock clock = TRY(start_clock(origin, o.speed, scenario.duration, wall));
  json players = json::object();
  for (const auto& text : o.players) {
    Player p = TRY(parse_player(text, "--player"));
    players[p.name] = p.role;
  }
  Workspace workspace = TRY(open_workspace(WorkspaceChoice{o.common.db, o.common.org}, WorkspaceAccess::MayCreate));
  auto exercises = TRY(store::open_exercises(workspace.location));
  store::NewExercise x{scenario.id, source.file, sha256_hex(source.text), source.text, source.bundled, to_row(clock),
                       o.common.by, wall};
  json fields{{"scenario", scenario.id},
              {"scenario_sha256", x.scenario_sha256},
              {"source", source.file},
              {"bundled", source.bundled},
              {"origin", format_utc(origin)},
              {"speed", o.speed},
              {"players", players}};
  auto record = TRY(exercises->start(workspace.org, x, live_entry("started", o.common.by, wall, Seconds{0}, fields)));
  Live live;
  live.workspace = std::move(workspace);
  live.store = std::move(exercises);
  live.record = std::move(record);
  live.scenario = std::move(scenario);
  live.wall = wall;
  auto entries = TRY(live.store->entries(live.workspace.org, live.record.id));
  live.log = TRY(read_live_log(entries));
  return print_status(live, o.common, "Started");
}

struct IdOptions {
  LiveCommon common;
  std::string id, to, text, title, channel = "facilitator", role, expectation, result, player;
  std::vector<std::string> addressees;
};

Result<int> run_status(const IdOptions& o) {
  TRY(text_or_json(o.common));
  Live live = TRY(open_live(o.common, o.id));
  return print_status(live, o.common);
}

Result<int> run_pause(const IdOptions& o) {
  return write(o.common, o.id, "Paused", [&](const Live& live, const store::ExerciseRecord& r) -> Result<ExerciseChange> {
    SimClock next = TRY(pause(to_sim(r.clock), live.wall));
    return clock_change("paused", o.common, live, next);
  }, "who pauses the clock");
}

Result<int> run_resume(const IdOptions& o) {
  return write(o.common, o.id, "Resumed", [&](const Live& live, const store::ExerciseRecord& r) -> Result<ExerciseChange> {
    SimClock next = TRY(resume(to_sim(r.clock), live.wall));
    return clock_change("resumed", o.common, live, next);
  }, "who resumes the clock");
}

Result<int> run_jump(const IdOptions& o) {
  return write(o.common, o.id, "Jumped", [&](const Live& live, const store::ExerciseRecord& r) -> Result<ExerciseChange> {
    SimClock c = to_sim(r.clock);
    Seconds from = elapsed(c, live.wall);
    Seconds target{0};
    if (!o.to.empty()) {
      target = TRY(parse_duration(o.to, "--to"));
    } else {
      const Inject* next = next_inject(live.scenario, from);
      if (!next) return invalid("--to", "every scenario inject has arrived; give --to OFFSET (e.g. PT48H) to move on");
      target = next->at;
    }
    SimClock next = TRY(jump_to(c, live.wall, target, "--to"));
    return clock_change("jumped", o.common, live, next, json{{"from", format_duration(from)}});
  }, "who moves the clock");
}

Result<int> run_end(const IdOptions& o) {
  TRY(require_by(o.common, "who ends the exercise"));
  TRY(text_or_json(o.common));
  Live live = TRY(open_live(o.common, o.id));
  live.record = TRY(live.store->append(live.workspace.org, live.record.id,
                                       [&](const store::ExerciseRecord& r) -> Result<ExerciseChange> {
                                         SimClock next = TRY(end(to_sim(r.clock), live.wall));
                                         return clock_change("ended", o.common, live, next);
                                       }));
  auto entries = TRY(live.store->entries(live.workspace.org, live.record.id));
  live.log = TRY(read_live_log(entries));
  Scored scored = TRY(score_live(live));
  const Counts& s = scored.score.summary;
  if (o.common.format == Format::Json) {
    json out = status_json(live);
    out["done"] = "Ended";
    out["score"] = score_json(live.scenario, scored.play, scored.score);
    print(out.dump(2) + "\n");
    return 0;
  }
  std::string text = status_text(live);
  text += fmt::format("Scored at {}: {} expectations, {} evaluated: {} met, {} late, {} missed, {} not evaluated.\n",
                      format_duration(live.elapsed_now()), s.total, s.evaluated, s.met, s.late, s.missed,
                      s.not_evaluated);
  for (const auto& obj : scored.score.objectives) {
    text += terminal_text(fmt::format("  {} {}: {}\n", obj.objective->id, obj.objective->title,
                                      obj.rating ? fmt::format("{} ({})", to_string(*obj.rating), meaning(*obj.rating))
                                                 : std::string("not rated (nothing evaluated)")));
  }
  text += fmt::format("The after-action report: vigil exercise report {} --format html\n", live.record.id);
  print("Ended " + live.record.id + ".\n" + text);
  return 0;
}

Result<int> run_feed(const IdOptions& o) {
  TRY(text_or_json(o.common));
  if (!o.role.empty()) TRY(check_role(o.role, "--as"));
  Live live = TRY(open_live(o.common, o.id));
  Seconds at = live.elapsed_now();
  auto items = feed(live.scenario, live.log, at, o.role);
  if (o.common.format == Format::Json) {
    json list = json::array();
    for (const auto& i : items) {
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
    print(json{{"marking", "EXERCISE"},
               {"exercise", live.record.id},
               {"as", o.role.empty() ? json(nullptr) : json(o.role)},
               {"elapsed", format_duration(at)},
               {"injects", list}}
              .dump(2) +
          "\n");
    return 0;
  }
  std::string out = fmt::format("EXERCISE {} feed{} at {} ({} injects)\n", live.record.id,
                                o.role.empty() ? std::string(" (every role)") : " for " + o.role, format_duration(at),
                                items.size());
  for (const auto& i : items) {
    std::string to;
    for (const auto& t : i.to) to += (to.empty() ? "" : ", ") + t;
    out += fmt::format("\n[{}] {} via {} to {}{}{}\n{}\n", format_duration(i.at), i.id, i.channel, to,
                       i.ad_hoc ? " (ad hoc)" : "", i.title.empty() ? "" : ": " + i.title, i.text);
  }
  print(terminal_text(out));
  return 0;
}

Result<int> run_player(const IdOptions& o) {
  Player p = TRY(parse_player(o.player, "PLAYER"));
  return write(o.common, o.id, "Added a player to", [&](const Live& live, const store::ExerciseRecord& r)
                                                      -> Result<ExerciseChange> {
    if (to_sim(r.clock).state == ClockState::Ended) return fail(ErrorCode::Conflict, "PLAYER", "the exercise has ended");
    return ExerciseChange{live_entry("player", o.common.by, live.wall, elapsed(to_sim(r.clock), live.wall),
                                     json{{"name", p.name}, {"role", p.role}}),
                          std::nullopt};
  }, "who adds the player");
}

Result<void> not_ended(const store::ExerciseRecord& r, std::string_view what) {
  if (r.clock.state == "ended") {
    return fail(ErrorCode::Conflict, std::string(what), "the exercise has ended; its record is closed");
  }
  return {};
}

Result<int> run_inject(const IdOptions& o) {
  if (trim(o.text).empty()) return invalid("--text", "required: what the addressees receive");
  if (o.addressees.empty()) return invalid("--to", "required: the roles that receive it, or all");
  for (const auto& to : o.addressees) {
    if (to != "all") TRY(check_role(to, "--to"));
  }
  if (trim(o.channel).empty()) return invalid("--channel", "must not be empty (e.g. email, phone, press)");
  return write(o.common, o.id, "Injected into", [&](const Live& live, const store::ExerciseRecord& r)
                                                  -> Result<ExerciseChange> {
    TRY(not_ended(r, "inject"));
    // Named after the log entry it becomes: unique even when two facilitators add one at once.
    std::string inject_id = fmt::format("X{}", r.event_count + 1);
    return ExerciseChange{live_entry("inject", o.common.by, live.wall, elapsed(to_sim(r.clock), live.wall),
                                     json{{"id", inject_id},
                                          {"channel", o.channel},
                                          {"to", o.addressees},
                                          {"title", o.title},
                                          {"text", o.text}}),
                          std::nullopt};
  }, "who adds the inject (the facilitator)");
}

Result<int> run_involve(const IdOptions& o) {
  TRY(check_role(o.role, "--role"));
  return write(o.common, o.id, "Recorded the involvement in", [&](const Live& live, const store::ExerciseRecord& r)
                                                                -> Result<ExerciseChange> {
    TRY(not_ended(r, "involve"));
    return ExerciseChange{live_entry("involved", o.common.by, live.wall, elapsed(to_sim(r.clock), live.wall),
                                     json{{"role", o.role}}),
                          std::nullopt};
  }, "the player who brought the function in");
}

Result<int> run_note(const IdOptions& o) {
  if (trim(o.text).empty()) return invalid("--text", "required: what the observer saw");
  return write(o.common, o.id, "Noted in", [&](const Live& live, const store::ExerciseRecord& r)
                                             -> Result<ExerciseChange> {
    return ExerciseChange{live_entry("note", o.common.by, live.wall, elapsed(to_sim(r.clock), live.wall),
                                     json{{"text", o.text}}),
                          std::nullopt};
  }, "the observer");
}

Result<int> run_rate(const IdOptions& o) {
  if (o.result != "met" && o.result != "late" && o.result != "missed") {
    return invalid("--result", fmt::format("'{}' is not a rating; expected met, late or missed", excerpt(o.result)));
  }
  return write(o.common, o.id, "Rated in", [&](const Live& live, const store::ExerciseRecord& r)
                                             -> Result<ExerciseChange> {
    if (!live.scenario.find_expectation(o.expectation)) {
      std::vector<std::string> ids;
      for (const auto& e : live.scenario.expectations) ids.push_back(e.id);
      std::vector<std::string_view> views(ids.begin(), ids.end());
      auto near = nearest(o.expectation, views);
      return invalid("--expectation",
                     fmt::format("'{}' is not an expectation of scenario {}{}", excerpt(o.expectation),
                                 live.scenario.id,
                                 near.empty() ? " (see 'vigil exercise show " + live.scenario.id + "')"
                                              : "; did you mean " + or_list(near) + "?"));
    }
    return ExerciseChange{live_entry("rated", o.common.by, live.wall, elapsed(to_sim(r.clock), live.wall),
                                     json{{"expectation", o.expectation}, {"result", o.result}, {"text", o.text}}),
                          std::nullopt};
  }, "the observer");
}

Result<int> run_list(const LiveCommon& common) {
  TRY(text_or_json(common));
  const Instant wall = TRY(now());
  Workspace workspace = TRY(open_workspace(WorkspaceChoice{common.db, common.org}, WorkspaceAccess::MustExist));
  auto exercises = TRY(store::open_exercises(workspace.location));
  auto rows = TRY(exercises->list(workspace.org));
  if (common.format == Format::Json) {
    json list = json::array();
    for (const auto& r : rows) {
      SimClock c = to_sim(r.clock);
      list.push_back({{"exercise", r.id},
                      {"scenario", r.scenario_id},
                      {"state", to_string(c.state)},
                      {"elapsed", format_duration(elapsed(c, wall))},
                      {"speed", c.speed},
                      {"incident", r.incident_id.empty() ? json(nullptr) : json(r.incident_id)},
                      {"started_by", r.started_by},
                      {"started_at", format_utc(r.started_at)}});
    }
    print(json{{"marking", "EXERCISE"}, {"exercises", list}, {"workspace", workspace.location},
               {"organisation", workspace.org}}.dump(2) + "\n");
    return 0;
  }
  Table table{{"exercise", "scenario", "state", "elapsed", "speed", "incident", "started"}, {}};
  for (const auto& r : rows) {
    SimClock c = to_sim(r.clock);
    table.rows.push_back({r.id, r.scenario_id, std::string(to_string(c.state)), format_duration(elapsed(c, wall)),
                          fmt::format("{}x", c.speed), r.incident_id.empty() ? "-" : r.incident_id,
                          format_utc(r.started_at) + " by " + r.started_by});
  }
  print(rows.empty() ? std::string("EXERCISE: no exercises yet ('vigil exercise start SCENARIO')\n")
                     : "EXERCISES (not real incidents)\n" + render_text(table));
  return 0;
}

Result<int> run_report(const IdOptions& o) {
  Live live = TRY(open_live(o.common, o.id));
  Scored scored = TRY(score_live(live));
  SimClock c = live.clock();
  std::string state = fmt::format("{} at {}", to_string(c.state), format_duration(elapsed(c, live.wall)));
  switch (o.common.format) {
    case Format::Json: {
      json out = score_json(live.scenario, scored.play, scored.score);
      out["live"] = {{"exercise", live.record.id},
                     {"incident", live.record.incident_id.empty() ? json(nullptr) : json(live.record.incident_id)},
                     {"state", to_string(c.state)},
                     {"elapsed", format_duration(elapsed(c, live.wall))},
                     {"head_hash", live.record.head_hash}};
      print(out.dump(2) + "\n");
      return 0;
    }
    case Format::Markdown:
      print(fmt::format("Live exercise {} ({})\n\n", live.record.id, state) +
            after_action_markdown(live.scenario, scored.play, scored.score));
      return 0;
    case Format::Html: print(after_action_html(live.scenario, scored.play, scored.score)); return 0;
    case Format::Text:
      print(fmt::format("Live exercise {} ({})\n", live.record.id, state) +
            after_action_text(live.scenario, scored.play, scored.score));
      return 0;
    default: return invalid("--format", "the report is text, json, markdown or html");
  }
}

Result<int> run_export(const IdOptions& o) {
  Live live = TRY(open_live(o.common, o.id));
  auto entries = TRY(live.store->entries(live.workspace.org, live.record.id));
  if (auto broken = incident::verify_chain(entries)) {
    return fail(ErrorCode::Conflict, fmt::format("{} entry {}", live.record.id, broken->seq),
                broken->reason + "; the exercise log is damaged, not exporting it");
  }
  json list = json::array();
  for (const auto& e : entries) {
    list.push_back({{"seq", e.seq}, {"kind", e.kind}, {"actor", e.actor}, {"at", format_utc(e.at)},
                    {"payload", json::parse(e.payload)}, {"prev", e.prev_hash}, {"hash", e.hash}});
  }
  json incident_export = nullptr;
  if (!live.record.incident_id.empty()) {
    auto events = TRY(live.workspace.store->events(live.workspace.org, live.record.incident_id));
    auto record = TRY(incident::replay(events));
    incident_export = incident::export_incident(record, events, live.wall);
  }
  json out{{"format", "vigil-exercise-export/1"},
           {"marking", "EXERCISE"},
           {"organisation", live.workspace.org},
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
           {"incident", incident_export},
           {"exported_at", format_utc(live.wall)},
           {"verification",
            "Each entry's hash is the SHA-256 of {actor, at, incident, kind, org, payload, prev, seq} as in "
            "docs/INCIDENTS.md, with incident = the exercise id; the incident has its own export inside."}};
  std::string text = out.dump(2) + "\n";
  if (o.to.empty() || o.to == "-") {
    print(text);
    return 0;
  }
  TRY(write_file(o.to, text));
  print(fmt::format("Wrote EXERCISE {} ({} entries, chain head {}) to {}\n", live.record.id, live.record.event_count,
                    live.record.head_hash, o.to));
  return 0;
}

int finish(const Result<int>& result) { return result ? *result : report(result.error()); }

}  // namespace

Result<Instant> incident_now(const Workspace& workspace, const std::string& incident_id, bool write) {
  const Instant wall = TRY(now());
  auto exercises = TRY(store::open_exercises(workspace.location));
  auto exercise = TRY(exercises->exercise_of_incident(workspace.org, incident_id));
  if (!exercise) return wall;
  auto record = TRY(exercises->load(workspace.org, *exercise));
  SimClock clock = to_sim(record.clock);
  if (write && clock.state == ClockState::Ended) {
    return fail(ErrorCode::Conflict, incident_id,
                fmt::format("is the incident of exercise {}, which has ended; its record is closed", *exercise));
  }
  return exercise_now(clock, wall);
}

Result<ExerciseForIncident> exercise_for_new_incident(const Workspace& workspace, const std::string& exercise_text) {
  std::string id = store::exercise_id(TRY(store::parse_exercise_id(exercise_text, "--exercise")));
  const Instant wall = TRY(now());
  auto exercises = TRY(store::open_exercises(workspace.location));
  auto loaded = exercises->load(workspace.org, id);
  if (!loaded) {
    return fail(ErrorCode::NotFound, "--exercise", fmt::format("no exercise {} (see 'vigil exercise list')", id));
  }
  if (!loaded->incident_id.empty()) {
    return fail(ErrorCode::Conflict, "--exercise",
                fmt::format("exercise {} already has its incident, {}", id, loaded->incident_id));
  }
  SimClock clock = to_sim(loaded->clock);
  if (clock.state == ClockState::Ended) {
    return fail(ErrorCode::Conflict, "--exercise", fmt::format("exercise {} has ended", id));
  }
  Scenario scenario = TRY(scenario_of(*loaded));
  return ExerciseForIncident{id, std::move(scenario), exercise_now(clock, wall), clock.origin};
}

void add_live_exercise_commands(CLI::App& exercise, int& exit_code) {
  auto start = std::make_shared<StartOptions>();
  auto* c = exercise.add_subcommand("start", "Start a live exercise on a simulated clock (prints its id). The team "
                                             "opens the exercise's incident with 'vigil incident open --exercise ID'.");
  c->add_option("SCENARIO", start->scenario, "A bundled scenario id or a scenario TOML file")->required();
  c->add_option("--speed", start->speed, "Exercise seconds per real second, 1 to 3600 (default 1: real time)");
  c->add_option("--start", start->start, "Exercise time zero, RFC 3339 with offset (default: the scenario's start)");
  c->add_option("--player", start->players, "A player and their function, NAME=ROLE (repeatable), e.g. ana=it");
  add_live_common(*c, start->common, true);
  c->callback([start, &exit_code] { exit_code = finish(run_start(*start)); });

  struct Spec {
    const char* name;
    const char* help;
    bool write;
    Result<int> (*run)(const IdOptions&);
  };
  const Spec specs[] = {
      {"status", "The exercise clock, the next inject, the incident, the players", false, run_status},
      {"pause", "Pause the exercise clock", true, run_pause},
      {"resume", "Resume the exercise clock", true, run_resume},
      {"jump", "Move the clock forward: to the next inject, or --to OFFSET", true, run_jump},
      {"feed", "The injects that have arrived (for one role with --as ROLE)", false, run_feed},
      {"player", "Add a player: NAME=ROLE", true, run_player},
      {"inject", "Add an ad-hoc inject (facilitator)", true, run_inject},
      {"involve", "Record that the team brought a function in (--role)", true, run_involve},
      {"note", "Record an observer's note", true, run_note},
      {"rate", "Record an observer's rating of an expectation", true, run_rate},
      {"end", "End the exercise: freeze the clock and score it", true, run_end},
      {"report", "The after-action report of the exercise so far (text, json, markdown, html)", false, run_report},
      {"export", "Write the exercise log, its hash chain and its incident as one JSON file", false, run_export},
  };
  for (const Spec& spec : specs) {
    auto o = std::make_shared<IdOptions>();
    auto* sub = exercise.add_subcommand(spec.name, spec.help);
    sub->add_option("EXERCISE", o->id, "The exercise id, e.g. EX-1")->required();
    std::string name = spec.name;
    add_live_common(*sub, o->common, spec.write, name == "report");
    if (name == "jump") sub->add_option("--to", o->to, "Exercise time to move to, an ISO 8601 offset (e.g. PT4H)");
    if (name == "export") sub->add_option("--output,-o", o->to, "Write to this file instead of standard output");
    if (name == "feed") sub->add_option("--as", o->role, "Only what this role receives (it, legal, ...)");
    if (name == "player") sub->add_option("PLAYER", o->player, "NAME=ROLE, e.g. bo=legal")->required();
    if (name == "inject") {
      sub->add_option("--text", o->text, "What the addressees receive");
      sub->add_option("--to", o->addressees, "Roles that receive it, or all (repeatable)");
      sub->add_option("--channel", o->channel, "How it arrives (default facilitator): email, phone, press, ...");
      sub->add_option("--title", o->title, "A one-line summary");
    }
    if (name == "involve") sub->add_option("--role", o->role, "The function brought in (legal, dpo, ...)");
    if (name == "note") sub->add_option("--text", o->text, "What the observer saw");
    if (name == "rate") {
      sub->add_option("--expectation", o->expectation, "The expectation id (vigil exercise show SCENARIO)");
      sub->add_option("--result", o->result, "met, late or missed");
      sub->add_option("--text", o->text, "Why");
    }
    auto run = spec.run;
    sub->callback([o, run, &exit_code] { exit_code = finish(run(*o)); });
  }
  auto list_common = std::make_shared<LiveCommon>();
  auto* list = exercise.add_subcommand("list", "The live exercises of the organisation, newest first");
  add_live_common(*list, *list_common, false);
  list->callback([list_common, &exit_code] { exit_code = finish(run_list(*list_common)); });
}

}  // namespace vigil::cli
