// `vigil scope`: does NIS2 apply to an entity, and how hard? One entity from
// JSON, many from CSV (or a JSON list), or an interview on a terminal.
#include <unistd.h>

#include <iostream>

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/output.h"
#include "core/csv.h"
#include "core/json_input.h"
#include "core/money.h"
#include "core/text.h"
#include "scope/entity_rows.h"
#include "scope/interview.h"
#include "scope/result_json_writer.h"
#include "scope/scope.h"

namespace vigil::cli {

namespace {

using scope::ScopeResult;

std::string join(const std::vector<std::string_view>& items, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += separator;
    out += items[i];
  }
  return out;
}

std::string activity_label(const scope::ActivityResult& a) {
  return a.type ? std::string(a.type->id) : std::string(a.ground);
}

std::string work_units(scope::WorkUnits w) {
  return w.hundredths % 100 == 0 ? fmt::format("{}", w.hundredths / 100)
                                 : fmt::format("{}.{:02}", w.hundredths / 100, w.hundredths % 100);
}

std::string plain_classification(scope::Classification c) {
  switch (c) {
    case scope::Classification::Essential: return "ESSENTIAL entity";
    case scope::Classification::Important: return "IMPORTANT entity";
    case scope::Classification::RegistrationOnly: return "REGISTRATION ONLY (domain name registration duties)";
    case scope::Classification::OutOfScope: return "OUT OF SCOPE";
  }
  return "";
}

std::string size_line(const ScopeResult& r, const std::vector<std::string>& not_asked) {
  if (!r.size) return "not asked (it cannot change the result)";
  auto asked = [&](std::string_view field) {
    return std::find(not_asked.begin(), not_asked.end(), field) == not_asked.end();
  };
  std::string out = fmt::format("{} ({} staff", scope::to_string(r.size->category), work_units(r.size->employees));
  if (asked("annual_turnover_eur")) out += fmt::format(", turnover {}", format_euros(r.size->annual_turnover));
  if (asked("balance_sheet_total_eur")) {
    out += fmt::format(", balance sheet {}", format_euros(r.size->balance_sheet_total));
  }
  if (r.size->partners_or_linked) out += ", with linked and partner enterprises";
  out += "; Rec. 2003/361/EC Annex Art. 2)";
  return out;
}

// Text and Markdown for one result: the answer, then why, then what follows.
std::string render_result(const ScopeResult& r, Format format, const std::vector<std::string>& not_asked = {}) {
  const bool md = format == Format::Markdown;
  std::string out;
  auto heading = [&](std::string_view title) {
    out += md ? fmt::format("\n## {}\n\n", title) : fmt::format("\n{}\n", colour(title, "1"));
  };
  auto item = [&](const std::string& text) { out += md ? "- " + text + "\n" : "  " + text + "\n"; };
  // The name is the user's: escaped, so it can never become a link or markup.
  if (md) out += fmt::format("# NIS2 scope{}\n\n", r.name.empty() ? "" : ": " + markdown_text(r.name));
  else if (!r.name.empty()) out += fmt::format("{}\n", r.name);
  std::string verdict = plain_classification(r.classification);
  out += md ? fmt::format("**Result: {}**\n\n", verdict) : fmt::format("Result: {}\n", colour(verdict, "1"));
  if (!r.assumed_no.empty()) {
    // Facts the input left out, read as "no", any of which would change the result.
    out += fmt::format("{}Assumed no (not given): {} (each, if true, would change the result)\n", md ? "- " : "",
                       join(r.assumed_no, ", "));
  }
  out += fmt::format("{}Legal basis: {}\n", md ? "- " : "", join(r.legal_basis, ", "));
  out += fmt::format("{}Size: {}\n", md ? "- " : "", size_line(r, not_asked));
  std::string supervision = r.supervision == scope::Supervision::ExAnteAndExPost ? "ex ante and ex post (Art. 32)"
                            : r.supervision == scope::Supervision::ExPost        ? "ex post only (Art. 33)"
                                                                                 : "none";
  out += fmt::format("{}Supervision: {}\n", md ? "- " : "", supervision);
  if (r.max_fine_floor) {
    out += fmt::format("{}Maximum fine for infringing Art. 21 or 23: at least {} ({})\n", md ? "- " : "",
                       format_euros(*r.max_fine_floor), r.max_fine_basis);
  }
  out += fmt::format("{}Implementing Regulation (EU) 2024/2690: {}\n", md ? "- " : "",
                     r.implementing_regulation_2024_2690 ? "applies" : "does not apply");

  heading("Activities");
  for (const scope::ActivityResult& a : r.activities) {
    std::string title =
        a.type ? fmt::format("{} ({})", a.type->entity_type, a.type->id) : fmt::format("entity-wide: {}", a.ground);
    item(fmt::format("{}: {} [{}]", title, scope::to_string(a.classification), join(a.legal_basis, ", ")));
    for (std::string_view reason : a.reasons) out += fmt::format("{}{}\n", md ? "  - " : "      ", reason);
  }
  if (!r.duties.empty()) {
    heading("Duties");
    for (const scope::Duty* d : r.duties) {
      std::string when;
      if (!d->due.empty()) when += fmt::format("; by {}", d->due);
      if (!d->changes.empty()) when += fmt::format("; changes {}", d->changes);
      item(fmt::format("{}{}: {}", d->reference, when, d->text));
    }
  }
  if (!r.jurisdiction.empty()) {
    heading("Jurisdiction (Art. 26)");
    for (const scope::JurisdictionRule& j : r.jurisdiction) {
      std::string state =
          j.member_state.empty() ? "" : fmt::format(" Here: {} ({}).", j.member_state, j.member_state_basis);
      item(fmt::format("{}: {}{}", j.reference, j.text, state));
    }
  }
  if (!r.notes.empty()) {
    heading("Notes");
    for (const scope::Note* n : r.notes) item(fmt::format("{} ({})", n->text, n->reference));
  }
  return out;
}

Table batch_table(bool with_line) {
  Table t;
  if (with_line) t.columns.push_back("line");
  for (const char* c : {"name", "classification", "size_category", "legal_basis", "activities", "supervision",
                        "max_fine_floor_eur", "implementing_regulation_2024_2690", "jurisdiction", "assumed_no"}) {
    t.columns.emplace_back(c);
  }
  return t;
}

std::vector<std::string> batch_cells(const ScopeResult& r) {
  std::string activities, jurisdiction;
  for (const scope::ActivityResult& a : r.activities) {
    if (!activities.empty()) activities += ';';
    activities += activity_label(a) + "=" + std::string(scope::to_string(a.classification));
  }
  for (const scope::JurisdictionRule& j : r.jurisdiction) {
    if (!jurisdiction.empty()) jurisdiction += ';';
    jurisdiction += j.rule;
    if (!j.member_state.empty()) jurisdiction += "=" + j.member_state;
  }
  return {r.name,
          std::string(scope::to_string(r.classification)),
          r.size ? std::string(scope::to_string(r.size->category)) : std::string(),
          join(r.legal_basis, ";"),
          activities,
          std::string(scope::to_string(r.supervision)),
          r.max_fine_floor ? format_euros_plain(*r.max_fine_floor) : std::string(),
          r.implementing_regulation_2024_2690 ? "true" : "false",
          jurisdiction,
          join(r.assumed_no, ";")};
}

void print_single(const ScopeResult& r, Format format, const std::vector<std::string>& not_asked = {}) {
  switch (format) {
    case Format::Json: print(scope::to_json(r).dump(2) + "\n"); return;
    case Format::Csv: {
      Table t = batch_table(false);
      t.rows.push_back(batch_cells(r));
      print(render_csv(t));
      return;
    }
    default: print(render_result(r, format, not_asked)); return;
  }
}

// Many entities: results of the good ones are printed; each bad one goes to
// stderr with its location, and the exit code says that some failed. CSV and
// JSON are written row by row as each entity is classified (through a buffer
// flushed every 64 KiB), so no list of entities or results is ever held: 100 000
// rows stay fast and small. Text and Markdown align their columns, so they need
// the whole table first.
class Batch {
 public:
  explicit Batch(Format format) : format_(format), table_(batch_table(true)) {
    if (format_ == Format::Csv) out_ = render_csv(Table{table_.columns, {}});
    if (format_ == Format::Json) out_ = "[";
  }

