// `vigil gap`: the gap assessment, Vigil's main job. Reads the Statement of
// Applicability, the documents register and (optionally) the entity profile,
// calls the domain (assess::assess) and renders the report in the chosen format.
// `vigil export oscal catalog|mapping|assessment-results|poam` lives here too:
// the last two take the same inputs as `vigil gap`.
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <span>
#include <utility>

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "application/gap_recording.h"
#include "application/live_exercise.h"
#include "assess/assess.h"
#include "assess/convert_2013.h"
#include "assess/oscal_results.h"
#include "assess/report.h"
#include "assess/soa.h"
#include "catalog/oscal.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "cli/supplier_input.h"
#include "cli/workspace.h"
#include "core/csv.h"
#include "core/errors.h"
#include "core/json_input.h"
#include "core/sha256.h"
#include "core/text.h"
#include "exercise/results.h"
#include "scope/scope.h"
#include "store/compliance_store.h"
#include "store/exercise_store.h"
#include "supplier/analysis.h"
#include "supplier/gap_findings.h"
#include "tzdata/zones.h"

namespace vigil::cli {
namespace {

struct GapOptions {
  std::string soa;
  std::string documents;
  std::string entity;
  std::string suppliers;
  std::vector<std::string> exercises;
  std::string as_of;
  std::string fail_under;
  std::string output;
  std::string delimiter, encoding;
  Format format = Format::Text;
  bool convert_2013 = false;
  // export oscal: a gap assessment stored in a workspace instead of --soa.
  std::string db = "vigil.db";
  std::string org;
  std::int64_t assessment = 0;
  // gap --db: the organisation's ended live exercises are results too.
  bool stored_exercises = false;
  // gap --record: store the assessment in the workspace (as POST .../gap-assessments).
  bool record = false;
  std::string by;
  std::string seal_key;
  bool verbose = false;  // name the workspace used (on standard error)
};

struct GapInputs {
  assess::Soa soa;
  assess::DocumentRegister documents;
  Date as_of;
  std::optional<int> fail_under_tenths;
  std::optional<scope::ScopeResult> entity;
  std::optional<supplier::Register> suppliers;
  std::vector<assess::ExerciseResult> exercises;
};

// --delimiter and --encoding, as the readers take them.
Result<std::pair<CsvOptions, Encoding>> reading_options(const GapOptions& o) {
  CsvOptions csv;
  Encoding encoding = Encoding::Utf8;
  if (!o.delimiter.empty()) csv.delimiter = TRY(parse_delimiter(o.delimiter, "--delimiter"));
  if (!o.encoding.empty()) encoding = TRY(parse_encoding(o.encoding, "--encoding"));
  return std::pair{csv, encoding};
}

// Reads and checks every input, reporting the errors of all of them together.
Result<GapInputs> read_inputs(const GapOptions& o) {
  GapInputs in;
  Errors errors;
  auto keep = [&](auto&& result, auto& into) {
    if (result) into = std::move(*result);
    else errors.add(std::move(result).error());
  };
  auto options = reading_options(o);
  if (!options) return tl::unexpected(options.error());
  const auto [csv, encoding] = *options;
  if (auto text = read_file(o.soa, encoding); !text) {
    errors.add(text.error());
  } else {
    keep(assess::parse_soa(*text, assess::input_format_for(o.soa), o.soa, csv), in.soa);
  }
  if (!o.documents.empty()) {
    if (auto text = read_file(o.documents, encoding); !text) {
      errors.add(text.error());
    } else {
      keep(assess::parse_document_register(*text, assess::input_format_for(o.documents), o.documents, csv),
           in.documents);
    }
  }
  if (!o.entity.empty()) {
    // The same entity profile as `vigil scope --input` (a JSON object).
    auto text = read_file(o.entity);
    auto input = text ? parse_json(*text, o.entity) : Result<nlohmann::json>(tl::unexpected(text.error()));
    auto entity = input ? scope::parse_entity(*input, o.entity) : Result<scope::Entity>(tl::unexpected(input.error()));
    if (entity) in.entity = scope::classify(*entity);
    else errors.add(std::move(entity).error());
  }
  if (!o.suppliers.empty()) {
    if (auto reg = read_supplier_register(o.suppliers, "--suppliers", o.encoding)) in.suppliers = std::move(*reg);
    else errors.add(reg.error());
  }
  for (const std::string& path : o.exercises) {
    // The JSON of `vigil exercise score --format json` (exercise/results.h).
    auto text = read_file(path);
    auto result = text ? exercise::read_exercise_result(*text, path, tzdata::locate)
                       : Result<assess::ExerciseResult>(tl::unexpected(text.error()));
    if (result) in.exercises.push_back(std::move(*result));
    else errors.add(std::move(result).error());
  }
  if (o.stored_exercises) {
    // The workspace's ended live exercises (application/live_exercise.h), as --exercises takes results.
    auto stored = [&]() -> Result<std::vector<assess::ExerciseResult>> {
      const Instant wall = TRY(now());
      Workspace workspace = TRY(open_workspace(WorkspaceChoice{o.db, o.org, {}}, WorkspaceAccess::MustExist));
      if (o.verbose) std::fprintf(stderr, "vigil: %s\n", terminal_text(describe(workspace)).c_str());
      auto exercises = TRY(store::open_exercises(workspace.location));
      return application::ended_exercise_results(*exercises, *workspace.store, workspace.org, wall);
    }();
    if (stored) in.exercises.insert(in.exercises.end(), stored->begin(), stored->end());
    else errors.add(stored.error());
  }
  if (!o.as_of.empty()) {
    keep(parse_date(o.as_of, "--as-of"), in.as_of);
  } else if (auto instant = now(); !instant) {
    errors.add(instant.error());
  } else {
    in.as_of = utc_date(*instant);
  }
  if (!o.fail_under.empty()) {
    in.fail_under_tenths = assess::parse_percent_tenths(o.fail_under);
    if (!in.fail_under_tenths) {
      errors.add(Error{ErrorCode::InvalidInput,
                       "--fail-under",
                       fmt::format("'{}' is not a percentage from 0 to 100 (at most one decimal, e.g. 80 "
                                   "or 72.5)",
                                   excerpt(o.fail_under)),
                       {}});
    }
  }
  if (!errors.empty()) {
    // Input errors first, the most basic (a file that cannot be read) leading.
    return tl::unexpected(errors.result().error());
  }
  return in;
}

std::string render_report(const assess::GapReport& report, Format format) {
  switch (format) {
    case Format::Json: return assess::render_json(report);
    case Format::Csv: return assess::render_csv(report);
    case Format::Markdown: return assess::render_markdown(report);
    case Format::Html: return assess::render_html(report);
    case Format::Text: break;
  }
  return assess::render_text(report, colour);
}

// --convert-2013: the SoA rewritten in 2022 ids as CSV (to --output or
// standard output), what was done to each row on standard error.
int run_convert_2013(const GapOptions& o) {
  auto options = reading_options(o);
  if (!options) return report(options.error());
  auto text = read_file(o.soa, options->second);
  if (!text) return report(text.error());
  auto table = assess::read_table(*text, assess::input_format_for(o.soa), o.soa, assess::soa_columns(), options->first);
  if (!table) return report(table.error());
  if (!table->errors.empty()) return report(table->errors.result().error());
  print_notices(table->notices);
  assess::Converted2013 converted = assess::convert_2013(*table);
  if (!converted.errors.empty()) return report(converted.errors.result().error());  // nothing written

  std::string csv;
  std::vector<std::string> header;
  for (const auto& column : assess::soa_columns()) header.emplace_back(column.name);
  auto line = [&](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) csv += (i ? "," : "") + csv_field(cells[i]);
    csv += '\n';
  };
  line(header);
  for (const auto& row : converted.rows) line(row);

