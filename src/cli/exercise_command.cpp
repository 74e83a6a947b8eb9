// `vigil exercise`: scenarios (the bundled list), show, validate and score (the
// after-action report of a tabletop play). Reads files, locates time zones and
// renders; the scenario rules and the scoring are exercise/ (pure), so the
// live mode and the API will score with the same function.
//
// Every output is marked EXERCISE. JSON shapes: exercise/after_action.h.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>

#include <date/tz.h>
#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "archive/zip_reader.h"
#include "cli/commands.h"
#include "cli/exercise_live.h"
#include "cli/output.h"
#include "cli/supplier_input.h"
#include "core/text.h"
#include "exercise/after_action.h"
#include "exercise/bundled.h"
#include "exercise/openaev_import.h"
#include "exercise/play.h"
#include "exercise/scenario.h"
#include "exercise/score.h"
#include "incident/significance.h"
#include "tzdata/zones.h"

namespace vigil::cli {
namespace {

using namespace vigil::exercise;

// Adds --format with the formats this command writes.
void add_formats(CLI::App& command, Format& format, std::vector<std::string> allowed) {
  static const std::map<std::string, Format> kNames{
      {"text", Format::Text}, {"json", Format::Json}, {"markdown", Format::Markdown}, {"html", Format::Html}};
  std::string list;
  for (std::size_t i = 0; i < allowed.size(); ++i) {
    list += (i == 0 ? "" : i + 1 == allowed.size() ? " or " : ", ") + allowed[i];
  }
  command.add_option("--format,-f", format, "Output format: " + list)
      ->transform(CLI::Validator(
          [allowed, list](std::string& value) -> std::string {
            std::string lower = to_lower(value);
            if (std::find(allowed.begin(), allowed.end(), lower) == allowed.end()) {
              return "'" + value + "' is not an output format; expected " + list;
            }
            value = std::to_string(static_cast<int>(kNames.at(lower)));
            return {};
          },
          ""))
      ->option_text("FORMAT");
}

Result<std::vector<Scenario>> bundled() {
  std::vector<Scenario> out;
  for (const auto& b : bundled_scenarios()) out.push_back(TRY(parse_scenario(b.text, b.file, tzdata::locate)));
  return out;
}

Result<Scenario> load_scenario(const std::string& given, const std::string& encoding = "") {
  ScenarioSource source = TRY(read_scenario_source(given, encoding));
  return parse_scenario(source.text, source.file, tzdata::locate);
}

Result<int> run_scenarios(Format format) {
  auto all = TRY(bundled());
  if (format == Format::Json) print(scenario_list_json(all).dump(2) + "\n");
  else print(scenario_list_text(all));
  return 0;
}

Result<int> run_scenario_show(const std::string& given, Format format) {
  Scenario scenario = TRY(load_scenario(given));
  if (format == Format::Json) print(scenario_json(scenario).dump(2) + "\n");
  else print(scenario_text(scenario));
  return 0;
}

// With --register: the supplier the scenario names must be in it.
Result<void> check_supplier(const Scenario& s, const std::string& register_path, const std::string& encoding) {
  if (register_path.empty() || s.supplier.empty()) return {};
  supplier::Register reg = TRY(read_supplier_register(register_path, "--register", encoding));
  if (reg.find_supplier(s.supplier)) return {};
  std::vector<std::string_view> ids;
  for (const auto& p : reg.suppliers) ids.push_back(p.id);
  auto near = nearest(s.supplier, ids);
  return invalid(fmt::format("{}:{}: supplier", s.source, s.supplier_line),
                 fmt::format("'{}' is not a supplier of the register {}{}", excerpt(s.supplier), register_path,
                             near.empty() ? std::string{} : " (did you mean " + or_list(near) + "?)"));
}

Result<int> run_validate(const std::string& path, const std::string& encoding, Format format,
                         const std::string& register_path) {
  std::string text = TRY(read_file(path, encoding));
  std::string name = path == "-" ? "stdin" : path;
  Scenario s = TRY(parse_scenario(text, name, tzdata::locate));
  TRY(check_supplier(s, register_path, encoding));
  if (format == Format::Json) {
    print(nlohmann::json{{"marking", "EXERCISE"},
                         {"file", name},
                         {"valid", true},
                         {"id", s.id},
                         {"objectives", s.objectives.size()},
                         {"injects", s.injects.size()},
                         {"expectations", s.expectations.size()}}
              .dump(2) +
          "\n");
  } else {
    print(terminal_text(fmt::format("EXERCISE scenario {} is valid: {} objectives, {} injects, {} expectations ({})\n",
                                    s.id, s.objectives.size(), s.injects.size(), s.expectations.size(), name)));
  }
  return 0;
}

Result<int> run_score(const std::string& scenario_arg, const std::string& play_path, const std::string& encoding,
                      Format format) {
  Scenario scenario = TRY(load_scenario(scenario_arg, encoding));
  std::string text = TRY(read_file(play_path, encoding));
  std::string name = play_path == "-" ? "stdin" : play_path;
  Play play = TRY(parse_play(text, name));
  auto scored = score(scenario, play);
  // The domain names the field; the user also needs the file.
  if (!scored) return tl::unexpected(prefixed(scored.error(), name + ": "));
  switch (format) {
    case Format::Json: print(score_json(scenario, play, *scored).dump(2) + "\n"); break;
    case Format::Markdown: print(after_action_markdown(scenario, play, *scored)); break;
    case Format::Html: print(after_action_html(scenario, play, *scored)); break;
    default: print(after_action_text(scenario, play, *scored)); break;
  }
  return 0;
}

Result<int> run_import(const std::string& path, const std::string& encoding, const ImportOptions& options,
                       const std::string& output) {
  const Encoding charset = encoding.empty() ? Encoding::Utf8 : TRY(parse_encoding(encoding, "--encoding"));
  // The options first, named as the user typed them.
  if (auto ok = incident::check_entity_type(options.entity_type); !ok) {
    return invalid("--entity-type", ok.error().message);
  }
  if (!tzdata::locate(options.timezone)) {
    return invalid("--timezone", "'" + excerpt(options.timezone) + "' is not an IANA time zone (e.g. Europe/Berlin)");
  }
  TRY(parse_rfc3339(options.start, "--start"));
  // The export ZIP (by its name, or by its first bytes) is read here, within
  // archive/zip_reader.h's limits; the domain gets the scenario JSON's text.
  std::string source = path == "-" ? "stdin" : path;
  std::string text;
  auto from_zip = [&](archive::ZipArchive zip) -> Result<void> {
    archive::NamedText entry = TRY(archive::read_openaev_scenario_json(zip));
    source = fmt::format("{}: {}", source, excerpt(entry.name, 100));
    text = std::move(entry.text);
    return {};
  };
  if (path != "-" && path.size() >= 4 && to_lower(path.substr(path.size() - 4)) == ".zip") {
    TRY(from_zip(TRY(archive::ZipArchive::open_file(path))));
  } else {
    text = TRY(read_file(path));
    if (!archive::looks_like_zip(text)) text = TRY(to_utf8(text, charset, source));
    if (archive::looks_like_zip(text)) TRY(from_zip(TRY(archive::ZipArchive::open_memory(std::move(text), source))));
  }
  ImportResult imported = TRY(import_openaev(text, source, options, tzdata::locate));
  if (output.empty()) print(imported.toml);
  else TRY(write_file(output, imported.toml));
  std::fprintf(stderr,
               "vigil: imported %d injects and %d expectations (%d mapped to Vigil actions, the rest custom)%s\n",
               imported.injects, imported.expectations, imported.mapped_expectations,
               imported.not_mapped.empty() ? "" : "; not mapped:");
  for (const auto& line : imported.not_mapped) std::fprintf(stderr, "  - %s\n", terminal_text(line).c_str());
  return 0;
}

// One exit for errors: a message and the exit code of its kind.

}  // namespace

void add_exercise_commands(CLI::App& app, int& exit_code) {
  auto* exercise = app.add_subcommand(
      "exercise",
      "Exercises scored against the NIS2 Art. 23 clock: bundled scenarios, validation, and the "
      "after-action report of a tabletop play (HSEEP ratings P/S/M/U). Every output is marked EXERCISE.");
  exercise->require_subcommand(1);

  struct Options {
    std::string scenario, play, file, register_path, encoding;
    Format format = Format::Text;
  };
  auto o = std::make_shared<Options>();

  auto* scenarios = exercise->add_subcommand("scenarios", "List the scenarios bundled with Vigil.");
  add_formats(*scenarios, o->format, {"text", "json"});
  scenarios->callback([o, &exit_code] { exit_code = finish(run_scenarios(o->format)); });

  auto* show = exercise->add_subcommand("show",
                                        "Show a scenario: objectives, injects with the significance verdict "
                                        "on the facts known at each, expectations and their windows.");
  show->add_option("SCENARIO", o->scenario, "A bundled scenario id or a scenario TOML file")->required();
  add_formats(*show, o->format, {"text", "json"});
  show->callback([o, &exit_code] { exit_code = finish(run_scenario_show(o->scenario, o->format)); });

  auto* validate =
      exercise->add_subcommand("validate", "Check a scenario TOML file; every error names file, line and field.");
  validate->add_option("FILE", o->file, "The scenario TOML file ('-' for standard input)")->required();
  add_formats(*validate, o->format, {"text", "json"});
  validate
      ->add_option("--register", o->register_path,
                   "Supplier register (as for 'vigil supplier analyse'): the scenario's supplier must be in it")
      ->option_text("FILE|DIR");
  add_encoding_option(*validate, o->encoding);
  validate->callback(
      [o, &exit_code] { exit_code = finish(run_validate(o->file, o->encoding, o->format, o->register_path)); });

  auto* score_command = exercise->add_subcommand(
      "score",
      "Score a play against a scenario: expectations met, late or missed, objective ratings, Art. 23(4) "
      "reports on time, latencies, decisions, coordination, improvement plan (the after-action report).");
  score_command->add_option("--scenario,-s", o->scenario, "A bundled scenario id or a scenario TOML file")->required();
  score_command->add_option("--play,-p", o->play, "The play JSON file ('-' for standard input)")->required();
  add_formats(*score_command, o->format, {"text", "json", "markdown", "html"});
  add_encoding_option(*score_command, o->encoding);
  score_command->callback(
      [o, &exit_code] { exit_code = finish(run_score(o->scenario, o->play, o->encoding, o->format)); });

  auto imports = std::make_shared<ImportOptions>();
  auto output = std::make_shared<std::string>();
  auto* import_command = exercise->add_subcommand(
      "import",
      "Convert an OpenAEV (formerly OpenBAS) scenario export (its ZIP, or the .json inside it) into a Vigil "
      "scenario (TOML): injects with their times, titles and texts, teams as roles, expectations mapped to "
      "Vigil actions where they match (the rest custom). What could not be mapped is listed on standard error.");
  import_command->add_option("FILE", o->file, "The OpenAEV export: the ZIP or its JSON ('-' for standard input)")
      ->required();
  import_command
      ->add_option("--entity-type", imports->entity_type, "The entity type id of the catalog (OpenAEV has none)")
      ->required();
  import_command->add_option("--timezone", imports->timezone, "IANA time zone of the Art. 23 clock, e.g. Europe/Berlin")
      ->required();
  import_command->add_option("--start", imports->start, "Default start of the exercise, RFC 3339 with offset")
      ->required();
  import_command->add_option("--id", imports->id, "Scenario id (default: from the OpenAEV name)");
  import_command->add_option("--output,-o", *output,
                             "Write the scenario to this file (atomically) instead of standard output");
  add_encoding_option(*import_command, o->encoding);
  import_command->callback(
      [o, imports, output, &exit_code] { exit_code = finish(run_import(o->file, o->encoding, *imports, *output)); });

  add_live_exercise_commands(*exercise, exit_code);
}

// A file when the argument names one (or looks like a path), else the id of
// a bundled scenario.
Result<ScenarioSource> read_scenario_source(const std::string& given, const std::string& encoding) {
  bool looks_like_path = given == "-" || given.find('/') != std::string::npos || given.ends_with(".toml") ||
                         std::filesystem::exists(given);
  if (looks_like_path) {
    std::string text = TRY(read_file(given, encoding));
    return ScenarioSource{std::move(text), given == "-" ? "stdin" : given, false};
  }
  for (const auto& b : bundled_scenarios()) {
    Scenario s = TRY(parse_scenario(b.text, b.file, tzdata::locate));
    if (s.id == given) return ScenarioSource{std::string(b.text), std::string(b.file), true};
  }
  std::vector<std::string> names;
  for (auto all = TRY(bundled()); const auto& s : all) names.push_back(s.id);
  std::vector<std::string_view> views(names.begin(), names.end());
  auto near = nearest(given, views);
  return fail(ErrorCode::NotFound, "SCENARIO",
              fmt::format("'{}' is neither a file nor a bundled scenario{} (see vigil exercise scenarios)",
                          excerpt(given), near.empty() ? std::string{} : " (did you mean " + or_list(near) + "?)"));
}

}  // namespace vigil::cli
