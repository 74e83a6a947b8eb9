// One function per command group, each in its own file (cli/<group>_command.cpp).
// A command's callback stores its exit code in `exit_code`; main() returns it.
#pragma once

namespace CLI {
class App;
}

namespace vigil::cli {

void add_catalog_commands(CLI::App& app, int& exit_code);   // catalog, show, map, coverage, search, standard
void add_scope_command(CLI::App& app, int& exit_code);      // scope
void add_gap_command(CLI::App& app, int& exit_code);        // gap, export (OSCAL)
void add_clock_commands(CLI::App& app, int& exit_code);     // significance, deadlines
void add_incident_commands(CLI::App& app, int& exit_code);  // incident, audit
void add_exercise_commands(CLI::App& app, int& exit_code);  // exercise
void add_supplier_commands(CLI::App& app, int& exit_code);  // supplier analyse|impact|directory
void add_server_commands(CLI::App& app, int& exit_code);    // serve, user, org, token, backup
void add_dashboard_command(CLI::App& app, int& exit_code);  // dashboard

}  // namespace vigil::cli
