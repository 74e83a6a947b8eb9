// The rows of a tabular input (an SoA or a documents register), read from CSV,
// a JSON array of objects or a YAML sequence of maps, so that one set of
// validation rules serves all three formats and every error keeps its location.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/csv.h"
#include "core/error.h"
#include "core/errors.h"

namespace vigil::assess {

enum class InputFormat { Csv, Json, Yaml };

// By extension: .json, .yaml/.yml, anything else is CSV.
InputFormat input_format_for(std::string_view path);

struct Column {
  std::string_view name;
  bool required;  // a CSV header must name it; JSON/YAML rows may leave it out
  // A name, id or date (core/text.h unsafe_text): no newline or tab, as a
  // title; the other cells (justifications) may span lines.
  bool one_line = false;
};

struct InputRow {
  std::string source;     // "soa.csv"
  std::size_t line = 0;   // CSV/YAML line of the row; 0 for JSON
  std::size_t index = 0;  // 0-based position in a JSON/YAML list
  bool json = false;
  std::vector<std::string> values;  // one per Column, trimmed, "" when absent
  std::vector<std::size_t> lines;   // YAML: line of each value (0 when absent)

  // Where an error about `column` points: "soa.csv:12: status",
  // "soa.yaml:40: status", "soa.json: [3].status".
  std::string where(std::size_t column, std::span<const Column> columns) const;
  // Where the row itself is: "soa.csv:12", "soa.json: [3]".
  std::string where() const;
};

struct InputTable {
  std::vector<InputRow> rows;
  std::vector<bool> present;  // per Column: false when a CSV header lacks it
  // Errors that still let the rows be checked (unknown column, missing CSV
  // column, a value of the wrong shape), so the caller can add its own and
  // report all of them together.
  Errors errors;
  // What the reader did that the user should know but that is no error: a CSV
  // column Vigil does not read (ignored), a delimiter other than ','.
  std::vector<Error> notices;
  char delimiter = ',';  // CSV: the delimiter used
};

// What every YAML reader checks before handing text to yaml-cpp: UTF-8, and
// flow collections ([ ], { }) nested at most 64 deep (yaml-cpp recurses on
// them, so deeper nesting could exhaust the stack). The error names the line.
Result<void> check_yaml_text(std::string_view text, std::string_view source);

// yaml-cpp reads a quoted scalar whose closing quote never comes as running
// to the end of the file, swallowing the rows after it. Every YAML reader
// asks this of each scalar: true when the scalar starting at byte `at` of
// `text` opens a quote (" or ') that is never closed.
bool unterminated_quote(std::string_view text, int at);
inline constexpr std::string_view kUnterminatedQuote =
    "the quote that opens this value is never closed, so every line after it would become part of it; add the "
    "closing quote";

// Fails only when the text cannot be read as its format at all (broken
// quoting, invalid JSON or YAML, not a list of rows). CSV headers match the
// column names case-insensitively, with spaces or hyphens for underscores;
// other CSV columns are ignored with a notice (JSON and YAML keys must be
// column names: they are written by programs, where a stray key is a typo).
Result<InputTable> read_table(std::string_view text, InputFormat format, std::string_view source,
                              std::span<const Column> columns, CsvOptions csv_options = {});

// What a reader built from the table: `value` when there are no errors, else
// the errors folded into one with the value's notices after them (what was
// ignored may be why: a column named otherwise). T has `notices`.
template <typename T>
Result<T> value_or_errors(T value, Errors errors) {
  if (errors.empty()) return value;
  for (auto& notice : value.notices) errors.add(std::move(notice));
  return tl::unexpected(errors.result().error());
}

}  // namespace vigil::assess
