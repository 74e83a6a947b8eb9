#include "assess/tabular_input.h"

#include <algorithm>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>
#include <nlohmann/json.hpp>

#include "core/csv.h"
#include "core/json_input.h"
#include "core/text.h"

namespace vigil::assess {
namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && to_lower(s.substr(s.size() - suffix.size())) == suffix;
}

std::vector<std::string_view> names_of(std::span<const Column> columns) {
  std::vector<std::string_view> names;
  for (const Column& c : columns) names.push_back(c.name);
  return names;
}

// Headers and keys match as core/csv.h find_csv_column says ("Last Reviewed"
// is last_reviewed).
int find_column(std::span<const Column> columns, std::string_view name) {
  return find_csv_column(names_of(columns), name);
}

std::string unknown_column_message(std::string_view name, std::span<const Column> columns) {
  auto names = names_of(columns);
  std::vector<std::string> all(names.begin(), names.end());
  auto close = nearest(name, names, 1);
  std::string hint = close.empty() ? "" : fmt::format("did you mean '{}'? ", excerpt(close.front()));
  return fmt::format("unknown column '{}': {}the columns are {}", excerpt(name), hint, fmt::join(all, ", "));
}

Error error_at(std::string where, std::string message) {
  return Error{ErrorCode::InvalidInput, std::move(where), std::move(message), {}};
}

InputTable read_csv(const CsvTable& csv, std::string_view source, std::span<const Column> columns) {
  InputTable table;
  table.delimiter = csv.delimiter;
  table.present.assign(columns.size(), false);
  CsvHeaderMatch header = match_csv_header(csv.header, names_of(columns), source);
  table.notices = std::move(header.notices);
  for (Error& e : header.errors) table.errors.add(std::move(e));
  const std::vector<int>& source_column = header.index;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    table.present[c] = source_column[c] >= 0;
    if (columns[c].required && !table.present[c]) {
      table.errors.add(
          error_at(fmt::format("{}:1", source), fmt::format("missing required column '{}'", excerpt(columns[c].name))));
    }
  }
  table.rows.reserve(csv.rows.size());
  for (const CsvRow& row : csv.rows) {
    InputRow in;
    in.source = std::string(source);
    in.line = row.line;
    in.values.resize(columns.size());
    for (std::size_t c = 0; c < columns.size(); ++c) {
      if (source_column[c] >= 0) in.values[c] = row.fields[static_cast<std::size_t>(source_column[c])];
    }
    table.rows.push_back(std::move(in));
  }
  return table;
}

Result<InputTable> read_json(std::string_view text, std::string_view source, std::span<const Column> columns) {
  auto parsed = parse_json(text, source);
  if (!parsed) return tl::unexpected(parsed.error());
  const nlohmann::json& doc = *parsed;
  if (!doc.is_array()) {
    return invalid(std::string(source),
                   fmt::format("expected a JSON array of rows (objects), got {}", doc.type_name()));
  }
  InputTable table;
  table.present.assign(columns.size(), true);
  for (std::size_t i = 0; i < doc.size(); ++i) {
    const nlohmann::json& item = doc[i];
    InputRow in;
    in.source = std::string(source);
    in.index = i;
    in.json = true;
    in.values.resize(columns.size());
    if (!item.is_object()) {
      table.errors.add(error_at(in.where(), fmt::format("expected an object, got {}", item.type_name())));
      continue;
    }
    for (const auto& [key, value] : item.items()) {
      int c = find_column(columns, key);
      std::string where = fmt::format("{}: [{}].{}", source, i, key);
      if (c < 0) {
        table.errors.add(error_at(where, unknown_column_message(key, columns)));
        continue;
      }
      std::string& out = in.values[static_cast<std::size_t>(c)];
      if (value.is_string()) {
        out = std::string(trim(value.get<std::string>()));
      } else if (value.is_boolean()) {
        out = value.get<bool>() ? "yes" : "no";
      } else if (value.is_null()) {
        out.clear();
      } else if (value.is_array()) {
        std::vector<std::string> parts;
        for (const auto& part : value) {
          if (!part.is_string()) {
            table.errors.add(error_at(where, "expected a list of strings"));
            break;
          }
          parts.emplace_back(trim(part.get<std::string>()));
        }
        out = fmt::format("{}", fmt::join(parts, ";"));
      } else if (value.is_number()) {
        out = value.dump();  // judged as text by the caller ("'1' is not yes or no")
      } else {
        table.errors.add(error_at(where, fmt::format("expected a string, got {}", value.type_name())));
      }
    }
    table.rows.push_back(std::move(in));
  }
  return table;
}

