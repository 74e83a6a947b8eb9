// vigil: NIS2 readiness on an ISO/IEC 27001:2022 ISMS. The command line is a
// thin shell: each command parses its input, calls the domain and renders.
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "core/text.h"

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
    Group{vigil::cli::add_gap_command, "gap export"},
    Group{vigil::cli::add_clock_commands, "significance deadlines"},
    Group{vigil::cli::add_incident_commands, "incident audit"},
    Group{vigil::cli::add_exercise_commands, "exercise"},
    Group{vigil::cli::add_supplier_commands, "supplier"},
    Group{vigil::cli::add_server_commands, "serve org user token backup"},
    Group{vigil::cli::add_dashboard_command, "dashboard"},
};

std::vector<std::string_view> names_of(const Group& group) {
  std::vector<std::string_view> names;
  for (std::string_view rest = group.commands; !rest.empty();) {
    const auto space = rest.find(' ');
    names.push_back(rest.substr(0, space));
    rest = space == std::string_view::npos ? std::string_view{} : rest.substr(space + 1);
  }
  return names;
}

const Group* group_of(std::string_view command) {
  for (const Group& group : kGroups) {
    for (std::string_view name : names_of(group)) {
      if (name == command) return &group;
    }
  }
  return nullptr;
}

// "'gapp' is not a command (did you mean gap?)".
std::string unknown_command(std::string_view given, std::span<const std::string_view> names, std::string_view of) {
  auto close = vigil::nearest(given, names);
  std::string message = "'" + std::string(given) + "' is not a command" + std::string(of);
  if (!close.empty()) message += " (did you mean " + vigil::or_list(close) + "?)";
  return message;
}

// CLI11 says "A subcommand is required" both for a missing and for a mistyped
// command; name which, and what would be valid.
std::optional<std::string> command_problem(CLI::App& app, int argc, char** argv) {
  if (argc < 2 || argv[1][0] == '-') return std::nullopt;
  if (group_of(argv[1]) == nullptr) {
    std::vector<std::string_view> names;
    for (const Group& group : kGroups) {
      for (std::string_view name : names_of(group)) names.push_back(name);
    }
    return unknown_command(argv[1], names, "");
  }
  for (CLI::App* command : app.get_subcommands({})) {
    if (command->get_name() != argv[1]) continue;
    auto children = command->get_subcommands({});
    if (children.empty()) return std::nullopt;
    std::vector<std::string> owned;
    for (CLI::App* child : children) owned.push_back(child->get_name());
    std::vector<std::string_view> names(owned.begin(), owned.end());
    if (argc < 3 || argv[2][0] == '-') {
      std::string list;
      for (std::size_t i = 0; i < owned.size(); ++i) list += (i ? ", " : "") + owned[i];
      return "'" + std::string(argv[1]) + "' needs a command: " + list;
    }
    for (std::string_view name : names) {
      if (name == argv[2]) return std::nullopt;
    }
    return unknown_command(argv[2], names, " of '" + std::string(argv[1]) + "'");
  }
  return std::nullopt;
}

// Every argument must be UTF-8 before any command runs: a byte that is not
// would otherwise reach a record (and the hash of its audit entry) or a JSON
// writer, which cannot hold it. Names the option the value belongs to
// ("--player", from "--player X" or "--player=X"), or the argument's position.
std::optional<std::string> encoding_problem(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const std::size_t bad = vigil::utf8_prefix_length(arg);
    if (bad == arg.size()) continue;
    std::string name;
    if (arg.starts_with("-") && arg.find('=') != std::string_view::npos && arg.find('=') < bad) {
      name = std::string(arg.substr(0, arg.find('=')));
    } else if (arg.starts_with("-")) {
      name = "option " + vigil::excerpt(arg, 40);
    } else if (i > 1 && std::string_view(argv[i - 1]).starts_with("-") &&
               std::string_view(argv[i - 1]).find('=') == std::string_view::npos) {
      name = vigil::excerpt(argv[i - 1], 40);
    } else {
      name = "argument " + std::to_string(i);
    }
    return name + ": is not UTF-8 (byte " + std::to_string(bad + 1) + " is 0x" +
           fmt::format("{:02X}", static_cast<unsigned char>(arg[bad])) +
           "); give it in UTF-8 (is the terminal or script set to a UTF-8 locale?)";
  }
  return std::nullopt;
}

}  // namespace

int main(int argc, char** argv) {
  if (auto problem = encoding_problem(argc, argv)) {
    std::fprintf(stderr, "vigil: %s\n", problem->c_str());
    return 2;
  }
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
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    // Vigil's own form ("vigil: where: what"), exit 2 for a usage error.
    std::string message = e.what();
    if (argc < 2) message = "a command is required";
    if (auto problem = command_problem(app, argc, argv)) message = *problem;
    std::fprintf(stderr, "vigil: %s\nRun 'vigil%s --help' for the options.\n", message.c_str(),
                 argc > 1 && group_of(argv[1]) ? (std::string(" ") + argv[1]).c_str() : "");
    return 2;
  }
  // What the command printed must have reached its reader: a full disk or a
  // closed pipe behind standard output is a failure, not a silent success.
  if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
    const int error = errno;
    std::fprintf(stderr, "vigil: standard output: write failed: %s\n",
                 error != 0 ? std::strerror(error) : "the output is full or closed");
    return exit_code == 0 ? 5 : exit_code;
  }
  return exit_code;
}
