#include "core/csv.h"

#include <fmt/format.h>

#include "core/errors.h"
#include "core/text.h"

namespace vigil {

int CsvTable::column(std::string_view name) const {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return static_cast<int>(i);
  }
  return -1;
}

char detect_delimiter(std::string_view text) {
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::size_t comma = 0, semicolon = 0, tab = 0;
  bool in_quotes = false;
  for (char c : text) {
    if (c == '"') in_quotes = !in_quotes;
    if (in_quotes) continue;
    if (c == '\n') break;
    comma += c == ',';
    semicolon += c == ';';
    tab += c == '\t';
  }
  if (semicolon > comma && semicolon >= tab) return ';';
  if (tab > comma && tab > semicolon) return '\t';
  return ',';
}

std::string_view delimiter_name(char delimiter) {
  switch (delimiter) {
    case ';': return "semicolon";
    case '\t': return "tab";
    default: return "comma";
  }
}

Result<char> parse_delimiter(std::string_view text, std::string_view where) {
  std::string v = to_lower(trim(text));
  if (v == "," || v == "comma") return ',';
  if (v == ";" || v == "semicolon") return ';';
  if (v == "tab" || v == "\\t" || v == "\t") return '\t';
  return invalid(std::string(where), fmt::format("'{}' is not a delimiter: use ',', ';' or tab", excerpt(text)));
}

Result<CsvTable> parse_csv(std::string_view text, std::string_view source, CsvOptions options) {
  TRY(require_utf8(text, source));
  CsvTable table;
  const char delimiter = options.delimiter ? options.delimiter : detect_delimiter(text);
  table.delimiter = delimiter;
  table.delimiter_detected = options.delimiter == 0;
  std::vector<CsvRow> records;
  CsvRow current;
  std::string field;
  std::size_t line = 1;
  current.line = 1;
  bool in_quotes = false, field_started = false, row_has_content = false;
  std::size_t quote_line = 0;
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // BOM

  auto end_field = [&] {
    current.fields.push_back(std::move(field));
    field.clear();
    field_started = false;
  };
  auto end_row = [&] {
    end_field();
    if (row_has_content) records.push_back(std::move(current));
    current = CsvRow{};
    row_has_content = false;
  };

  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    switch (c) {
      case '"':
        if (!field_started && field.empty()) {
          in_quotes = true;
          quote_line = line;
          field_started = true;
          row_has_content = true;
        } else {
          field += c;
        }
        break;
      case '\r': break;
      case '\n':
        end_row();
        ++line;
        current.line = line;
        break;
      default:
        if (c == delimiter) {
          end_field();
          row_has_content = true;
          break;
        }
        field += c;
        field_started = true;
        if (c != ' ' && c != '\t') row_has_content = true;
    }
  }
  if (in_quotes) {
    return invalid(fmt::format("{}:{}", source, quote_line), "a quoted field is never closed: add the closing '\"'");
  }
  if (field_started || !current.fields.empty() || row_has_content) end_row();

  if (records.empty()) return invalid(std::string(source), "the file is empty: expected a header row");
  for (std::string& h : records.front().fields) table.header.emplace_back(trim(h));
  if (table.header.size() == 1 && !table.delimiter_detected) {
    for (char other : {';', '\t', ','}) {
      if (other != delimiter && table.header.front().find(other) != std::string::npos) {
        return invalid(fmt::format("{}:1", source),
                       fmt::format("the header is one column '{}' holding {}s: the file looks {}-separated, "
                                   "not {}-separated; read it with '{}' as the delimiter (or let Vigil detect it)",
                                   excerpt(table.header.front()), delimiter_name(other), delimiter_name(other),
                                   delimiter_name(delimiter), other == '\t' ? "tab" : std::string(1, other)));
      }
    }
  }
  Errors errors;
  for (std::size_t r = 0; r < records.size(); ++r) {
    const CsvRow& row = records[r];
    for (std::size_t f = 0; f < row.fields.size(); ++f) {
      if (row.fields[f].size() > kMaxCsvFieldBytes) {
        errors.add(Error{ErrorCode::InvalidInput,
                         fmt::format("{}:{}", source, row.line),
                         fmt::format("field {} is {} bytes long; at most {} are accepted", f + 1, row.fields[f].size(),
                                     kMaxCsvFieldBytes),
                         {}});
      }
    }
  }
  TRY(errors.result());
  for (std::size_t r = 1; r < records.size(); ++r) {
    CsvRow& row = records[r];
    if (row.fields.size() > table.header.size()) {
      errors.add(Error{ErrorCode::InvalidInput,
                       fmt::format("{}:{}", source, row.line),
                       fmt::format("{} fields, but the header has {} columns", row.fields.size(), table.header.size()),
                       {}});
      continue;
    }
    row.fields.resize(table.header.size());
    for (std::string& f : row.fields) f = std::string(trim(f));
    table.rows.push_back(std::move(row));
  }
  TRY(errors.result());
  return table;
}