  void add(std::size_t line, const Result<scope::Entity>& entity) {
    ++count_;
    if (!entity) {
      if (failures_++ == 0) first_error_ = entity.error();
      report(entity.error());
      return;
    }
    const ScopeResult r = scope::classify(*entity);
    if (format_ == Format::Json) {
      // The same bytes as nlohmann's dump(2) of the whole list: "[", then each
      // object indented as an element, then "]".
      out_ += rows_ ? ",\n  " : "\n  ";
      scope::append_json(out_, r, 1, line);
    } else {
      std::vector<std::string> cells = batch_cells(r);
      cells.insert(cells.begin(), std::to_string(line));
      if (format_ == Format::Csv) {
        for (std::size_t i = 0; i < cells.size(); ++i) {
          if (i) out_ += ',';
          out_ += csv_field(cells[i]);
        }
        out_ += '\n';
      } else {
        table_.rows.push_back(std::move(cells));
      }
    }
    ++rows_;
    if (out_.size() >= kFlushAt) flush();
  }

  int finish() {
    if (format_ == Format::Json) {
      out_ += rows_ ? "\n]\n" : "]\n";
    } else if (format_ != Format::Csv) {
      out_ = render(table_, format_);
    }
    flush();
    if (failures_) {
      std::fputs(fmt::format("vigil: {} of {} entities could not be classified\n", failures_, count_).c_str(), stderr);
      return exit_code(first_error_);
    }
    return 0;
  }

 private:
  static constexpr std::size_t kFlushAt = 64 * 1024;

  void flush() {
    print(out_);
    out_.clear();
  }

