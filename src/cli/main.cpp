// vigil: NIS2 readiness on an ISO/IEC 27001:2022 ISMS. The command line is a
// thin shell: each command parses its input, calls the domain and renders.
#include <array>
#include <string_view>
#include <utility>

#include <CLI/CLI.hpp>

#include "cli/commands.h"

namespace {

// The command groups and the commands each registers. Only the group of the
// command being run is built (CLI11 builds every option of every command up
// front, a third of a short command's run time); help and unknown commands
// get them all.
struct Group {
  void (*add)(CLI::App&, int&);
  std::string_view commands;  // space-separated
};

constexpr std::array kGroups{
    Group{vigil::cli::add_catalog_commands, "catalog show map coverage search standard"},
    Group{vigil::cli::add_scope_command, "scope"},
    Group{vigil::cli::add_gap_command, "gap"},
    Group{vigil::cli::add_clock_commands, "significance deadlines"},
    Group{vigil::cli::add_incident_commands, "incident audit"},
    Group{vigil::cli::add_server_commands, "serve org user token backup"},
};

const Group* group_of(std::string_view command) {
  for (const Group& group : kGroups) {
    for (std::string_view rest = group.commands; !rest.empty();) {
      const auto space = rest.find(' ');
      if (rest.substr(0, space) == command) return &group;
      rest = space == std::string_view::npos ? std::string_view{} : rest.substr(space + 1);
    }
  }
  return nullptr;
}

}  // namespace

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
  if (const Group* group = argc > 1 ? group_of(argv[1]) : nullptr) {
    group->add(app, exit_code);
  } else {
    for (const Group& each : kGroups) each.add(app, exit_code);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  return exit_code;
}