  std::string log = fmt::format("vigil: {} rewritten in ISO/IEC 27001:2022 ids (ISO/IEC 27002:2022 Annex B)\n", o.soa);
  auto section = [&](std::string_view title, const std::vector<assess::Converted2013::Merge>& merges) {
    if (merges.empty()) return;
    log += fmt::format("{} ({}):\n", title, merges.size());
    for (const auto& m : merges) {
      log += fmt::format("  {} <- {}{}\n", m.control, fmt::join(m.sources, ", "), m.note.empty() ? "" : "; " + m.note);
    }
  };
  auto list = [&](std::string_view title, const std::vector<std::string>& items) {
    if (items.empty()) return;
    log += fmt::format("{} ({}):\n", title, items.size());
    for (const auto& item : items) log += "  " + item + "\n";
  };
  list("read as ISO/IEC 27001:2013 Annex A numbers", converted.read_as);
  section("carried over, one row each", converted.carried_over);
  section("merged: several 2013 controls are one 2022 control", converted.merged);
  list("split: one 2013 control is several 2022 controls, the row copied to each", converted.split);
  list("only partly evidenced: some of the 2013 controls it replaces are not in the SoA", converted.partly_evidenced);
  list("superseded by a row already in 2022 ids", converted.superseded);
  list("unknown ids, kept as written", converted.unknown);
  list("2022 controls no row covers: assess them", converted.uncovered);