std::size_t line_of(const YAML::Node& node) { return static_cast<std::size_t>(node.Mark().line) + 1; }

}  // namespace

// yaml-cpp parses flow collections ([ ], { }) recursively: refuse nesting
// that would exhaust the stack before it gets there. (Block nesting needs a
// line of indentation per level, so it cannot go as deep.)
static Result<void> check_flow_depth(std::string_view text, std::string_view source) {
  constexpr int kMaxDepth = 64;
  int depth = 0;
  std::size_t line = 1;
  char quote = 0;
  for (char c : text) {
    if (c == '\n') ++line;
    if (quote) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '"' || c == '\'') quote = c;
    if (c == '[' || c == '{') {
      if (++depth > kMaxDepth)
        return invalid(fmt::format("{}:{}", source, line), fmt::format("nested deeper than {} levels", kMaxDepth));
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return {};
}

// yaml-cpp takes a quoted scalar whose closing quote never comes to the end
// of the file (the rows after it become part of the value): true when the
// scalar that starts at byte `at` is quoted and its quote is not closed.
bool unterminated_quote(std::string_view text, int at) {
  if (at < 0 || static_cast<std::size_t>(at) >= text.size()) return false;
  const char quote = text[static_cast<std::size_t>(at)];
  if (quote != '"' && quote != '\'') return false;
  for (std::size_t i = static_cast<std::size_t>(at) + 1; i < text.size(); ++i) {
    if (quote == '"' && text[i] == '\\') {
      ++i;  // an escape: the next character is the escaped one
    } else if (text[i] == quote) {
      if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
        ++i;  // '' inside single quotes is one quote
      } else {
        return false;
      }
    }
  }
  return true;
}

Result<void> check_yaml_text(std::string_view text, std::string_view source) {
  TRY(require_utf8(text, source));
  return check_flow_depth(text, source);
}

