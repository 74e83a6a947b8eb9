#include "cli/output.h"

#include <iconv.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "core/csv.h"
#include "core/text.h"

namespace vigil::cli {

void add_format_option(CLI::App& command, Format& format, bool allow_html) {
  std::map<std::string, Format> names{
      {"text", Format::Text}, {"json", Format::Json}, {"csv", Format::Csv}, {"markdown", Format::Markdown}};
  std::string help = "Output format: text, json, csv or markdown";
  if (allow_html) {
    names.emplace("html", Format::Html);
    help = "Output format: text, json, csv, markdown or html";
  }
  std::string expected = allow_html ? "text, json, csv, markdown or html" : "text, json, csv or markdown";
  command.add_option("--format,-f", format, help)
      ->transform(CLI::Validator(
          [names, expected](std::string& value) -> std::string {
            auto found = names.find(to_lower(value));
            if (found == names.end()) return "'" + value + "' is not an output format; expected " + expected;
            value = std::to_string(static_cast<int>(found->second));  // CLI11 reads enums as numbers
            return {};
          },
          ""))
      ->option_text("FORMAT");
}

namespace {

// Display width of UTF-8 text: count code points, not bytes.
std::size_t width(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

}  // namespace

std::string render_text(const Table& input) {
  // What a user typed can never move the cursor or recolour the terminal.
  Table table = input;
  for (auto& column : table.columns) column = terminal_text(column);
  for (auto& row : table.rows) {
    for (auto& cell : row) cell = terminal_text(cell);
  }
  std::vector<std::size_t> widths(table.columns.size());
  for (std::size_t i = 0; i < table.columns.size(); ++i) widths[i] = width(table.columns[i]);
  for (const auto& row : table.rows) {
    for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      widths[i] = std::max(widths[i], width(row[i]));
    }
  }
  std::string out;
  auto line = [&](const std::vector<std::string>& cells) {
    std::string text;
    for (std::size_t i = 0; i < widths.size(); ++i) {
      const std::string& cell = i < cells.size() ? cells[i] : std::string();
      text += cell;
      if (i + 1 < widths.size()) text.append(widths[i] - width(cell) + 2, ' ');
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out += text;
    out += '\n';
  };
  line(table.columns);
  std::vector<std::string> rule;
  for (std::size_t w : widths) rule.push_back(std::string(w, '-'));
  line(rule);
  for (const auto& row : table.rows) line(row);
  return out;
}

std::string render_csv(const Table& table) {
  std::string out = csv_record(table.columns, "\n");
  for (const auto& row : table.rows) out += csv_record(row, "\n");
  return out;
}

std::string render_markdown(const Table& table) {
  auto escape = [](const std::string& s) { return markdown_text(s); };
  std::string out = "|";
  for (const auto& c : table.columns) out += " " + escape(c) + " |";
  out += "\n|";
  for (std::size_t i = 0; i < table.columns.size(); ++i) out += " --- |";
  out += '\n';
  for (const auto& row : table.rows) {
    out += "|";
    for (const auto& cell : row) out += " " + escape(cell) + " |";
    out += '\n';
  }
  return out;
}

std::string render(const Table& table, Format format) {
  switch (format) {
    case Format::Csv: return render_csv(table);
    case Format::Markdown: return render_markdown(table);
    default: return render_text(table);
  }
}

bool use_colour() {
  static const bool enabled = std::getenv("NO_COLOR") == nullptr && isatty(STDOUT_FILENO) != 0;
  return enabled;
}

std::string colour(std::string_view text, std::string_view ansi_code) {
  if (!use_colour()) return std::string(text);
  return fmt::format("\x1b[{}m{}\x1b[0m", ansi_code, text);
}

Result<std::string> to_utf8(std::string_view text, Encoding encoding, std::string_view source) {
  if (encoding == Encoding::Utf8) return std::string(text);
  const char* from = encoding == Encoding::Windows1252 ? "WINDOWS-1252" : "ISO-8859-1";
  iconv_t cd = iconv_open("UTF-8", from);
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    return fail(ErrorCode::Internal, std::string(source), fmt::format("this system cannot convert from {}", from));
  }
  std::string out(text.size() * 3, '\0');  // a byte of either becomes at most 3 bytes of UTF-8
  char* in_ptr = const_cast<char*>(text.data());
  std::size_t in_left = text.size();
  char* out_ptr = out.data();
  std::size_t out_left = out.size();
  const std::size_t done = iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left);
  iconv_close(cd);
  if (done == static_cast<std::size_t>(-1)) {
    const std::size_t at = text.size() - in_left;
    std::size_t line = 1;
    for (std::size_t i = 0; i < at; ++i) line += text[i] == '\n';
    return invalid(fmt::format("{}:{}", source, line),
                   fmt::format("byte 0x{:02X} is not a character of {}", static_cast<unsigned char>(text[at]), from));
  }
  out.resize(out.size() - out_left);
  return out;
}

