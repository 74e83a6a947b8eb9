// `vigil supplier import|analyse|impact|directory`: the supplier register
// (NIS2 Art. 21(2)(d), 21(3); IR 2024/2690 Annex 5). Reads the register (a
// YAML or JSON file, a directory with functions.csv, suppliers.csv and
// dependencies.csv, or the organisation's stored register with --db), calls
// the supplier domain and renders; `import` stores a register file in the
// workspace (store/supplier_store.h), on the record trail.
#include <cstdlib>
#include <filesystem>
#include <memory>

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "assess/score.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "cli/supplier_input.h"
#include "cli/workspace.h"
#include "core/errors.h"
#include "core/text.h"
#include "store/supplier_store.h"
#include "supplier/analysis.h"
#include "supplier/impact.h"
#include "supplier/register_input.h"
#include "supplier/report.h"

namespace vigil::cli {
namespace {

namespace sup = vigil::supplier;

struct SupplierOptions {
  std::string register_path;
  std::string encoding;  // --encoding of the register's files
  std::string db;        // the workspace whose stored register is read (when --register is not given)
  std::string org;
  std::string seal_key;  // import: --seal-key
  std::string by;        // import: who imports (default "<login> (command line)")
  bool verbose = false;
  std::string as_of;
  std::string threshold;
  std::string required_clauses;
  std::string supplier;
  std::string group;
  std::string country;
  std::string output;
  Format format = Format::Text;
};

bool has_extension(const std::string& path, std::string_view ext) {
  std::string lower = to_lower(path);
  return lower.size() >= ext.size() && lower.compare(lower.size() - ext.size(), ext.size(), ext) == 0;
}

Result<Date> as_of_date(const std::string& text) {
  if (!text.empty()) return parse_date(text, "--as-of");
  return utc_date(TRY(now()));
}

Result<std::vector<sup::Clause>> required_clauses(const std::string& text) {
  if (text.empty()) return sup::all_clauses();
  if (text == "none") return std::vector<sup::Clause>{};
  std::vector<sup::Clause> clauses;
  auto names = sup::clause_names();
  std::vector<std::string_view> known(names.begin(), names.end());
  std::string_view rest = text;
  while (true) {
    auto comma = rest.find(',');
    std::string_view item = trim(rest.substr(0, comma));
    auto clause = sup::parse_clause(item);
    if (!clause) {
      auto close = nearest(item, known, 1);
      return invalid(
          "--required-clauses",
          fmt::format("unknown clause '{}'{}: the clauses are {} (or 'none')", excerpt(item),
                      close.empty() ? "" : fmt::format(" (did you mean {}?)", close.front()), fmt::join(known, ", ")));
    }
    if (std::find(clauses.begin(), clauses.end(), *clause) == clauses.end()) clauses.push_back(*clause);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  std::sort(clauses.begin(), clauses.end());
  return clauses;
}

Result<sup::AnalysisOptions> analysis_options(const SupplierOptions& o) {
  sup::AnalysisOptions options;
  Errors errors;
  if (auto date = as_of_date(o.as_of)) options.as_of = *date;
  else errors.add(date.error());
  if (!o.threshold.empty()) {
    auto permille = assess::parse_percent_tenths(o.threshold);
    if (permille) {
      options.threshold_permille = *permille;
    } else {
      errors.add(Error{ErrorCode::InvalidInput,
                       "--concentration-threshold",
                       fmt::format("'{}' is not a percentage from 0 to 100 (at most one decimal, e.g. 50 or 33.3)",
                                   excerpt(o.threshold)),
                       {}});
    }
  }
  if (auto clauses = required_clauses(o.required_clauses)) options.required_clauses = *clauses;
  else errors.add(clauses.error());
  TRY(errors.result());
  return options;
}

std::string percent(int permille) { return assess::format_tenths(permille) + " %"; }

// --- analyse ----------------------------------------------------------------

Table findings_table(const sup::Analysis& a) {
  Table t{{"code", "supplier or group", "detail"}, {}};
  for (const sup::Finding& f : a.findings) {
    t.rows.push_back({f.code, f.supplier.empty() ? "group " + f.group : f.supplier, f.detail});
  }
  return t;
}

Table spof_table(const sup::Analysis& a) {
  Table t{{"critical function", "supplier", "path"}, {}};
  for (const sup::SinglePointOfFailure& p : a.single_points_of_failure) {
    t.rows.push_back({p.function, p.supplier, joined(p.path, " -> ")});
  }
  return t;
}

Table concentration_table(const sup::Analysis& a, std::size_t& none) {
  Table t{{"share", "kind", "id", "critical functions"}, {}};
  none = 0;
  for (const sup::Concentration& c : a.concentration) {
    if (c.critical_functions.empty()) {
      ++none;
      continue;
    }
    t.rows.push_back({percent(c.share_permille), std::string(sup::to_string(c.kind)), c.id,
                      fmt::format("{}: {}", c.critical_functions.size(), joined(c.critical_functions))});
  }
  return t;
}

std::string clause_list(const sup::Analysis& a) {
  if (a.required_clauses.empty()) return "none";
  std::vector<std::string> names;
  for (sup::Clause c : a.required_clauses) names.emplace_back(sup::to_string(c));
  return joined(names);
}

// Text and Markdown share the sections; only headings and tables differ.
std::string render_analysis_document(const sup::Analysis& a, Format format) {
  bool md = format == Format::Markdown;
  auto heading = [&](const std::string& title) { return md ? "## " + title + "\n\n" : title + "\n"; };
  auto table = [&](const Table& t) { return (md ? render_markdown(t) : render_text(t)) + "\n"; };
  auto para = [&](const std::string& text) { return (md ? markdown_text(text) : terminal_text(text)) + "\n\n"; };
  std::string out = md ? "# Supplier register analysis\n\n" : "";
  out +=
      para(fmt::format("As of {}: {} functions ({} critical), {} suppliers, {} dependencies. Concentration "
                       "threshold {}; required clauses: {}.",
                       format_date(a.as_of), a.functions, a.critical_functions, a.suppliers, a.dependencies,
                       percent(a.threshold_permille), clause_list(a)));
  out += heading(fmt::format("Findings ({})", a.findings.size()));
  out += a.findings.empty() ? para("None.") : table(findings_table(a));
  out += heading(fmt::format("Single points of failure ({})", a.single_points_of_failure.size()));
  out += a.single_points_of_failure.empty()
             ? para("None: every supplier a critical function depends on is substitutable or has an exit plan.")
             : table(spof_table(a));
  std::size_t none = 0;
  Table concentration = concentration_table(a, none);
  out += heading("Concentration (share of the critical functions depending on each supplier and group)");
  out += concentration.rows.empty() ? para("No supplier serves a critical function.") : table(concentration);
  if (none == 1) out += para("1 supplier or group serves no critical function.");
  if (none > 1) out += para(fmt::format("{} suppliers or groups serve no critical function.", none));
  out += heading(fmt::format("Cycles of subcontracting ({})", a.cycles.size()));
  if (a.cycles.empty()) {
    out += para("None.");
  } else {
    for (const sup::Cycle& c : a.cycles) out += para((md ? "- " : "  ") + joined(c.path, " -> "));
  }
  while (out.size() > 1 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n') out.pop_back();
  return out;
}

// CSV: the work list, one row per finding and per single point of failure.
std::string render_analysis_csv(const sup::Analysis& a) {
  Table t{{"code", "supplier", "group", "function", "detail", "path"}, {}};
  for (const sup::Finding& f : a.findings) t.rows.push_back({f.code, f.supplier, f.group, "", f.detail, ""});
  for (const sup::SinglePointOfFailure& p : a.single_points_of_failure) {
    t.rows.push_back(
        {"single_point_of_failure", p.supplier, "", p.function,
         fmt::format("{} depends on {}, which is neither substitutable nor has an exit plan", p.function, p.supplier),
         joined(p.path, " -> ")});
  }
  return render_csv(t);
}

Result<void> emit(const SupplierOptions& o, const std::string& text) {
  if (!o.output.empty()) return write_file(o.output, text);
  print(text);
  return {};
}

// The register a command works on: the file of --register, else the stored
// register of the --db workspace's organisation.
Result<sup::Register> load_register(const SupplierOptions& o) {
  if (!o.register_path.empty()) return read_supplier_register(o.register_path, "--register", o.encoding);
  if (o.db.empty()) {
    return invalid("--register",
                   "give a register file (--register FILE|DIR) or a workspace with a stored register "
                   "(--db PATH, or VIGIL_DB)");
  }
  auto workspace = TRY(open_workspace(WorkspaceChoice{o.db, o.org, {}}, WorkspaceAccess::MustExist));
  if (o.verbose) std::fprintf(stderr, "vigil: %s\n", terminal_text(describe(workspace)).c_str());
  auto suppliers = TRY(store::open_suppliers(workspace.location, workspace.sealer));
  auto stored = TRY(suppliers->supplier_register(workspace.org));
  if (!stored) {
    return fail(ErrorCode::NotFound, "--db",
                fmt::format("organisation {} has no stored supplier register; store one with `vigil supplier import "
                            "--register FILE`, or analyse a file with --register FILE",
                            workspace.org));
  }
  return std::move(stored->reg);
}

Result<int> run_analyse(const SupplierOptions& o) {
  auto options = analysis_options(o);
  auto reg = load_register(o);
  if (!reg || !options) {
    Errors errors;
    if (!reg) errors.add(reg.error());
    if (!options) errors.add(options.error());
    return tl::unexpected(errors.result().error());
  }
  sup::Analysis a = sup::analyse(*reg, *options);
  std::string text;
  switch (o.format) {
    case Format::Json: text = sup::render_json(a); break;
    case Format::Html: text = sup::render_html(*reg, a); break;
    case Format::Csv: text = render_analysis_csv(a); break;
    case Format::Text:
    case Format::Markdown: text = render_analysis_document(a, o.format); break;
  }
  TRY(emit(o, text));
  return 0;
}

// --- impact -----------------------------------------------------------------

Result<sup::ImpactQuery> impact_query(const SupplierOptions& o) {
  int given = !o.supplier.empty() + !o.group.empty() + !o.country.empty();
  if (given != 1) {
    return invalid("supplier impact", "name exactly one of: a SUPPLIER id, --group G or --country CC");
  }
  if (!o.group.empty()) return sup::ImpactQuery{sup::ImpactScope::Group, o.group};
  if (!o.country.empty()) return sup::ImpactQuery{sup::ImpactScope::Country, o.country};
  return sup::ImpactQuery{sup::ImpactScope::Supplier, o.supplier};
}

std::string outcome(const sup::ImpactedFunction& f) { return f.fails ? "fails" : "keeps an alternative"; }

std::string losses(const sup::ImpactedFunction& f) {
  std::vector<std::string> parts;
  for (const sup::KindLoss& k : f.kinds) {
    parts.push_back(
        fmt::format("{}: lost {}; {}", k.kind, joined(k.failed),
                    k.surviving.empty() ? std::string("no other supplier") : "still " + joined(k.surviving)));
  }
  if (parts.empty()) return "its direct suppliers keep working (a subcontractor kept an alternative)";
  return joined(parts, " | ");
}

std::string paths(const sup::ImpactedFunction& f) {
  std::vector<std::string> out;
  for (const auto& p : f.paths) out.push_back(joined(p, " -> "));
  return joined(out, " | ");
}

Table impact_functions_table(const sup::Impact& impact) {
  Table t{{"function", "critical", "entity type", "outcome", "what it lost", "path"}, {}};
  for (const sup::ImpactedFunction& f : impact.functions) {
    t.rows.push_back({f.id, f.critical ? "yes" : "no", f.entity_type.empty() ? "-" : f.entity_type, outcome(f),
                      losses(f), paths(f)});
  }
  return t;
}

std::string question(const sup::Impact& impact) {
  switch (impact.query.scope) {
    case sup::ImpactScope::Group: return fmt::format("group {} ({})", impact.query.value, joined(impact.named));
    case sup::ImpactScope::Country:
      return fmt::format("every supplier in {} ({})", impact.query.value,
                         impact.named.empty() ? std::string("none in the register") : joined(impact.named));
    case sup::ImpactScope::Supplier: break;
  }
  return fmt::format("supplier {}", impact.query.value);
}

std::string render_impact_document(const sup::Impact& impact, Format format) {
  bool md = format == Format::Markdown;
  auto heading = [&](const std::string& title) { return md ? "## " + title + "\n\n" : title + "\n"; };
  auto table = [&](const Table& t) { return (md ? render_markdown(t) : render_text(t)) + "\n"; };
  auto para = [&](const std::string& text) { return (md ? markdown_text(text) : terminal_text(text)) + "\n\n"; };
  std::size_t fail = 0, critical_fail = 0;
  for (const auto& f : impact.functions) {
    fail += f.fails;
    critical_fail += f.fails && f.critical;
  }
  std::string out = md ? "# What if a supplier fails\n\n" : "";
  out +=
      para(fmt::format("If {} fails: {} functions affected, {} fail ({} of them critical), {} keep an alternative.",
                       question(impact), impact.functions.size(), fail, critical_fail, impact.functions.size() - fail));
  out += heading(fmt::format("Failed suppliers ({})", impact.failed_suppliers.size()));
  if (impact.failed_suppliers.empty()) {
    out += para("None.");
  } else {
    Table t{{"supplier", "name", "why"}, {}};
    for (const auto& s : impact.failed_suppliers) {
      t.rows.push_back({s.id, s.name, s.named ? "named in the question" : s.reason});
    }
    out += table(t);
  }
  out += heading(fmt::format("Functions affected ({})", impact.functions.size()));
  out += impact.functions.empty() ? para("None.") : table(impact_functions_table(impact));
  out += heading("Regulated activities behind the failing functions");
  std::string activities = impact.entity_types.empty() ? std::string("none named") : joined(impact.entity_types);
  if (impact.unknown_entity_type > 0) {
    activities += fmt::format("; {} failing functions have no entity_type in the register", impact.unknown_entity_type);
  }
  out += para(activities);
  while (out.size() > 1 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n') out.pop_back();
  return out;
}

Result<int> run_impact(const SupplierOptions& o) {
  auto query = TRY(impact_query(o));
  auto reg = TRY(load_register(o));
  auto found = sup::impact(reg, query);
  if (!found) {
    // The domain names the field; the command line names its option.
    Error error = found.error();
    if (error.where == "country") error.where = "--country";
    else if (error.where == "group") error.where = "--group";
    else if (error.where == "supplier") error.where = "SUPPLIER";
    return tl::unexpected(std::move(error));
  }
  const sup::Impact& result = *found;
  std::string text;
  switch (o.format) {
    case Format::Json: text = sup::render_json(result); break;
    case Format::Csv: text = render_csv(impact_functions_table(result)); break;
    case Format::Html: return invalid("--format", "supplier impact writes text, json, csv or markdown");
    case Format::Text:
    case Format::Markdown: text = render_impact_document(result, o.format); break;
  }
  TRY(emit(o, text));
  return 0;
}

// --- directory --------------------------------------------------------------

Result<int> run_directory(const SupplierOptions& o) {
  auto reg = TRY(load_register(o));
  sup::AnalysisOptions options;  // only which suppliers serve a critical function is used
  sup::Analysis a = sup::analyse(reg, options);
  auto entries = sup::directory(reg, a.serves_critical);
  std::string text;
  if (o.format == Format::Json) {
    text = sup::render_directory_json(entries);
  } else if (o.format == Format::Html) {
    return invalid("--format", "supplier directory writes csv, json, text or markdown");
  } else {
    text = render(Table{sup::directory_columns(), sup::directory_rows(entries)}, o.format);
  }
  TRY(emit(o, text));
  return 0;
}

// --- import -----------------------------------------------------------------

std::string change_counts(const sup::ElementChanges& c) {
  return fmt::format("{} added, {} removed, {} changed", c.added, c.removed, c.changed);
}

Result<int> run_import(const SupplierOptions& o) {
  TRY(require_safe_text(o.by, "--by"));
  auto reg = TRY(read_supplier_register(o.register_path, "--register", o.encoding));
  auto workspace = TRY(
      open_workspace(WorkspaceChoice{o.db.empty() ? "vigil.db" : o.db, o.org, o.seal_key}, WorkspaceAccess::MayCreate));
  if (o.verbose) std::fprintf(stderr, "vigil: %s\n", terminal_text(describe(workspace)).c_str());
  const Instant at = TRY(now());
  std::string by = o.by;
  if (by.empty()) {
    const char* login = std::getenv("USER");
    by = fmt::format("{} (command line)", login && *login ? login : "operator");
  }
  auto suppliers = TRY(store::open_suppliers(workspace.location, workspace.sealer));
  auto done = TRY(suppliers->import_register(workspace.org, reg, by, at));
  const store::SupplierRegisterHead& h = done.head;
  if (o.format == Format::Json) {
    nlohmann::ordered_json out;
    out["workspace"] = workspace.location;
    out["organisation"] = workspace.org;
    out["unchanged"] = done.unchanged;
    out["revision"] = h.revision;
    out["sha256"] = h.sha256;
    out["functions"] = h.functions;
    out["suppliers"] = h.suppliers;
    out["dependencies"] = h.dependencies;
    out["updated_at"] = format_utc(h.updated_at);
    out["updated_by"] = h.updated_by;
    out["previous"] =
        done.previous ? nlohmann::ordered_json{{"revision", done.previous->revision}, {"sha256", done.previous->sha256}}
                      : nlohmann::ordered_json(nullptr);
    auto changes = [](const sup::ElementChanges& c) {
      return nlohmann::ordered_json{{"added", c.added}, {"removed", c.removed}, {"changed", c.changed}};
    };
    out["changes"] = {{"functions", changes(done.changes.functions)},
                      {"suppliers", changes(done.changes.suppliers)},
                      {"dependencies", changes(done.changes.dependencies)}};
    print(out.dump(2) + "\n");
    return 0;
  }
  if (o.format != Format::Text) return invalid("--format", "supplier import writes text or json");
  if (done.unchanged) {
    print(
        terminal_text(fmt::format("The supplier register of {} is unchanged (revision {}, SHA-256 {}): nothing "
                                  "written.\n",
                                  workspace.org, h.revision, h.sha256)));
    return 0;
  }
  std::string text = fmt::format(
      "Imported the supplier register of {} as revision {} by {} at {}: {} functions, {} suppliers, {} "
      "dependencies.\n",
      workspace.org, h.revision, h.updated_by, format_utc(h.updated_at), h.functions, h.suppliers, h.dependencies);
  text += fmt::format("  SHA-256 {}{}\n", h.sha256,
                      done.previous
                          ? fmt::format(" (was {} at revision {})", done.previous->sha256, done.previous->revision)
                          : std::string(" (first import)"));
  text += fmt::format("  functions: {}\n  suppliers: {}\n  dependencies: {}\n", change_counts(done.changes.functions),
                      change_counts(done.changes.suppliers), change_counts(done.changes.dependencies));
  text += "  On the record trail: vigil audit events; checked by vigil audit verify.\n";
  print(terminal_text(text));
  return 0;
}

void add_register_options(CLI::App& command, SupplierOptions& o) {
  command
      .add_option("--register", o.register_path,
                  "The supplier register: a .yaml/.yml or .json file, or a directory with functions.csv, "
                  "suppliers.csv and dependencies.csv (without it: the stored register of --db)")
      ->option_text("FILE|DIR");
  add_encoding_option(command, o.encoding);
  add_workspace_options(command, o.db, o.org,
                        "Read the organisation's stored register from this workspace (SQLite file or postgres:// "
                        "URL) when --register is not given");
  add_verbose_option(command, o.verbose);
  add_output_option(command, o.output);
}

}  // namespace

Result<supplier::Register> read_supplier_register(const std::string& path, std::string_view option,
                                                  const std::string& encoding) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    auto file = [&](std::string_view name) { return (std::filesystem::path(path) / name).string(); };
    std::string names[3] = {file("functions.csv"), file("suppliers.csv"), file("dependencies.csv")};
    std::string texts[3];
    Errors errors;
    for (int i = 0; i < 3; ++i) {
      auto text = read_file(names[i], encoding);
      if (text) texts[i] = std::move(*text);
      else errors.add(text.error());
    }
    TRY(errors.result());
    return supplier::parse_register_csv({texts[0], names[0]}, {texts[1], names[1]}, {texts[2], names[2]});
  }
  bool json = has_extension(path, ".json");
  if (!json && !has_extension(path, ".yaml") && !has_extension(path, ".yml")) {
    return invalid(std::string(option), fmt::format("'{}' is neither a .yaml/.yml or .json file nor a directory with "
                                                    "functions.csv, suppliers.csv and dependencies.csv",
                                                    excerpt(path)));
  }
  auto text = TRY(read_file(path, encoding));
  return supplier::parse_register(text, json ? supplier::DocumentFormat::Json : supplier::DocumentFormat::Yaml, path);
}

void add_supplier_commands(CLI::App& app, int& exit_code) {
  CLI::App* group =
      app.add_subcommand("supplier", "Supplier register: concentration, single points of failure, what-if, directory");
  group->description(
      "The supplier register (NIS2 Art. 21(2)(d) and 21(3), IR 2024/2690 Annex 5): which critical\n"
      "functions depend on which suppliers and subcontractors, what fails together, and what is\n"
      "missing in contracts, certificates and assessments. See docs/SUPPLIERS.md.");
  group->require_subcommand(1);

  auto imp = std::make_shared<SupplierOptions>();
  CLI::App* m = group->add_subcommand(
      "import", "Store a register file as the organisation's supplier register (replaces it; on the record trail)");
  m->add_option("--register", imp->register_path,
                "The supplier register: a .yaml/.yml or .json file, or a directory with functions.csv, "
                "suppliers.csv and dependencies.csv")
      ->required()
      ->option_text("FILE|DIR");
  add_encoding_option(*m, imp->encoding);
  add_workspace_options(*m, imp->db, imp->org);
  add_verbose_option(*m, imp->verbose);
  add_seal_key(*m, imp->seal_key);
  m->add_option("--by", imp->by, "Who imports it, for the record trail (default: your login, \"(command line)\")")
      ->option_text("NAME");
  add_format_option(*m, imp->format);
  m->callback([imp, &exit_code] { exit_code = finish(run_import(*imp)); });

  auto analyse = std::make_shared<SupplierOptions>();
  CLI::App* a = group->add_subcommand("analyse", "Concentration, single points of failure and findings");
  add_register_options(*a, *analyse);
  add_as_of_option(*a, analyse->as_of, "Date the findings are judged on");
  a->add_option("--concentration-threshold", analyse->threshold,
                "A supplier or group on which more than N % of the critical functions depend is a finding "
                "(default 50)")
      ->option_text("N");
  a->add_option("--required-clauses", analyse->required_clauses,
                "Comma-separated contract clauses every supplier serving a critical function needs (default: all "
                "eight; 'none' for none)")
      ->option_text("LIST");
  add_format_option(*a, analyse->format, /*allow_html=*/true);
  a->callback([analyse, &exit_code] { exit_code = finish(run_analyse(*analyse)); });

  auto impact = std::make_shared<SupplierOptions>();
  CLI::App* i = group->add_subcommand("impact", "What fails if a supplier, a group or a country's suppliers fail");
  i->add_option("SUPPLIER", impact->supplier, "The supplier id")->option_text("SUPPLIER");
  i->add_option("--group", impact->group, "Every supplier of this corporate group fails")->option_text("G");
  i->add_option("--country", impact->country, "Every supplier in this country fails (ISO 3166-1 alpha-2)")
      ->option_text("CC");
  add_register_options(*i, *impact);
  add_format_option(*i, impact->format);
  i->callback([impact, &exit_code] { exit_code = finish(run_impact(*impact)); });

  auto dir = std::make_shared<SupplierOptions>();
  CLI::App* d = group->add_subcommand(
      "directory", "The IR 2024/2690 Annex 5.2 directory: contacts and the ICT services of each supplier");
  add_register_options(*d, *dir);
  add_format_option(*d, dir->format);
  d->callback([dir, &exit_code] { exit_code = finish(run_directory(*dir)); });
}

}  // namespace vigil::cli
