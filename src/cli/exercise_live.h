// Live exercises from the command line (`vigil exercise start|status|...`,
// src/cli/exercise_live_command.cpp) and the one place the incident commands
// ask for "now": an exercise incident's commands take it from the exercise's
// simulated clock, so the Art. 23 countdowns run in exercise time. The domain
// never reads a clock; this edge does.
#pragma once

#include <string>

#include "core/error.h"
#include "core/time.h"

namespace CLI {
class App;
}

namespace vigil::cli {

struct Workspace;

// Registers start, status, pause, resume, jump, feed, inject, involve, note,
// rate, end, list, report and export under `vigil exercise`.
void add_live_exercise_commands(CLI::App& exercise, int& exit_code);

// What an incident command on `incident_id` takes as now: the wall clock
// (VIGIL_NOW for tests) for a real incident, the exercise clock for an
// exercise incident. `write`: refused (Conflict) once the exercise ended.
Result<Instant> incident_now(const Workspace& workspace, const std::string& incident_id, bool write);

// A scenario argument read as given: a file (anything with '/' or ending in
// .toml, '-', or an existing path) or the id of a bundled scenario.
struct ScenarioSource {
  std::string text;
  std::string file;  // the name errors use
  bool bundled = false;
};
// `encoding`: the --encoding value of a scenario file ("" is UTF-8).
Result<ScenarioSource> read_scenario_source(const std::string& given, const std::string& encoding = "");

}  // namespace vigil::cli