Result<std::string> read_file(const std::string& path, Encoding encoding) {
  auto bytes = TRY(read_file(path));
  return to_utf8(bytes, encoding, path);
}

void add_encoding_option(CLI::App& command, std::string& encoding) {
  command
      .add_option("--encoding", encoding,
                  "Encoding of the input files: utf-8 (default), windows-1252 or iso-8859-1 (converted to UTF-8)")
      ->option_text("NAME");
}

void add_delimiter_option(CLI::App& command, std::string& delimiter) {
  command
      .add_option("--delimiter", delimiter, "CSV delimiter: ',' ';' or tab (default: detected from the header line)")
      ->option_text("CHAR");
}

void add_output_option(CLI::App& command, std::string& output, std::string_view what) {
  const std::string help = what.empty() ? "Write to FILE (atomically) instead of standard output"
                                        : fmt::format("Write {} to FILE (atomically) instead of standard output", what);
  command.add_option("--output,-o", output, help)->option_text("FILE");
}

void add_as_of_option(CLI::App& command, std::string& as_of, std::string_view what) {
  command.add_option("--as-of", as_of, fmt::format("{}, YYYY-MM-DD (default: today, UTC)", what))->option_text("DATE");
}

void add_workspace_options(CLI::App& command, std::string& db, std::string& org, std::string_view db_help) {
  const std::string help = db_help.empty() ? "Workspace database (SQLite file or postgres:// URL); default ./vigil.db"
                                           : std::string(db_help);
  command.add_option("--db", db, help)->envname("VIGIL_DB")->option_text("PATH");
  command.add_option("--org", org, "Organisation (needed when the workspace holds several)")
      ->envname("VIGIL_ORG")
      ->option_text("ORG");
}

void add_verbose_option(CLI::App& command, bool& verbose) {
  command.add_flag("--verbose,-v", verbose, "Name the workspace and organisation used (on standard error)");
}

Result<std::string> read_file(const std::string& path, const std::string& encoding) {
  if (!encoding.empty()) return read_file(path, TRY(parse_encoding(encoding, "--encoding")));
  // Not UTF-8 and no --encoding: said here, where converting is one option away.
  std::string text = TRY(read_file(path));
  TRY(require_utf8(text, path == "-" ? "stdin" : path, EncodingAdvice::SaveOrConvert));
  return text;
}

Result<std::string> read_file(const std::string& path) {
  if (path == "-") {
    std::ostringstream buffer;
    buffer << std::cin.rdbuf();
    return buffer.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return fail(ErrorCode::NotFound, path, fmt::format("cannot open: {}", std::strerror(errno)));
  }
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return fail(ErrorCode::Io, path, "read failed");
  return content;
}

namespace {

// Writes all of `content` to `path` as it is opened (created or truncated).
Result<void> write_through(const std::string& path, const std::string& shown, std::string_view content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return fail(ErrorCode::Io, shown, fmt::format("cannot write: {}", std::strerror(errno)));
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  out.flush();
  if (!out) return fail(ErrorCode::Io, shown, fmt::format("write failed: {}", std::strerror(errno)));
  out.close();
  if (!out) return fail(ErrorCode::Io, shown, fmt::format("write failed: {}", std::strerror(errno)));
  return {};
}

}  // namespace

Result<void> write_file(const std::string& path, std::string_view content) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);  // of what a symbolic link names
  if (fs::is_directory(status)) return fail(ErrorCode::Io, path, "is a directory; give a file name");
  if (fs::exists(status) && !fs::is_regular_file(status)) {
    // A device, FIFO or socket (/dev/stdout, a pipe) is written in place:
    // replacing it with a file would destroy it.
    return write_through(path, path, content);
  }
  // A regular file is replaced whole or not at all: written beside it, then
  // renamed over it. Through a symbolic link, the file it names is replaced
  // and the link stays.
  std::string target = path;
  if (fs::is_symlink(fs::symlink_status(path, ec))) {
    if (auto resolved = fs::canonical(path, ec); !ec) target = resolved.string();
  }
  const std::string tmp = target + ".tmp";
  if (auto written = write_through(tmp, path, content); !written) {
    std::remove(tmp.c_str());  // nothing half-written stays behind
    return written;
  }
  if (std::rename(tmp.c_str(), target.c_str()) != 0) {
    const int error = errno;
    std::remove(tmp.c_str());
    return fail(ErrorCode::Io, path, fmt::format("cannot write: {}", std::strerror(error)));
  }
  return {};
}