  Format format_;
  Table table_;  // text and Markdown only
  std::string out_;
  std::size_t count_ = 0, rows_ = 0;
  int failures_ = 0;
  Error first_error_;
};

bool looks_like_csv(const std::string& path, std::string_view text) {
  if (path.size() >= 4 && path.compare(path.size() - 4, 4, ".csv") == 0) return true;
  if (path.size() >= 5 && path.compare(path.size() - 5, 5, ".json") == 0) return false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    return c != '{' && c != '[';
  }
  return false;
}

int run_file(const std::string& path, Format format, const std::string& delimiter, const std::string& encoding) {
  CsvOptions csv;
  Encoding charset = Encoding::Utf8;
  if (!delimiter.empty()) {
    auto parsed = parse_delimiter(delimiter, "--delimiter");
    if (!parsed) return report(parsed.error());
    csv.delimiter = *parsed;
  }
  if (!encoding.empty()) {
    auto parsed = parse_encoding(encoding, "--encoding");
    if (!parsed) return report(parsed.error());
    charset = *parsed;
  }
  auto text = read_file(path, charset);
  if (!text) return report(text.error());
  const std::string source = path == "-" ? "stdin" : path;
  if (looks_like_csv(path, *text)) {
    auto table = parse_csv(*text, source, csv);
    if (!table) return report(table.error());
    auto header = scope::check_entity_columns(*table, source);
    if (!header) return report(header.error());
    print_notices(*header);  // "vigil: note: e.csv:1: column 'notes' is not one Vigil reads; ..."
    const scope::EntityRowReader reader(*table, source);
    Batch batch(format);
    for (const CsvRow& row : table->rows) batch.add(row.line, reader.read(row));
    return batch.finish();
  }
  auto input = parse_json(*text, source);
  if (!input) return report(input.error());
  if (input->is_array()) {
    Batch batch(format);
    for (std::size_t i = 0; i < input->size(); ++i) {
      batch.add(i + 1, scope::parse_entity((*input)[i], fmt::format("{}: [{}]", source, i)));
    }
    return batch.finish();
  }
  auto entity = scope::parse_entity(*input, source);
  if (!entity) return report(entity.error());
  print_single(scope::classify(*entity), format);
  return 0;
}

// The interview: questions on stderr (so stdout stays the result), answers
// from stdin, one per line.
int run_interview(Format format) {
  scope::Interview interview;
  std::cerr << "NIS2 scope: answer each question and press Enter.\n";
  while (auto question = scope::next_question(interview)) {
    std::string prompt = "\n" + question->prompt;
    for (std::size_t i = 0; i < question->options.size(); ++i) {
      prompt += fmt::format("\n  {:>2}. {}", i + 1, question->options[i]);
    }
    prompt += question->kind == scope::AnswerKind::YesNo ? " [y/n] " : "\n> ";
    for (;;) {
      std::cerr << prompt << std::flush;
      std::string line;
      if (!std::getline(std::cin, line)) {
        return report(Error{ErrorCode::InvalidInput, "stdin", "input ended before the questions were answered", {}});
      }
      auto applied = scope::answer(interview, *question, line);
      if (applied) break;
      std::cerr << "  " << applied.error().message << "\n";
    }
  }
  auto entity = scope::finish(interview);
  if (!entity) return report(entity.error());
  std::cerr << "\n";
  print_single(scope::classify(*entity), format, interview.not_asked);
  return 0;
}

}  // namespace

void add_scope_command(CLI::App& app, int& exit_code) {
  struct Options {
    std::string input, delimiter, encoding;
    bool interactive = false;
    Format format = Format::Text;
  };
  auto options = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "scope",
      "Does NIS2 apply to an entity? Essential, important or out of scope, with the legal basis, duties, "
      "supervision, fines and jurisdiction");
  cmd->add_option("--input,-i", options->input,
                  "Entity JSON file, or a CSV (one entity per row) / JSON list for many; '-' reads stdin")
      ->option_text("FILE");
  add_delimiter_option(*cmd, options->delimiter);
  add_encoding_option(*cmd, options->encoding);
  cmd->add_flag("--interactive", options->interactive,
                "Ask the questions one by one (the default on a terminal without --input)");
  add_format_option(*cmd, options->format);
  cmd->footer(
      "Fields (JSON keys or CSV columns): entity_types, employees, annual_turnover_eur, balance_sheet_total_eur,\n"
      "provides_services_in_eu (required: true or false, Art. 2(1)), linked_enterprises, partner_enterprises,\n"
      "group_worldwide_turnover_eur, ... Other yes/no facts left out are read as no; the result names those that\n"
      "would change it (assumed_no). See examples/scope/ for complete inputs.");
  cmd->callback([options, &exit_code] {
    if (!options->input.empty()) {
      exit_code = run_file(options->input, options->format, options->delimiter, options->encoding);
    } else if (options->interactive || isatty(STDIN_FILENO)) {
      exit_code = run_interview(options->format);
    } else {
      exit_code = report(Error{ErrorCode::InvalidInput,
                               "--input",
                               "no input: give --input entity.json (or entities.csv, or - for stdin), or run on a "
                               "terminal or with --interactive to answer questions",
                               {}});
    }
  });
}

}  // namespace vigil::cli