namespace {

Result<InputTable> read_yaml(std::string_view text, std::string_view source, std::span<const Column> columns) {
  TRY(check_yaml_text(text, source));
  YAML::Node doc;
  try {
    doc = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    return invalid(fmt::format("{}:{}", source, e.mark.line + 1), fmt::format("invalid YAML ({})", e.msg));
  }
  if (!doc.IsSequence()) {
    return invalid(std::string(source), "expected a YAML list of rows (one map per row)");
  }
  InputTable table;
  table.present.assign(columns.size(), true);
  std::size_t index = 0;
  for (const YAML::Node& item : doc) {
    InputRow in;
    in.source = std::string(source);
    in.index = index++;
    in.line = line_of(item);
    in.values.resize(columns.size());
    in.lines.assign(columns.size(), 0);
    if (!item.IsMap()) {
      table.errors.add(error_at(in.where(), "expected a map of column: value"));
      continue;
    }
    std::vector<std::pair<std::string, std::size_t>> seen;  // key -> line: a row has a handful of keys
    for (const auto& entry : item) {
      std::string key = entry.first.IsScalar() ? entry.first.Scalar() : std::string("?");
      std::string where = fmt::format("{}:{}: {}", source, line_of(entry.first), excerpt(key));
      auto first = std::find_if(seen.begin(), seen.end(), [&](const auto& s) { return s.first == key; });
      if (first != seen.end()) {
        // yaml-cpp keeps one of the two silently; JSON refuses the same.
        table.errors.add(error_at(where, fmt::format("the key '{}' appears twice in one row (first at line "
                                                     "{}); keep one",
                                                     excerpt(key), first->second)));
        continue;
      }
      seen.emplace_back(key, line_of(entry.first));
      int c = find_column(columns, key);
      if (c < 0) {
        table.errors.add(error_at(where, unknown_column_message(key, columns)));
        continue;
      }
      const YAML::Node& value = entry.second;
      if (value.IsScalar() && unterminated_quote(text, value.Mark().pos)) {
        table.errors.add(
            error_at(fmt::format("{}:{}: {}", source, line_of(value), excerpt(key)), std::string(kUnterminatedQuote)));
        continue;
      }
      std::string& out = in.values[static_cast<std::size_t>(c)];
      in.lines[static_cast<std::size_t>(c)] = line_of(value);
      if (value.IsNull()) {
        out.clear();
      } else if (value.IsScalar()) {
        out = std::string(trim(value.Scalar()));
      } else if (value.IsSequence()) {
        std::vector<std::string> parts;
        for (const YAML::Node& part : value) {
          if (!part.IsScalar()) {
            table.errors.add(error_at(where, "expected a list of text values"));
            break;
          }
          if (unterminated_quote(text, part.Mark().pos)) {
            table.errors.add(error_at(fmt::format("{}:{}: {}", source, line_of(part), excerpt(key)),
                                      std::string(kUnterminatedQuote)));
            break;
          }
          parts.emplace_back(trim(part.Scalar()));
        }
        out = fmt::format("{}", fmt::join(parts, ";"));
      } else {
        table.errors.add(error_at(where, "expected a text value, not a map"));
      }
    }
    table.rows.push_back(std::move(in));
  }
  return table;
}

}  // namespace

InputFormat input_format_for(std::string_view path) {
  if (ends_with(path, ".json")) return InputFormat::Json;
  if (ends_with(path, ".yaml") || ends_with(path, ".yml")) return InputFormat::Yaml;
  return InputFormat::Csv;
}

std::string InputRow::where() const {
  if (json) return fmt::format("{}: [{}]", source, index);
  return fmt::format("{}:{}", source, line);
}

std::string InputRow::where(std::size_t column, std::span<const Column> columns) const {
  std::string_view name = column < columns.size() ? columns[column].name : std::string_view("?");
  if (json) return fmt::format("{}: [{}].{}", source, index, name);
  std::size_t at = (column < lines.size() && lines[column] != 0) ? lines[column] : line;
  return fmt::format("{}:{}: {}", source, at, name);
}

namespace {

// No cell of any format may carry a control character (but line breaks and
// tabs in a cell that may span lines) or a bidi control into a record or
// report (core/text.h unsafe_text).
InputTable refusing_unsafe_cells(InputTable table, std::span<const Column> columns) {
  for (const InputRow& row : table.rows) {
    for (std::size_t c = 0; c < row.values.size(); ++c) {
      const bool one_line = c < columns.size() && columns[c].one_line;
      if (auto problem = unsafe_text(row.values[c], !one_line)) {
        table.errors.add(error_at(row.where(c, columns), *problem));
      }
    }
  }
  return table;
}

}  // namespace

Result<InputTable> read_table(std::string_view text, InputFormat format, std::string_view source,
                              std::span<const Column> columns, CsvOptions csv_options) {
  switch (format) {
    case InputFormat::Json:
      return read_json(text, source, columns).map([&](InputTable t) {
        return refusing_unsafe_cells(std::move(t), columns);
      });
    case InputFormat::Yaml:
      return read_yaml(text, source, columns).map([&](InputTable t) {
        return refusing_unsafe_cells(std::move(t), columns);
      });
    case InputFormat::Csv: break;
  }
  auto csv = parse_csv(text, source, csv_options);
  if (!csv) return tl::unexpected(csv.error());
  InputTable table = read_csv(*csv, source, columns);
  if (auto notice = csv_delimiter_notice(*csv, source)) table.notices.insert(table.notices.begin(), std::move(*notice));
  return refusing_unsafe_cells(std::move(table), columns);
}

}  // namespace vigil::assess
