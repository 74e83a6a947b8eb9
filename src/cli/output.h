// What every command shares at the edge: the --format option, aligned text
// tables, CSV and Markdown rendering, colour on a terminal, reading input files,
// the clock, and turning an Error into a message and an exit code.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/text.h"
#include "core/time.h"

namespace date {
class time_zone;
}

namespace CLI {
class App;
}

namespace vigil::cli {

enum class Format { Text, Json, Csv, Markdown, Html };

// Adds `--format` (text|json|csv|markdown, plus html when allowed) to a command.
void add_format_option(CLI::App& command, Format& format, bool allow_html = false);
// --seal-key FILE (VIGIL_SEAL_KEY): the key that seals the chains a command
// writes (store/chain_seals.h; defined in cli/incident_command.cpp).
void add_seal_key(CLI::App& command, std::string& seal_key);

struct Table {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
};

std::string render_text(const Table& table);  // aligned columns, header underlined
std::string render_csv(const Table& table);
std::string render_markdown(const Table& table);        // a GitHub-flavoured table
std::string render(const Table& table, Format format);  // text, csv or markdown

// Colour only on a terminal and when NO_COLOR is unset.
bool use_colour();
std::string colour(std::string_view text, std::string_view ansi_code);  // "31" red, "32" green, "33" yellow, "1" bold

// Reads a whole file ("-" is standard input). The error names the path.
Result<std::string> read_file(const std::string& path);
// The text converted to UTF-8 from `encoding` (glibc iconv); Utf8 returns it
// unchanged (the readers still check it). A byte the encoding does not define
// (0x81, 0x8D, 0x8F, 0x90, 0x9D in Windows-1252) is an error naming `source`
// and the line.
Result<std::string> to_utf8(std::string_view text, Encoding encoding, std::string_view source);
// read_file, then to_utf8.
Result<std::string> read_file(const std::string& path, Encoding encoding);
// --encoding NAME on a command that reads files: how they are encoded
// (utf-8, the default; windows-1252; iso-8859-1), converted to UTF-8.
void add_encoding_option(CLI::App& command, std::string& encoding);
// --delimiter CHAR on a command that reads CSV (default: detected).
void add_delimiter_option(CLI::App& command, std::string& delimiter);
// --output/-o FILE: written atomically instead of standard output. `what`
// names what is written ("the report"); "" for the command's output.
void add_output_option(CLI::App& command, std::string& output, std::string_view what = "");
// --as-of DATE (YYYY-MM-DD, default today UTC): `what` says what it dates,
// e.g. "Assessment date".
void add_as_of_option(CLI::App& command, std::string& as_of, std::string_view what);
// --db PATH (VIGIL_DB) and --org ORG (VIGIL_ORG): the workspace a command
// opens and the organisation in it; `db_help` when --db means more here.
void add_workspace_options(CLI::App& command, std::string& db, std::string& org, std::string_view db_help = "");
// --verbose/-v: name the workspace and organisation used, on standard error.
void add_verbose_option(CLI::App& command, bool& verbose);
// read_file with an --encoding value; a bad name is an error naming --encoding.
// Without one ("") the file must be UTF-8 (the error offers --encoding).
Result<std::string> read_file(const std::string& path, const std::string& encoding);
// Writes `content` to the --output file. A regular file (or the one a
// symbolic link names) is replaced atomically: a temporary file beside it,
// then rename; a failed write removes the temporary file. A device, FIFO or
// socket (/dev/stdout, a pipe) is written in place, never replaced. Errors:
// Io naming `path` (a directory, no space, no permission).
Result<void> write_file(const std::string& path, std::string_view content);

// The current instant. VIGIL_NOW (RFC 3339) overrides it, so golden tests and
// exercises run at a fixed time.
Result<Instant> now();

// Exit codes: 0 success, 1 a check failed (--fail-under), 2 invalid input or
// usage, 3 not found, 4 conflict, 5 I/O, 6 permission, 70 internal.
int exit_code(const Error& error);
// The error with each field it names spelled as the option (or argument)
// that sets it: "decided_at" -> "--time". The CLI's one table of fields.
Error as_options(Error error);
// The next step an error's hint names, as this command line takes it
// (" (see 'vigil exercise list')"); "" for none. The CLI's one table of hints.
std::string advice(const Hint& hint);
// Prints "vigil: <where>: <message><advice>" lines to stderr; returns exit_code().
int report(const Error& error);
// What a reader did that is no error (a column ignored, the delimiter used):
// "vigil: note: <where>: <message>" lines to stderr, safe for a terminal.
void print_notices(const std::vector<Error>& notices);
// A command's result as its exit code: the value, or report() of the error.
int finish(const Result<int>& result);
int finish(const Result<void>& result);  // 0 when done

void print(std::string_view text);  // to stdout, exactly as given

}  // namespace vigil::cli