  if (!o.output.empty()) {
    if (auto written = write_file(o.output, csv); !written) return report(written.error());
  } else {
    print(csv);
  }
  std::fputs(log.c_str(), stderr);
  return 0;
}

// --record: what POST .../gap-assessments stores, from the command line
// (application/gap_recording.h): the SoA and entity as given, the documents
// register given or the organisation's stored one, the workspace's ended live
// exercises; on the organisation's record trail, by --by.
Result<void> check_record_options(const GapOptions& o) {
  auto not_with = [](std::string_view option) {
    return invalid(std::string(option),
                   fmt::format("{} cannot go with --record: a stored assessment holds the SoA, the documents "
                               "register, the entity and the workspace's ended live exercises, as the API "
                               "records it",
                               option));
  };
  if (o.convert_2013) return not_with("--convert-2013");
  if (!o.suppliers.empty()) return not_with("--suppliers");
  if (!o.exercises.empty()) return not_with("--exercises");
  if (trim(o.by).empty()) return invalid("--by", "required with --record: who records the assessment (on the trail)");
  if (o.by.size() > 200 || !is_utf8(o.by)) return invalid("--by", "at most 200 characters of UTF-8 text");
  return {};
}

// The rows of an input file as the JSON rows the API takes.
Result<nlohmann::json> input_rows(const GapOptions& o, const std::string& path,
                                  std::span<const assess::Column> columns) {
  const auto [csv, encoding] = TRY(reading_options(o));
  const std::string text = TRY(read_file(path, encoding));
  const assess::InputTable table = TRY(assess::read_table(text, assess::input_format_for(path), path, columns, csv));
  return application::table_rows(table, columns);
}

Result<int> run_record(const GapOptions& o) {
  TRY(check_record_options(o));
  GapOptions reading = o;
  reading.stored_exercises = false;  // recording adds them, as the API does
  auto inputs = TRY(read_inputs(reading));
  print_notices(inputs.soa.notices);
  print_notices(inputs.documents.notices);
  application::GapRecording recording;
  recording.soa_rows = TRY(input_rows(o, o.soa, assess::soa_columns()));
  recording.soa = std::move(inputs.soa);
  recording.soa_source = o.soa;
  if (!o.documents.empty()) {
    nlohmann::json rows = TRY(input_rows(o, o.documents, assess::document_columns()));
    recording.documents = std::pair{std::move(inputs.documents), std::move(rows)};
  }
  if (!o.entity.empty()) {
    const std::string text = TRY(read_file(o.entity));
    recording.entity_input = TRY(parse_json(text, o.entity));
    recording.entity = std::move(inputs.entity);
  }
  recording.as_of = inputs.as_of;
  recording.by = o.by;
  const Instant wall = TRY(now());
  Workspace workspace = TRY(open_workspace(WorkspaceChoice{o.db, o.org, o.seal_key}, WorkspaceAccess::MayCreate));
  if (o.verbose) std::fprintf(stderr, "vigil: %s\n", terminal_text(describe(workspace)).c_str());
  auto compliance = TRY(store::open_compliance(workspace.location, workspace.sealer));
  auto exercises = TRY(store::open_exercises(workspace.location, workspace.sealer));
  const auto recorded = TRY(application::record_gap_assessment(*compliance, exercises.get(), *workspace.store,
                                                               workspace.org, std::move(recording), wall));
  // -f json: the API's answer (the stored summary with the report) and, as
  // every command that uses a workspace, its "workspace"; else the report as rendered.
  std::string text;
  if (o.format == Format::Json) {
    nlohmann::json answer = application::to_json(recorded);
    answer["workspace"] = workspace.location;
    text = answer.dump(2) + "\n";
  } else {
    text = render_report(recorded.report, o.format);
  }
  if (!o.output.empty()) TRY(write_file(o.output, text));
  else print(text);
  std::fputs(terminal_text(fmt::format("vigil: recorded as gap assessment {} of organisation {} (as of {}, by {})",
                                       recorded.summary.id, workspace.org, format_date(recorded.summary.as_of),
                                       recorded.summary.created_by))
                 .append("\n")
                 .c_str(),
             stderr);
  const int score = recorded.report.overall.score_tenths();
  if (inputs.fail_under_tenths && score < *inputs.fail_under_tenths) {
    std::fputs(fmt::format("vigil: readiness {} % is below --fail-under {} %\n", assess::format_tenths(score),
                           assess::format_tenths(*inputs.fail_under_tenths))
                   .c_str(),
               stderr);
    return 1;
  }
  return 0;
}

int run_gap(const GapOptions& o) {
  if (o.convert_2013) return run_convert_2013(o);
  if (o.record) return finish(run_record(o));
  auto inputs = read_inputs(o);
  if (!inputs) return report(inputs.error());
  print_notices(inputs->soa.notices);
  print_notices(inputs->documents.notices);
  assess::GapReport gap = assess::assess(inputs->soa, inputs->documents, inputs->as_of);
  gap.soa_source = o.soa;
  gap.documents_source = o.documents;
  gap.entity = std::move(inputs->entity);
  if (inputs->suppliers) {
    supplier::AnalysisOptions options;
    options.as_of = inputs->as_of;
    supplier::Analysis analysis = supplier::analyse(*inputs->suppliers, options);
    auto findings = supplier::gap_findings(*inputs->suppliers, analysis);
    assess::add_supplier_register(gap, findings, o.suppliers);
  }
  if (!o.exercises.empty() || o.stored_exercises) assess::add_exercise_results(gap, inputs->exercises);
  // An entity type IR 2024/2690 covers: its Annex is what the supervisor checks.
  if (gap.entity && gap.entity->implementing_regulation_2024_2690) assess::add_ir_2024_2690(gap, inputs->soa);
  std::string text = render_report(gap, o.format);
  if (!o.output.empty()) {
    if (auto written = write_file(o.output, text); !written) return report(written.error());
  } else {
    print(text);
  }
  const int score = gap.overall.score_tenths();
  if (inputs->fail_under_tenths && score < *inputs->fail_under_tenths) {
    std::fputs(fmt::format("vigil: readiness {} % is below --fail-under {} %\n", assess::format_tenths(score),
                           assess::format_tenths(*inputs->fail_under_tenths))
                   .c_str(),
               stderr);
    return 1;
  }
  return 0;
}

// --- vigil export oscal ----------------------------------------------------------

// The SHA-256 of each SoA evidence reference that names a readable regular file,
// relative to the working directory or to the SoA's folder; other references
// (document ids, descriptions) are exported without a hash.
assess::EvidenceHashes evidence_hashes(const assess::Soa& soa, const std::string& soa_path) {
  namespace fs = std::filesystem;
  assess::EvidenceHashes out;
  const fs::path base = fs::path(soa_path).parent_path();
  for (const assess::SoaEntry& e : soa.entries)
    for (const std::string& ref : e.evidence) {
      if (out.count(ref) || ref.size() > 4096) continue;
      for (const fs::path& candidate : {fs::path(ref), base / ref}) {
        std::error_code ec;
        if (!fs::is_regular_file(candidate, ec)) continue;
        if (auto bytes = read_file(candidate.string())) {
          out[ref] = sha256_hex(*bytes);
          break;
        }
      }
    }
  return out;
}

int emit_document(const nlohmann::ordered_json& document, const std::string& output) {
  std::string text = document.dump(2) + "\n";
  if (output.empty()) {
    print(text);
    return 0;
  }
  if (auto written = write_file(output, text); !written) return report(written.error());
  return 0;
}

// A gap assessment stored in the workspace (POST .../gap-assessments): its
// stored SoA and register rows, assessed as of its date. The documents'
// SHA-256 come from the register's uploaded content.
int run_export_stored_assessment(const GapOptions& o, bool poam) {
  auto done = [&]() -> Result<int> {
    auto workspace = TRY(open_workspace(WorkspaceChoice{o.db, o.org, {}}, WorkspaceAccess::MustExist));
    auto compliance = TRY(store::open_compliance(workspace.location));
    auto stored = TRY(compliance->assessment(workspace.org, o.assessment));
    const std::string source = fmt::format("gap assessment {} of {}", o.assessment, workspace.org);
    auto soa = TRY(assess::parse_soa(stored.soa, assess::InputFormat::Json, source + ": soa"));
    auto documents =
        TRY(assess::parse_document_register(stored.documents, assess::InputFormat::Json, source + ": documents"));
    assess::GapReport gap = assess::assess(soa, documents, stored.summary.as_of);
    gap.soa_source = source;
    if (poam) return emit_document(assess::oscal_poam(gap), o.output);
    assess::EvidenceHashes hashes;
    auto register_rows = TRY(compliance->documents(workspace.org));
    for (const auto& row : register_rows) {
      if (!row.content_sha256.empty()) hashes[row.name] = row.content_sha256;
    }
    return emit_document(assess::oscal_assessment_results(gap, soa, hashes), o.output);
  }();
  return done ? *done : report(done.error());
}

int run_export_assessment(const GapOptions& o, bool poam) {
  if (o.assessment > 0) {
    if (!o.soa.empty())
      return report(Error{ErrorCode::InvalidInput, "--assessment", "give --soa or --assessment, not both", {}});
    return run_export_stored_assessment(o, poam);
  }
  if (o.soa.empty()) {
    return report(Error{ErrorCode::InvalidInput,
                        "--soa",
                        "give the SoA (--soa FILE) or a stored assessment (--assessment N with --db and --org)",
                        {}});
  }
  auto inputs = read_inputs(o);
  if (!inputs) return report(inputs.error());
  assess::GapReport gap = assess::assess(inputs->soa, inputs->documents, inputs->as_of);
  gap.soa_source = o.soa;
  gap.documents_source = o.documents;
  if (poam) return emit_document(assess::oscal_poam(gap), o.output);
  return emit_document(assess::oscal_assessment_results(gap, inputs->soa, evidence_hashes(inputs->soa, o.soa)),
                       o.output);
}

void add_export_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<GapOptions>();
  auto which = std::make_shared<std::string>("nis2");
  CLI::App* export_command =
      app.add_subcommand("export", "Export the knowledge base or an assessment in an open format");
  export_command->require_subcommand(1);
  CLI::App* oscal =
      export_command->add_subcommand("oscal", "OSCAL 1.2.1 JSON: catalog, mapping, assessment-results or poam");
  oscal->require_subcommand(1);
  oscal->footer(
      "Documents declare oscal-version 1.2.1 and validate against NIST's OSCAL 1.2.1 JSON schemas.\n"
      "UUIDs are version-5 UUIDs of ids (and, for assessments, of the date and SoA), so re-exports diff\n"
      "cleanly. Catalog and mapping timestamps are the knowledge base's edition date.");