std::string csv_header_key(std::string_view name) {
  std::string key = to_lower(trim(name));
  for (char& c : key) {
    if (c == ' ' || c == '-') c = '_';
  }
  return key;
}

int find_csv_column(std::span<const std::string_view> names, std::string_view name) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<int>(i);
  }
  const std::string key = csv_header_key(name);
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == key) return static_cast<int>(i);
  }
  return -1;
}

CsvHeaderMatch match_csv_header(const std::vector<std::string>& header, std::span<const std::string_view> names,
                                std::string_view source) {
  CsvHeaderMatch match;
  match.index.assign(names.size(), -1);
  const std::string where = fmt::format("{}:1", source);
  for (std::size_t h = 0; h < header.size(); ++h) {
    const std::string& name = header[h];
    const int c = find_csv_column(names, name);
    if (c < 0) {
      // A spreadsheet's own columns (comments, a risk id) are no reason to
      // refuse the file: they are ignored, and said to be.
      if (name.empty()) continue;
      auto close = nearest(name, names, 1);
      std::string hint = close.empty() ? "" : fmt::format(" (did you mean '{}'?)", excerpt(close.front()));
      match.notices.push_back(
          Error{ErrorCode::InvalidInput,
                where,
                fmt::format("column '{}' is not one Vigil reads; its values are ignored{}", excerpt(name), hint),
                {}});
    } else if (match.index[static_cast<std::size_t>(c)] >= 0) {
      match.errors.push_back(
          Error{ErrorCode::InvalidInput, where, fmt::format("column '{}' appears twice", excerpt(name)), {}});
    } else {
      match.index[static_cast<std::size_t>(c)] = static_cast<int>(h);
    }
  }
  return match;
}

std::optional<Error> csv_delimiter_notice(const CsvTable& table, std::string_view source) {
  if (table.delimiter == ',') return std::nullopt;
  return Error{ErrorCode::InvalidInput,
               std::string(source),
               fmt::format("read as {}-separated ({})", delimiter_name(table.delimiter),
                           table.delimiter_detected ? "detected from the header" : "as asked"),
               {}};
}

namespace {

// A plain number ("-5", "+3.25") is data a spreadsheet should keep as a number.
bool plain_number(std::string_view value) {
  if (value.size() < 2) return false;
  bool digit = false;
  for (std::size_t i = 1; i < value.size(); ++i) {
    char c = value[i];
    if (c >= '0' && c <= '9') digit = true;
    else if (c != '.') return false;
  }
  return digit;
}

}  // namespace

bool looks_like_formula(std::string_view value) {
  // Empty, or a lone sign (Vigil's own "-" for "none"): text to any spreadsheet.
  if (value.size() <= 1 && value != "=" && value != "@" && value != "\t" && value != "\r") return false;
  switch (value.front()) {
    case '=':
    case '@':
    case '\t':
    case '\r': return true;
    case '+':
    case '-': return !plain_number(value);
    default: return false;
  }
}

std::string csv_field(std::string_view value) {
  // A control, bidi or invisible character stored before the input rules
  // refused it is written visibly (\x1B, \u{202E}), never as its raw bytes:
  // a spreadsheet or a terminal showing the file would obey it.
  const std::string visible = unsafe_text(value, true) ? terminal_text(value) : std::string(value);
  // A formula is shown as text, never evaluated (the OWASP neutralisation).
  const std::string text = looks_like_formula(visible) ? "'" + visible : visible;
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string csv_record(std::span<const std::string> cells, std::string_view end) {
  std::string out;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) out += ',';
    out += csv_field(cells[i]);
  }
  out += end;
  return out;
}

}  // namespace vigil
