// RFC 4180 CSV, read from text already in memory (the shell reads the file).
// Every row remembers its line number so errors can point at it.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace vigil {

struct CsvRow {
  std::size_t line = 0;  // 1-based line where the row starts in the source text
  std::vector<std::string> fields;
};

struct CsvTable {
  std::vector<std::string> header;  // trimmed, as written
  std::vector<CsvRow> rows;         // blank lines skipped
  char delimiter = ',';             // the one used: ',' ';' or '\t'
  bool delimiter_detected = false;  // true when it was detected from the header line

  // Index of a header column, or -1.
  int column(std::string_view name) const;
};

// One field at most (a cell is a name, a date or a justification, not a file).
inline constexpr std::size_t kMaxCsvFieldBytes = 64 * 1024;

// How to read a file: the delimiter (0 = detect it from the header line:
// whichever of ',' ';' and tab occurs most often outside quotes; ',' on a tie
// or when none occurs).
struct CsvOptions {
  char delimiter = 0;
};

// Detects the delimiter of `text` as CsvOptions{0} does.
char detect_delimiter(std::string_view text);
// "comma", "semicolon", "tab".
std::string_view delimiter_name(char delimiter);
// Parses "," ";" "tab" "\t" (and the words comma, semicolon) for an option.
Result<char> parse_delimiter(std::string_view text, std::string_view where);

// `source` names the input in errors ("soa.csv"). Fails on text that is not
// UTF-8 (naming the line: core/text.h require_utf8), an unterminated
// quote, a row with more fields than the header, a field longer than
// kMaxCsvFieldBytes, or an empty header; rows with fewer fields are padded
// with empty strings. When ',' was asked for but the header is a single
// column holding ';' or tabs, the error says the file looks separated by
// those instead.
Result<CsvTable> parse_csv(std::string_view text, std::string_view source, CsvOptions options = {});

// How a header cell names a column, as spreadsheets write them: case,
// surrounding blanks, and spaces or hyphens for underscores do not matter
// ("Last Reviewed" is last_reviewed, "NAME" is name).
std::string csv_header_key(std::string_view name);
// The position in `names` of the column `name` names (exactly, else by
// csv_header_key), or -1.
int find_csv_column(std::span<const std::string_view> names, std::string_view name);

// A header matched against the columns a reader knows. Every CSV reader of
// Vigil (SoA, registers, entities) goes through this, so all are as lenient.
struct CsvHeaderMatch {
  std::vector<int> index;      // per known column: its position in the header, or -1
  std::vector<Error> notices;  // a column Vigil does not read (ignored, with the nearest name)
  std::vector<Error> errors;   // a column named twice
};
CsvHeaderMatch match_csv_header(const std::vector<std::string>& header, std::span<const std::string_view> names,
                                std::string_view source);

// "read as semicolon-separated (detected from the header)" when the table's
// delimiter is not ','; nothing otherwise.
std::optional<Error> csv_delimiter_notice(const CsvTable& table, std::string_view source);

// Whether a spreadsheet would run the cell as a formula: it starts with '=',
// '@', a tab or a carriage return, or '+'/'-' when it is not a plain number.
bool looks_like_formula(std::string_view value);

// A field for output: control, bidi and invisible characters (core/text.h
// unsafe_text) written as \xNN / \u{NNNN}, a cell that looks like a formula
// gets a leading "'"
// (CSV injection: =HYPERLINK(...) in a title must never run), then quoted
// when it needs it. Every CSV writer of Vigil goes through this.
std::string csv_field(std::string_view value);

// One record for output: the cells as csv_field writes them, joined by ',',
// then `end` ("\n", or "\r\n" as RFC 4180 has it).
std::string csv_record(std::span<const std::string> cells, std::string_view end);

}  // namespace vigil