  CLI::App* catalog =
      oscal->add_subcommand("catalog", "The NIS2 requirements or the IR 2024/2690 Annex as an OSCAL catalog");
  // In any case, as every id (IR-2024-2690 is ir-2024-2690).
  catalog->add_option("which", *which, "nis2 (default) or ir-2024-2690")
      ->transform(CLI::IsMember({"nis2", "ir-2024-2690"}, CLI::ignore_case));
  add_output_option(*catalog, options->output);
  catalog->callback([options, which, &exit_code] {
    auto document = catalog::oscal_catalog(catalog::builtin(), *which);
    exit_code = document ? emit_document(*document, options->output) : report(document.error());
  });

  CLI::App* mapping = oscal->add_subcommand(
      "mapping", "NIS2 -> ISO/IEC 27001 and IR 2024/2690 -> ISO/IEC 27001 as an OSCAL mapping collection");
  add_output_option(*mapping, options->output);
  mapping->callback([options, &exit_code] {
    exit_code = emit_document(catalog::oscal_mapping(catalog::builtin()), options->output);
  });

  for (bool poam : {false, true}) {
    CLI::App* sub =
        oscal->add_subcommand(poam ? "poam" : "assessment-results",
                              poam ? "The gap assessment's actions as an OSCAL plan of action and milestones"
                                   : "A gap assessment as OSCAL assessment results: one finding per NIS2 requirement");
    sub->add_option("--soa", options->soa, "Statement of Applicability (as for 'vigil gap')")->option_text("FILE");
    sub->add_option("--assessment", options->assessment,
                    "Instead of --soa: a gap assessment stored in the workspace (its number)")
        ->check(CLI::PositiveNumber)
        ->option_text("N");
    sub->add_option("--db", options->db, "Workspace of --assessment (default ./vigil.db)")
        ->envname("VIGIL_DB")
        ->option_text("PATH");
    sub->add_option("--org", options->org, "Organisation of --assessment (needed when the workspace holds several)")
        ->envname("VIGIL_ORG")
        ->option_text("ORG");
    sub->add_option("--documents", options->documents, "Documents register (as for 'vigil gap')")->option_text("FILE");
    add_as_of_option(*sub, options->as_of, "Assessment date");
    add_output_option(*sub, options->output);
    if (!poam)
      sub->footer(
          "Evidence references of the SoA go to back-matter; one that names a readable file (relative to\n"
          "the working directory or the SoA's folder) carries its SHA-256.");
    sub->callback([options, poam, &exit_code] { exit_code = run_export_assessment(*options, poam); });
  }
}

}  // namespace