Result<Instant> now() {
  if (const char* fixed = std::getenv("VIGIL_NOW"); fixed && *fixed) {
    return parse_rfc3339(fixed, "VIGIL_NOW");
  }
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

int exit_code(const Error& error) {
  switch (error.code) {
    case ErrorCode::InvalidInput: return 2;
    case ErrorCode::NotFound: return 3;
    case ErrorCode::Conflict: return 4;
    case ErrorCode::Io: return 5;
    case ErrorCode::Unauthorized:
    case ErrorCode::Forbidden: return 6;
    case ErrorCode::LimitExceeded: return 2;
    case ErrorCode::Internal: return 70;
  }
  return 70;
}

Error as_options(Error error) {
  return respelled(std::move(error), {{"db", "--db"},
                                      {"title", "--title"},
                                      {"by", "--by"},
                                      {"awareness_time", "--awareness"},
                                      {"timezone", "--timezone"},
                                      {"entity_type", "--entity-type"},
                                      {"impact", "--input"},
                                      {"judgement", "--judgement"},
                                      {"rationale", "--rationale"},
                                      {"decision", "--decision"},
                                      {"options", "--option"},
                                      {"known", "--known"},
                                      {"unknown", "--unknown"},
                                      {"decided_at", "--time"},
                                      {"submitted_at", "--time"},
                                      {"handled_at", "--handled"},
                                      {"description", "--description"},
                                      {"file_name", "FILE"},
                                      {"reference", "--reference"},
                                      {"to", "--to"},
                                      {"type", "--type"},
                                      {"report", "TYPE"},
                                      {"reason", "--reason"},
                                      {"facts", "--fact"},
                                      {"summary", "--summary"},
                                      {"tags", "--tag"},
                                      // incident open --exercise (application::open_exercise_incident)
                                      {"id", "--exercise"},
                                      {"awareness", "--awareness"},
                                      // exercise start|inject|note|... (application/live_exercise.h)
                                      {"speed", "--speed"},
                                      {"players", "--player"},
                                      {"player", "PLAYER"},
                                      {"text", "--text"},
                                      {"channel", "--channel"},
                                      {"role", "--role"},
                                      {"expectation", "--expectation"},
                                      {"result", "--result"}});
}

std::string advice(const Hint& hint) {
  const std::string& id = hint.subject;
  switch (hint.kind) {
    case HintKind::None: return "";
    case HintKind::ShowEntityType: return fmt::format("; use 'vigil show {}' to see it", id);
    case HintKind::ShowStandard: return fmt::format("; use 'vigil standard {}' to see how it maps", id);
    case HintKind::ShowIrPoint:
      return fmt::format(
          "; 'vigil show {}' lists its ISO/IEC 27001 counterparts and the NIS2 requirement it implements", id);
    case HintKind::ShowIrSection:
      return fmt::format(
          "; 'vigil show {}' lists its points and 'vigil coverage --ir-2024-2690' how far ISO/IEC 27001 carries it",
          id);
    case HintKind::ListExercises: return " (see 'vigil exercise list')";
    case HintKind::ShowScenario: return fmt::format(" (see 'vigil exercise show {}')", id);
    case HintKind::ExerciseScoreJson: return ", as `vigil exercise score --format json` writes it";
    case HintKind::ImportArchive: return " (`vigil exercise import FILE.zip` reads the archive)";
    case HintKind::SealKeyFormat: return "; 'vigil seal-key generate' makes one";
    case HintKind::GiveSealKey: return ". Give the key file with --seal-key FILE or VIGIL_SEAL_KEY";
    case HintKind::VerifyChains: return ": run 'vigil audit verify'";
    case HintKind::StoreSupplierRegister: return "; store one first (`vigil supplier import --register FILE`)";
    case HintKind::ListSupplierIds: return "; list the ids with `vigil supplier directory --db DB`";
  }
  return "";
}

int finish(const Result<int>& result) { return result ? *result : report(result.error()); }

int finish(const Result<void>& result) { return result ? 0 : report(result.error()); }

void print_notices(const std::vector<Error>& notices) {
  for (const auto& n : notices) {
    std::fputs(terminal_text(fmt::format("vigil: note: {}: {}", n.where, n.message)).append("\n").c_str(), stderr);
  }
}

int report(const Error& error) {
  // Every line safe for a terminal and bounded, whatever the input quoted;
  // the first hundred errors say what to fix.
  constexpr std::size_t kMaxShown = 100;
  std::string out;
  auto add = [&](const Error& e) {
    std::string line = e.where.empty() ? std::string() : message_text(e.where, 300) + ": ";
    line += message_text(e.message + advice(e.hint));
    std::istringstream lines(line);
    for (std::string part; std::getline(lines, part);) out += "vigil: " + part + "\n";
  };
  const Error spelled = as_options(error);
  add(spelled);
  for (std::size_t i = 0; i < spelled.more.size() && i + 1 < kMaxShown; ++i) add(spelled.more[i]);
  if (error.more.size() + 1 > kMaxShown) {
    out += fmt::format("vigil: ... and {} more errors\n", error.more.size() + 1 - kMaxShown);
  }
  std::fputs(out.c_str(), stderr);
  return exit_code(error);
}

void print(std::string_view text) { std::fwrite(text.data(), 1, text.size(), stdout); }

}  // namespace vigil::cli
