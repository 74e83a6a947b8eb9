// vigil: NIS2 readiness on an ISO/IEC 27001:2022 ISMS. The command line is a
// thin shell: each command parses its input, calls the domain and renders.
#include <utility>

#include <CLI/CLI.hpp>

#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{
      "Vigil: NIS2 (Directive (EU) 2022/2555) readiness on an ISO/IEC 27001:2022 ISMS.\n"
      "Scope an entity, map NIS2 to ISO 27001, assess gaps from a Statement of\n"
      "Applicability, and run the Art. 23 incident clock.",
      "vigil"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "vigil 0.1.0");
  app.footer("Run 'vigil <command> --help' for a command's options.");
  int exit_code = 0;
  vigil::cli::add_catalog_commands(app, exit_code);
  vigil::cli::add_scope_command(app, exit_code);
  vigil::cli::add_gap_command(app, exit_code);
  vigil::cli::add_clock_commands(app, exit_code);
  vigil::cli::add_incident_commands(app, exit_code);
  vigil::cli::add_server_commands(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  return exit_code;
}