void add_gap_command(CLI::App& app, int& exit_code) {
  add_export_command(app, exit_code);
  auto options = std::make_shared<GapOptions>();
  CLI::App* gap =
      app.add_subcommand("gap", "Gap assessment: NIS2 readiness from an ISO 27001 Statement of Applicability");
  gap->description(
      "Gap assessment: how far an ISO/IEC 27001 organisation is from NIS2 (Arts 20, 21, 23),\n"
      "requirement by requirement, with scores, roadmap progress and prioritised actions.\n"
      "Inputs may be CSV, JSON or YAML (chosen by the file extension).");
  gap->add_option("--soa", options->soa,
                  "Statement of Applicability: control, applicable, justification, status, owner, evidence, "
                  "last_reviewed")
      ->required()
      ->option_text("FILE");
  gap->add_option("--documents", options->documents,
                  "Documents register: document, status (missing|draft|approved), approved_by, approved_on, "
                  "next_review")
      ->option_text("FILE");
  gap->add_option("--entity", options->entity,
                  "Entity profile (the input of 'vigil scope') to add its classification and duties")
      ->option_text("FILE");
  gap->add_option("--suppliers", options->suppliers,
                  "Supplier register (as for 'vigil supplier analyse --register') whose findings are added to "
                  "rm.supply_chain and rm.supplier_vulnerabilities, with their actions")
      ->option_text("FILE|DIR");
  gap->add_option("--exercises", options->exercises,
                  "Exercise results (the JSON of 'vigil exercise score --format json'): the latest result beside "
                  "rm.incident_handling, rm.business_continuity, rm.crisis_management and rep.*, testing overdue "
                  "after 12 months, improvement items as actions")
      ->option_text("FILE...");
  CLI::Option* db_option =
      gap->add_option("--db", options->db,
                      "Workspace whose organisation's ended live exercises ('vigil exercise end') are exercise "
                      "results too, as with --exercises; the workspace --record stores in (VIGIL_DB stands for it "
                      "with --record)")
          ->option_text("PATH");
  gap->add_option("--org", options->org, "Organisation of --db (needed when the workspace holds several)")
      ->envname("VIGIL_ORG")
      ->option_text("ORG");
  add_as_of_option(*gap, options->as_of, "Assessment date");
  gap->add_option("--fail-under", options->fail_under, "Exit with status 1 when the overall score is below N %")
      ->option_text("N");
  add_output_option(*gap, options->output, "the report");
  add_delimiter_option(*gap, options->delimiter);
  add_encoding_option(*gap, options->encoding);
  gap->add_flag("--convert-2013", options->convert_2013,
                "Rewrite an SoA written in ISO/IEC 27001:2013 Annex A numbers into 2022 ids (CSV to --output or "
                "standard output; merges, splits and controls left to assess on standard error)");
  gap->add_flag("--record", options->record,
                "Store the assessment in the workspace of --db (default ./vigil.db) and --org, as the API does: "
                "the documents register of --documents or the organisation's stored one, its ended live exercises; "
                "on the record trail, by --by. With --format json, prints the stored assessment (id, scores, report)");
  gap->add_option("--by", options->by, "Who records the assessment (with --record)")->option_text("NAME");
  gap->add_flag("--verbose,-v", options->verbose,
                "Name the workspace and organisation used, with --record or --db (on standard error)");
  add_seal_key(*gap, options->seal_key);
  add_format_option(*gap, options->format, /*allow_html=*/true);
  gap->callback([options, db_option, &exit_code] {
    options->stored_exercises = db_option->count() > 0;
    // --record needs a workspace: VIGIL_DB names it when --db does not, as
    // for every command that writes. Without --record, only --db itself adds
    // a workspace's exercises (an exported VIGIL_DB does not change a report).
    if (options->record && db_option->count() == 0) {
      if (const char* env = std::getenv("VIGIL_DB"); env && *env) options->db = env;
    }
    exit_code = run_gap(*options);
  });
}

}  // namespace vigil::cli
