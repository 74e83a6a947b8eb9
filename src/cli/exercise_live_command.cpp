// `vigil exercise start|status|pause|resume|jump|feed|player|inject|involve|
// note|rate|end|list|report|export`: live exercises on a simulated clock
// (docs/EXERCISES.md, "Live exercises"). This file reads the wall clock (at
// the edge, `now()`, VIGIL_NOW in tests), opens the stores and renders; the
// clock arithmetic is exercise/sim_clock.h, the log and the play are
// exercise/live.h, the scoring is the same score() as a tabletop run.
// Every output is marked EXERCISE.
#include <cstdio>
#include <memory>
#include <optional>

#include <date/tz.h>
#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "application/live_exercise.h"
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
#include "tzdata/zones.h"

namespace vigil::cli {
namespace {

using nlohmann::json;
using namespace vigil::exercise;
using store::ExerciseChange;

struct LiveCommon {
  std::string db = "vigil.db";
  std::string org;
  std::string seal_key;
  Format format = Format::Text;
  std::string by;
  bool verbose = false;
};

// Opens the workspace named by --db and --org (it must exist); --verbose names it on standard error.
Result<Workspace> live_workspace(const LiveCommon& common) {
  Workspace workspace =
      TRY(open_workspace(WorkspaceChoice{common.db, common.org, common.seal_key}, WorkspaceAccess::MustExist));
  if (common.verbose) std::fprintf(stderr, "vigil: %s\n", terminal_text(describe(workspace)).c_str());
  return workspace;
}

void add_live_common(CLI::App& command, LiveCommon& common, bool write, bool all_formats = false) {
  add_workspace_options(command, common.db, common.org);
  add_format_option(command, common.format, all_formats);
  add_seal_key(command, common.seal_key);
  add_verbose_option(command, common.verbose);
  if (write) command.add_option("--by", common.by, "Who does it (the facilitator, an observer, a player)");
}

Result<void> require_by(const LiveCommon& common, std::string_view what) {
  if (is_blank(common.by)) return invalid("--by", fmt::format("required: {}", what));
  return require_safe_text(common.by, "--by");
}

Result<void> text_or_json(const LiveCommon& common) {
  if (common.format == Format::Text || common.format == Format::Json) return {};
  return invalid("--format", "this command writes text or json");
}

using application::to_row;
using application::to_sim;

// An exercise opened for a command: its workspace, its store and the
// exercise as the application layer loaded it.
struct Live : application::LiveExercise {
  Workspace workspace;
  std::unique_ptr<store::ExerciseStore> store;
};

Result<Live> open_live(const LiveCommon& common, const std::string& id_text) {
  TRY(application::canonical_exercise_id(id_text, "EXERCISE"));
  Live live;
  const Instant wall = TRY(now());
  live.workspace = TRY(live_workspace(common));
  live.store = TRY(store::open_exercises(live.workspace.location, live.workspace.sealer));
  static_cast<application::LiveExercise&>(live) =
      TRY(application::load_live(*live.store, live.workspace.org, id_text, wall));
  return live;
}

std::string local_time(Instant at, const Scenario& s) {
  return s.zone ? incident::format_local(at, *s.zone) : format_utc(at);
}

json status_json(const Live& live) {
  json out = application::status_json(live);
  out["workspace"] = live.workspace.location;
  out["organisation"] = live.workspace.org;
  return out;
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
  out +=
      live.record.incident_id.empty()
          ? fmt::format("Incident: not opened yet (the team opens it with 'vigil incident open --exercise {} ...')\n",
                        live.record.id)
          : fmt::format("Incident: {} (EXERCISE; not in the real incident list)\n", live.record.incident_id);
  std::string players;
  for (const auto& p : live.log.players)
    players += (players.empty() ? "" : ", ") + fmt::format("{} ({})", p.name, p.role);
  out += fmt::format("Players: {}\n", players.empty() ? "none yet" : players);
  out += fmt::format("Log: {} {}, head {}\n", live.record.event_count,
                     live.record.event_count == 1 ? "entry" : "entries", live.record.head_hash.substr(0, 16));
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

struct IdOptions {
  LiveCommon common;
  std::string id, to, text, title, channel = "facilitator", role, expectation, result, player;
  std::vector<std::string> addressees;
};

// What one write through the application layer (application/live_exercise.h)
// acts on: the exercise `id` of `org`, by `by`, at wall-clock time `wall`.
struct Target {
  store::ExerciseStore& exercises;
  const std::string& org;
  const std::string& id;
  const std::string& by;
  Instant wall;
};
// `act` appends the entry.
using Act = std::function<Result<application::LiveExercise>(const Target&)>;

Result<Live> write_live(const LiveCommon& common, const std::string& id_text, const Act& act) {
  Live live = TRY(open_live(common, id_text));
  const Target target{*live.store, live.workspace.org, live.record.id, common.by, live.wall};
  static_cast<application::LiveExercise&>(live) = TRY(act(target));
  return live;
}

// The write of `o`'s subcommand; the output is the new status.
Result<int> write(const IdOptions& o, std::string_view verb, std::string_view by_what, const Act& act) {
  TRY(require_by(o.common, by_what));
  TRY(text_or_json(o.common));
  Live live = TRY(write_live(o.common, o.id, act));
  return print_status(live, o.common, verb);
}

// --- the play and its score ------------------------------------------------------

Result<application::Scored> score_live(const Live& live) {
  return application::score_live(live, *live.workspace.store);
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
  application::StartRequest request;
  request.scenario = application::ScenarioText{source.text, source.file, source.bundled};
  // The scenario's own errors come first, as they always did.
  Scenario scenario = TRY(parse_scenario(source.text, source.file, tzdata::locate));
  if (!o.start.empty()) request.start = TRY(parse_rfc3339(o.start, "--start"));
  TRY(start_clock(request.start.value_or(scenario.start), o.speed, scenario.duration, wall));
  request.speed = o.speed;
  for (const auto& text : o.players) request.players.push_back(TRY(parse_player(text, "--player")));
  request.by = o.common.by;
  Live live;
  live.workspace =
      TRY(open_workspace(WorkspaceChoice{o.common.db, o.common.org, o.common.seal_key}, WorkspaceAccess::MayCreate));
  live.store = TRY(store::open_exercises(live.workspace.location, live.workspace.sealer));
  static_cast<application::LiveExercise&>(live) =
      TRY(application::start_live(*live.store, live.workspace.org, request, wall));
  return print_status(live, o.common, "Started");
}

Result<int> run_status(const IdOptions& o) {
  TRY(text_or_json(o.common));
  Live live = TRY(open_live(o.common, o.id));
  return print_status(live, o.common);
}

// The clock steering that takes nothing but who does it: pause, resume, end.
using Steer = Result<application::LiveExercise> (*)(store::ExerciseStore&, std::string_view org, std::string_view id,
                                                    const std::string& by, Instant wall);
Act steering(Steer steer) {
  return [steer](const Target& t) { return steer(t.exercises, t.org, t.id, t.by, t.wall); };
}

Result<int> run_pause(const IdOptions& o) {
  return write(o, "Paused", "who pauses the clock", steering(application::pause_live));
}

Result<int> run_resume(const IdOptions& o) {
  return write(o, "Resumed", "who resumes the clock", steering(application::resume_live));
}

Result<int> run_jump(const IdOptions& o) {
  std::optional<Seconds> to;
  if (!o.to.empty()) to = TRY(parse_duration(o.to, "--to"));
  return write(o, "Jumped", "who moves the clock",
               [&](const Target& t) { return application::jump_live(t.exercises, t.org, t.id, t.by, to, t.wall); });
}

Result<int> run_end(const IdOptions& o) {
  TRY(require_by(o.common, "who ends the exercise"));
  TRY(text_or_json(o.common));
  Live live = TRY(write_live(o.common, o.id, steering(application::end_live)));
  application::Scored scored = TRY(score_live(live));
  const Counts& s = scored.score.summary;
  if (o.common.format == Format::Json) {
    json out = status_json(live);
    out["done"] = "Ended";
    out["score"] = score_json(live.scenario, scored.play, scored.score);
    print(out.dump(2) + "\n");
    return 0;
  }
  std::string text = status_text(live);
  text +=
      fmt::format("Scored at {}: {} expectations, {} evaluated: {} met, {} late, {} missed, {} not evaluated.\n",
                  format_duration(live.elapsed_now()), s.total, s.evaluated, s.met, s.late, s.missed, s.not_evaluated);
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
    print(application::feed_json(live, o.role).dump(2) + "\n");
    return 0;
  }
  std::string out =
      fmt::format("EXERCISE {} feed{} at {} ({} injects)\n", live.record.id,
                  o.role.empty() ? std::string(" (every role)") : " for " + o.role, format_duration(at), items.size());
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
  return write(o, "Added a player to", "who adds the player",
               [&](const Target& t) { return application::player_live(t.exercises, t.org, t.id, t.by, p, t.wall); });
}

Result<int> run_inject(const IdOptions& o) {
  application::AdHocInject inject{o.channel, o.addressees, o.title, o.text};
  TRY(application::check_inject(inject));
  return write(o, "Injected into", "who adds the inject (the facilitator)", [&](const Target& t) {
    return application::inject_live(t.exercises, t.org, t.id, t.by, inject, t.wall);
  });
}

Result<int> run_involve(const IdOptions& o) {
  TRY(check_role(o.role, "--role"));
  return write(o, "Recorded the involvement in", "the player who brought the function in", [&](const Target& t) {
    return application::involve_live(t.exercises, t.org, t.id, t.by, o.role, t.wall, true);
  });
}

// Each write checks its input before it opens the workspace: a usage error
// (exit 2) never depends on whether the exercise exists.
Result<int> run_note(const IdOptions& o) {
  if (is_blank(o.text)) return invalid("--text", "required: what the observer saw");
  TRY(require_safe_text(o.text, "--text", true));
  return write(o, "Noted in", "the observer",
               [&](const Target& t) { return application::note_live(t.exercises, t.org, t.id, t.by, o.text, t.wall); });
}

Result<int> run_rate(const IdOptions& o) {
  if (o.result != "met" && o.result != "late" && o.result != "missed") {
    return invalid("--result", fmt::format("'{}' is not a rating; expected met, late or missed", excerpt(o.result)));
  }
  TRY(require_safe_text(o.text, "--text", true));
  return write(o, "Rated in", "the observer", [&](const Target& t) {
    return application::rate_live(t.exercises, t.org, t.id, t.by, o.expectation, o.result, o.text, t.wall);
  });
}

Result<int> run_list(const LiveCommon& common) {
  TRY(text_or_json(common));
  const Instant wall = TRY(now());
  Workspace workspace = TRY(live_workspace(common));
  auto exercises = TRY(store::open_exercises(workspace.location, workspace.sealer));
  auto rows = TRY(exercises->list(workspace.org));
  if (common.format == Format::Json) {
    json list = json::array();
    for (const auto& r : rows) list.push_back(application::list_item_json(r, wall));
    print(json{{"marking", "EXERCISE"},
               {"exercises", list},
               {"workspace", workspace.location},
               {"organisation", workspace.org}}
              .dump(2) +
          "\n");
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
  application::Scored scored = TRY(score_live(live));
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
  auto seals = TRY(store::open_seals(live.workspace.location));
  json out = TRY(application::export_json(live, *live.store, *live.workspace.store, live.workspace.org, seals.get()));
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

}  // namespace

Result<Instant> incident_now(const Workspace& workspace, const std::string& incident_id, bool write) {
  const Instant wall = TRY(now());
  auto exercises = TRY(store::open_exercises(workspace.location, workspace.sealer));
  return application::incident_now(*exercises, workspace.org, incident_id, wall, write);
}

void add_live_exercise_commands(CLI::App& exercise, int& exit_code) {
  auto start = std::make_shared<StartOptions>();
  auto* c = exercise.add_subcommand("start",
                                    "Start a live exercise on a simulated clock (prints its id). The team "
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
