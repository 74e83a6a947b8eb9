#include "supplier/register_input.h"

#include <algorithm>
#include <charconv>
#include <span>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>
#include <nlohmann/json.hpp>

#include <sstream>

#include "assess/tabular_input.h"
#include "catalog/catalog.h"
#include "core/csv.h"
#include "core/errors.h"
#include "core/json_input.h"
#include "core/text.h"
#include "supplier/countries.h"

namespace vigil::supplier {
namespace {

// ---------------------------------------------------------------------------
// One row of any of the three shapes: a cell per known field, with where each
// value was written.

struct Field {
  std::string_view name;  // as in CSV headers and documents ("contact_email" is contact.email in a document)
  bool required;          // a CSV header must have it, a document row must give it
};

constexpr Field kFunctionFields[] = {
    {"id", true}, {"name", true}, {"critical", true}, {"entity_type", false}, {"rto", false},
};
enum FunctionField { kFId, kFName, kFCritical, kFEntityType, kFRto };

constexpr Field kSupplierFields[] = {
    {"id", true},
    {"name", true},
    {"country", true},
    {"group", false},
    {"services", true},
    {"substitutable", true},
    {"exit_plan", true},
    {"iso27001_certificate_expiry", false},
    {"contract_end", false},
    {"clauses", false},
    {"last_assessment", false},
    {"next_assessment", false},
    {"contact_name", false},
    {"contact_email", false},
    {"contact_phone", false},
};
enum SupplierField {
  kSId,
  kSName,
  kSCountry,
  kSGroup,
  kSServices,
  kSSubstitutable,
  kSExitPlan,
  kSCertificate,
  kSContractEnd,
  kSClauses,
  kSLastAssessment,
  kSNextAssessment,
  kSContactName,
  kSContactEmail,
  kSContactPhone,
};
constexpr std::string_view kContactParts[] = {"name", "email", "phone"};

constexpr Field kDependencyFields[] = {
    {"from", true},
    {"to", true},
    {"kind", true},
    {"description", false},
};
enum DependencyField { kDFrom, kDTo, kDKind, kDDescription };

struct Cell {
  bool present = false;
  bool is_list = false;
  std::string text;                // a scalar, trimmed ("true" for a JSON true)
  std::vector<std::string> items;  // a list, each trimmed
  std::size_t line = 0;            // YAML: the value's line
};

struct Row {
  std::string_view source;
  std::string prefix;    // "suppliers[3]" in a document, "" in CSV
  std::size_t line = 0;  // CSV and YAML; 0 in JSON
  std::span<const Field> fields;
  std::vector<Cell> cells;
  bool ok = true;  // false when the row is not a map (already reported)

  std::string field_name(std::size_t f) const {
    std::string_view name = fields[f].name;
    if (!prefix.empty() && name.starts_with("contact_")) return fmt::format("contact.{}", name.substr(8));
    return std::string(name);
  }
  // "suppliers.csv:12: country", "register.yaml:40: suppliers[3].country",
  // "register.json: suppliers[3].country".
  std::string where(std::size_t f) const {
    if (prefix.empty()) return fmt::format("{}:{}: {}", source, line, field_name(f));
    std::size_t at = cells[f].line != 0 ? cells[f].line : line;
    if (at != 0) return fmt::format("{}:{}: {}.{}", source, at, prefix, field_name(f));
    return fmt::format("{}: {}.{}", source, prefix, field_name(f));
  }
  std::string where() const {
    if (prefix.empty()) return fmt::format("{}:{}", source, line);
    if (line != 0) return fmt::format("{}:{}: {}", source, line, prefix);
    return fmt::format("{}: {}", source, prefix);
  }
};

Error error_at(std::string where, std::string message) {
  return Error{ErrorCode::InvalidInput, std::move(where), std::move(message), {}};
}

std::string unknown_field_message(std::string_view kind, std::string_view name,
                                  std::span<const std::string_view> known) {
  auto close = nearest(name, known, 1);
  std::vector<std::string> all(known.begin(), known.end());
  std::string hint = close.empty() ? "" : fmt::format("did you mean '{}'? ", close.front());
  return fmt::format("unknown {} '{}': {}the {}s are {}", kind, excerpt(name), hint, kind, fmt::join(all, ", "));
}

std::vector<std::string_view> document_names(std::span<const Field> fields) {
  std::vector<std::string_view> names;
  bool contact = false;
  for (const Field& f : fields) {
    if (f.name.starts_with("contact_")) {
      if (!contact) names.push_back("contact");
      contact = true;
    } else {
      names.push_back(f.name);
    }
  }
  return names;
}

int field_index(std::span<const Field> fields, std::string_view name) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

// Documents (JSON, YAML) write the contact_* fields as contact: {name, email, phone}.
bool has_contact(std::span<const Field> fields) { return field_index(fields, "contact_name") >= 0; }

// The field a document's key fills, or -1 after saying that the key is unknown
// (`names`: document_names(fields)).
int document_field(std::span<const Field> fields, std::string_view key, std::span<const std::string_view> names,
                   const std::string& where, Errors& errors) {
  int f = key.starts_with("contact_") ? -1 : field_index(fields, key);
  if (f < 0) errors.add(error_at(where, unknown_field_message("field", key, names)));
  return f;
}

// The field a part of contact: {...} fills, or -1 after saying that the part is unknown.
int contact_field(std::span<const Field> fields, std::string_view part, const std::string& where, Errors& errors) {
  int f = field_index(fields, fmt::format("contact_{}", part));
  if (f < 0) errors.add(error_at(where, unknown_field_message("field", part, kContactParts)));
  return f;
}

// ---------------------------------------------------------------------------
// CSV

std::vector<Row> read_csv_rows(CsvSource in, std::span<const Field> fields, Errors& errors) {
  std::vector<Row> rows;
  auto table = parse_csv(in.text, in.name);
  if (!table) {
    errors.add(table.error());
    return rows;
  }
  std::vector<std::string_view> names;
  for (const Field& f : fields) names.push_back(f.name);
  std::vector<int> column(fields.size(), -1);
  for (std::size_t h = 0; h < table->header.size(); ++h) {
    int f = field_index(fields, table->header[h]);
    if (f < 0) {
      errors.add(error_at(fmt::format("{}:1", in.name), unknown_field_message("column", table->header[h], names)));
    } else if (column[static_cast<std::size_t>(f)] >= 0) {
      errors.add(error_at(fmt::format("{}:1", in.name),
                          fmt::format("column '{}' appears twice", fields[static_cast<std::size_t>(f)].name)));
    } else {
      column[static_cast<std::size_t>(f)] = static_cast<int>(h);
    }
  }
  bool missing = false;
  for (std::size_t f = 0; f < fields.size(); ++f) {
    if (fields[f].required && column[f] < 0) {
      errors.add(error_at(fmt::format("{}:1", in.name), fmt::format("missing required column '{}'", fields[f].name)));
      missing = true;
    }
  }
  if (missing) return rows;  // every row would repeat the same error
  rows.reserve(table->rows.size());
  for (const CsvRow& csv_row : table->rows) {
    Row row{in.name, "", csv_row.line, fields, std::vector<Cell>(fields.size())};
    for (std::size_t f = 0; f < fields.size(); ++f) {
      if (column[f] < 0) continue;
      std::string_view value = trim(csv_row.fields[static_cast<std::size_t>(column[f])]);
      if (value.empty()) continue;
      row.cells[f].present = true;
      row.cells[f].text = std::string(value);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

// ---------------------------------------------------------------------------
// JSON

void json_cell(const nlohmann::json& value, Cell& cell, const std::string& where, Errors& errors) {
  if (value.is_null()) return;
  if (value.is_string()) {
    cell.text = std::string(trim(value.get_ref<const std::string&>()));
    cell.present = !cell.text.empty();
  } else if (value.is_boolean()) {
    cell.text = value.get<bool>() ? "true" : "false";
    cell.present = true;
  } else if (value.is_array()) {
    cell.is_list = true;
    cell.present = true;
    for (const auto& item : value) {
      if (!item.is_string()) {
        errors.add(error_at(where, fmt::format("expected a list of strings, found {}", describe_value(item))));
        cell.present = false;
        return;
      }
      std::string_view text = trim(item.get_ref<const std::string&>());
      if (!text.empty()) cell.items.emplace_back(text);
    }
  } else {
    errors.add(error_at(where, fmt::format("expected text, true/false or a list, found {}", describe_value(value))));
  }
}

// Where things are in a JSON register that parse_json has already accepted
// (nlohmann keeps no positions): the line of each top-level key, of each
// element of the three lists, and of each key inside an element ("country",
// "contact.email"), so that JSON errors name a line as CSV and YAML ones do.
// Not a second parser: it only follows strings, brackets and commas of text
// known to be valid JSON.
struct JsonLines {
  std::vector<std::pair<std::string, std::size_t>> top;
  std::vector<std::size_t> elements[3];
  std::vector<std::vector<std::pair<std::string, std::size_t>>> keys[3];

  static std::size_t find(const std::vector<std::pair<std::string, std::size_t>>& list, std::string_view key) {
    for (const auto& [k, line] : list) {
      if (k == key) return line;
    }
    return 0;
  }
  std::size_t element(std::size_t s, std::size_t i) const { return i < elements[s].size() ? elements[s][i] : 0; }
  std::size_t key(std::size_t s, std::size_t i, std::string_view k) const {
    return i < keys[s].size() ? find(keys[s][i], k) : 0;
  }
};

JsonLines locate_json_lines(std::string_view text, std::span<const std::string_view> sections) {
  JsonLines out;
  std::size_t line = 1;
  int depth = 0;
  int section = -1;
  bool expect_element = false;
  std::string last_string, outer_key;
  std::size_t string_line = 0;
  bool have_string = false;
  auto element_starts = [&]() {
    if (depth == 2 && section >= 0 && expect_element) {
      out.elements[section].push_back(line);
      out.keys[section].emplace_back();
      expect_element = false;
    }
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n') {
      ++line;
    } else if (c == '"') {
      element_starts();
      string_line = line;
      last_string.clear();
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\' && i + 1 < text.size()) ++i;  // an escaped character (never a raw newline)
        last_string += text[i];
      }
      have_string = true;
      continue;
    } else if (c == ':') {
      if (have_string) {
        if (depth == 1) {
          out.top.emplace_back(last_string, string_line);
          auto it = std::find(sections.begin(), sections.end(), last_string);
          section = it == sections.end() ? -1 : static_cast<int>(it - sections.begin());
        } else if (depth == 3 && section >= 0 && !out.keys[section].empty()) {
          out.keys[section].back().emplace_back(last_string, string_line);
          outer_key = last_string;
        } else if (depth == 4 && section >= 0 && !out.keys[section].empty()) {
          out.keys[section].back().emplace_back(outer_key + "." + last_string, string_line);
        }
      }
    } else if (c == '{' || c == '[') {
      element_starts();
      ++depth;
      if (depth == 2 && c == '[') expect_element = true;
    } else if (c == '}' || c == ']') {
      --depth;
      expect_element = false;
    } else if (c == ',') {
      if (depth == 2) expect_element = true;
    } else if (c != ' ' && c != '\t' && c != '\r') {
      element_starts();  // a number, true, false or null as an element
    }
    have_string = false;
  }
  return out;
}

Row json_row(const nlohmann::json& item, std::string_view source, std::string prefix, std::span<const Field> fields,
             Errors& errors, const JsonLines& lines, std::size_t section, std::size_t index) {
  Row row{source, std::move(prefix), lines.element(section, index), fields, std::vector<Cell>(fields.size())};
  auto at = [&](std::string_view key) {
    std::size_t line = lines.key(section, index, key);
    return line != 0 ? fmt::format("{}:{}: {}.{}", source, line, row.prefix, excerpt(key))
                     : fmt::format("{}: {}.{}", source, row.prefix, excerpt(key));
  };
  if (!item.is_object()) {
    errors.add(error_at(row.where(), fmt::format("expected an object, found {}", describe_value(item))));
    row.ok = false;
    return row;
  }
  auto names = document_names(fields);
  for (const auto& [key, value] : item.items()) {
    std::string where = at(key);
    if (key == "contact" && has_contact(fields)) {
      if (value.is_null()) continue;
      if (!value.is_object()) {
        errors.add(error_at(
            where, fmt::format("expected an object with name, email, phone, found {}", describe_value(value))));
        continue;
      }
      for (const auto& [part, part_value] : value.items()) {
        std::string part_where = at(fmt::format("contact.{}", part));
        int f = contact_field(fields, part, part_where, errors);
        if (f < 0) continue;
        row.cells[static_cast<std::size_t>(f)].line = lines.key(section, index, fmt::format("contact.{}", part));
        json_cell(part_value, row.cells[static_cast<std::size_t>(f)], part_where, errors);
      }
      continue;
    }
    int f = document_field(fields, key, names, where, errors);
    if (f < 0) continue;
    row.cells[static_cast<std::size_t>(f)].line = lines.key(section, index, key);
    json_cell(value, row.cells[static_cast<std::size_t>(f)], where, errors);
  }
  return row;
}

// ---------------------------------------------------------------------------
// YAML

// The document as a plain tree, built from yaml-cpp's parser events rather
// than with YAML::Load: yaml-cpp's own node graph (a shared_ptr per node, each
// registered in a set) cost a third of the time of reading a large register,
// half of it in tearing the graph down (docs/PERFORMANCE.md). The meaning is
// YAML::Load's: the first document, null for ~, null and empty plain scalars,
// an alias a copy of what its anchor names (with a budget, so that nested
// aliases cannot multiply a small text into an endless tree).
struct YNode {
  enum class Kind : std::uint8_t { Null, Scalar, Sequence, Map };
  Kind kind = Kind::Null;
  std::size_t line = 0;  // 1-based
  std::string scalar;
  std::vector<YNode> children;  // sequence: items; map: key, value, key, value, ...

  bool IsNull() const { return kind == Kind::Null; }
  bool IsScalar() const { return kind == Kind::Scalar; }
  bool IsSequence() const { return kind == Kind::Sequence; }
  bool IsMap() const { return kind == Kind::Map; }
};

// More nodes than this from aliases is refused (a register has no use for aliases at that scale).
constexpr std::size_t kMaxAliasNodes = 1'000'000;

std::size_t count_nodes(const YNode& node) {
  std::size_t n = 1;
  for (const YNode& child : node.children) n += count_nodes(child);
  return n;
}

class TreeBuilder final : public YAML::EventHandler {
 public:
  explicit TreeBuilder(std::string_view text) : text_(text) {}
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    add(YNode{YNode::Kind::Null, line(mark), {}, {}}, anchor);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto at = anchors_.find(anchor);
    if (at == anchors_.end()) throw YAML::ParserException(mark, "an alias names no anchor before it");
    alias_nodes_ += count_nodes(at->second);
    if (alias_nodes_ > kMaxAliasNodes) throw YAML::ParserException(mark, "aliases expand to too many values");
    add(at->second, 0);
  }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor, const std::string& value) override {
    if (assess::unterminated_quote(text_, mark.pos))
      throw YAML::ParserException(mark, std::string(assess::kUnterminatedQuote));
    add(YNode{YNode::Kind::Scalar, line(mark), value, {}}, anchor);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open_.push_back({YNode{YNode::Kind::Sequence, line(mark), {}, {}}, anchor});
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open_.push_back({YNode{YNode::Kind::Map, line(mark), {}, {}}, anchor});
  }
  void OnMapEnd() override { close(); }

  YNode take() { return std::move(root_); }

 private:
  static std::size_t line(const YAML::Mark& mark) { return static_cast<std::size_t>(mark.line) + 1; }

  void add(YNode node, YAML::anchor_t anchor) {
    if (anchor != 0) anchors_[anchor] = node;
    if (open_.empty()) {
      root_ = std::move(node);
    } else {
      open_.back().node.children.push_back(std::move(node));
    }
  }
  void close() {
    Open done = std::move(open_.back());
    open_.pop_back();
    add(std::move(done.node), done.anchor);
  }

  struct Open {
    YNode node;
    YAML::anchor_t anchor = 0;
  };
  std::string_view text_;
  std::vector<Open> open_;
  YNode root_;
  std::unordered_map<YAML::anchor_t, YNode> anchors_;
  std::size_t alias_nodes_ = 0;
};

std::size_t line_of(const YNode& node) { return node.line; }

void yaml_cell(const YNode& value, Cell& cell, const std::string& where, Errors& errors) {
  cell.line = line_of(value);
  if (value.IsNull()) return;
  if (value.IsScalar()) {
    cell.text = std::string(trim(value.scalar));
    cell.present = !cell.text.empty();
  } else if (value.IsSequence()) {
    cell.is_list = true;
    cell.present = true;
    for (const YNode& item : value.children) {
      if (!item.IsScalar()) {
        errors.add(error_at(where, "expected a list of text values"));
        cell.present = false;
        return;
      }
      std::string_view text = trim(item.scalar);
      if (!text.empty()) cell.items.emplace_back(text);
    }
  } else {
    errors.add(error_at(where, "expected a text value or a list, not a map"));
  }
}

std::string yaml_key(const YNode& key) { return key.IsScalar() ? key.scalar : std::string("?"); }

Row yaml_row(const YNode& item, std::string_view source, std::string prefix, std::span<const Field> fields,
             Errors& errors) {
  Row row{source, std::move(prefix), line_of(item), fields, std::vector<Cell>(fields.size())};
  if (!item.IsMap()) {
    errors.add(error_at(row.where(), "expected a map of field: value"));
    row.ok = false;
    return row;
  }
  auto names = document_names(fields);
  // A key given twice in one map must not silently replace the first.
  std::vector<bool> seen(fields.size() + 1, false);
  auto given_twice = [&](std::size_t f, const std::string& where) {
    if (!seen[f]) {
      seen[f] = true;
      return false;
    }
    errors.add(error_at(where, "given twice"));
    return true;
  };
  for (std::size_t e = 0; e + 1 < item.children.size(); e += 2) {
    const YNode& entry_key = item.children[e];
    const YNode& entry_value = item.children[e + 1];
    std::string key = yaml_key(entry_key);
    std::string where = fmt::format("{}:{}: {}.{}", source, line_of(entry_key), row.prefix, excerpt(key));
    if (key == "contact" && has_contact(fields)) {
      if (given_twice(fields.size(), where)) continue;
      const YNode& value = entry_value;
      if (value.IsNull()) continue;
      if (!value.IsMap()) {
        errors.add(error_at(where, "expected a map with name, email, phone"));
        continue;
      }
      for (std::size_t p = 0; p + 1 < value.children.size(); p += 2) {
        const YNode& part_key_node = value.children[p];
        const YNode& part_value = value.children[p + 1];
        std::string part_key = yaml_key(part_key_node);
        std::string part_where =
            fmt::format("{}:{}: {}.contact.{}", source, line_of(part_key_node), row.prefix, excerpt(part_key));
        int f = contact_field(fields, part_key, part_where, errors);
        if (f < 0 || given_twice(static_cast<std::size_t>(f), part_where)) continue;
        yaml_cell(part_value, row.cells[static_cast<std::size_t>(f)], part_where, errors);
      }
      continue;
    }
    int f = document_field(fields, key, names, where, errors);
    if (f < 0 || given_twice(static_cast<std::size_t>(f), where)) continue;
    yaml_cell(entry_value, row.cells[static_cast<std::size_t>(f)], where, errors);
  }
  return row;
}

// ---------------------------------------------------------------------------
// Values

class RowReader {
 public:
  RowReader(const Row& row, Errors& errors) : row_(row), errors_(errors) {}

  void error(std::size_t f, std::string message) { errors_.add(error_at(row_.where(f), std::move(message))); }

  const Cell* cell(std::size_t f) {
    const Cell& c = row_.cells[f];
    if (!c.present) {
      if (row_.fields[f].required) error(f, "missing (required)");
      return nullptr;
    }
    return &c;
  }

  std::string text(std::size_t f, std::size_t max_bytes = kMaxIdBytes) {
    const Cell* c = cell(f);
    if (c == nullptr) return {};
    if (c->is_list) {
      error(f, "expected one text value, not a list");
      return {};
    }
    if (c->text.size() > max_bytes) {
      error(f, fmt::format("longer than {} bytes", max_bytes));
      return {};
    }
    // Every field of the register is one line shown in reports and CSV.
    if (auto problem = unsafe_text(c->text, false)) {
      error(f, *problem);
      return {};
    }
    return c->text;
  }

  // An id: letters, digits and . _ - : / (so it can be typed on a command line
  // and used in a file name), at most kMaxIdBytes.
  std::string id(std::size_t f) {
    std::string value = text(f);
    for (char ch : value) {
      bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '.' ||
                ch == '_' || ch == '-' || ch == ':' || ch == '/';
      if (!ok) {
        error(f, fmt::format("'{}' is not a valid id: use letters, digits and . _ - : /", excerpt(value)));
        return {};
      }
    }
    return value;
  }

  bool flag(std::size_t f) {
    const Cell* c = cell(f);
    if (c == nullptr) return false;
    std::string lower = c->is_list ? std::string("[list]") : to_lower(c->text);
    if (lower == "true" || lower == "yes") return true;
    if (lower == "false" || lower == "no") return false;
    error(f, fmt::format("'{}' is not true or false (yes and no are accepted too)",
                         excerpt(c->is_list ? "[list]" : c->text)));
    return false;
  }

  std::optional<Date> date(std::size_t f) {
    std::string value = text(f);
    if (value.empty()) return std::nullopt;
    auto parsed = parse_date(value, row_.where(f));
    if (!parsed) {
      errors_.add(parsed.error());
      return std::nullopt;
    }
    return *parsed;
  }

  std::vector<std::string> list(std::size_t f) {
    const Cell* c = cell(f);
    if (c == nullptr) return {};
    std::vector<std::string> items = c->is_list ? c->items : split_items(c->text);
    if (items.size() > kMaxListItems) {
      error(f, fmt::format("more than {} items", kMaxListItems));
      return {};
    }
    for (const std::string& item : items) {
      if (item.size() > kMaxIdBytes) {
        error(f, fmt::format("an item is longer than {} bytes", kMaxIdBytes));
        return {};
      }
      if (auto problem = unsafe_text(item, false)) {
        error(f, "an item " + *problem);
        return {};
      }
    }
    return items;
  }

 private:
  const Row& row_;
  Errors& errors_;
};

std::vector<std::string_view> entity_type_names() {
  std::vector<std::string_view> ids;
  for (std::string_view id : catalog::entity_type_ids()) ids.push_back(id);
  return ids;
}

Function read_function(const Row& row, Errors& errors) {
  RowReader r(row, errors);
  Function fn;
  fn.where = row.where();
  fn.id = r.id(kFId);
  fn.name = r.text(kFName, kMaxTextBytes);
  fn.critical = r.flag(kFCritical);
  fn.entity_type = r.text(kFEntityType);
  if (!fn.entity_type.empty() && catalog::find_entity_type(fn.entity_type) == nullptr) {
    auto known = entity_type_names();
    auto close = nearest(fn.entity_type, known);
    r.error(kFEntityType,
            fmt::format("unknown entity type '{}'{} (the catalog's entity_types list them)", excerpt(fn.entity_type),
                        close.empty() ? "" : fmt::format(": did you mean {}?", or_list(close))));
    fn.entity_type.clear();
  }
  fn.rto = r.text(kFRto);
  if (!fn.rto.empty()) {
    fn.rto_seconds = parse_duration_seconds(fn.rto);
    if (!fn.rto_seconds) {
      r.error(kFRto, fmt::format("'{}' is not an ISO 8601 duration in days, hours, minutes or seconds "
                                 "(e.g. PT4H, P1DT12H, P2W)",
                                 excerpt(fn.rto)));
    }
  }
  return fn;
}

std::string country_message(std::string_view code) {
  std::string upper(code);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (upper != code && find_country(upper) != nullptr) {
    return fmt::format("'{}' is not an ISO 3166-1 alpha-2 code: write it in capitals, {}", excerpt(code), upper);
  }
  if (upper == "UK") return "'UK' is not an ISO 3166-1 alpha-2 code: the United Kingdom is GB";
  if (upper == "EL") return "'EL' is not an ISO 3166-1 alpha-2 code: Greece is GR";
  return fmt::format("'{}' is not an ISO 3166-1 alpha-2 code (two capital letters, such as DE, FR, IE, US)",
                     excerpt(code));
}

Supplier read_supplier(const Row& row, Errors& errors) {
  RowReader r(row, errors);
  Supplier s;
  s.where = row.where();
  s.id = r.id(kSId);
  s.name = r.text(kSName, kMaxTextBytes);
  s.country = r.text(kSCountry);
  if (!s.country.empty() && find_country(s.country) == nullptr) {
    r.error(kSCountry, country_message(s.country));
    s.country.clear();
  }
  s.group = r.id(kSGroup);
  s.services = r.list(kSServices);
  if (row.cells[kSServices].present && s.services.empty()) r.error(kSServices, "name at least one service");
  s.substitutable = r.flag(kSSubstitutable);
  s.exit_plan = r.flag(kSExitPlan);
  s.certificate_expiry = r.date(kSCertificate);
  s.contract_end = r.date(kSContractEnd);
  auto names = clause_names();
  std::vector<std::string_view> known(names.begin(), names.end());
  for (const std::string& item : r.list(kSClauses)) {
    auto clause = parse_clause(item);
    if (!clause) {
      auto close = nearest(item, known, 1);
      r.error(kSClauses, fmt::format("unknown clause '{}'{}: the clauses are {}", excerpt(item),
                                     close.empty() ? "" : fmt::format(" (did you mean {}?)", close.front()),
                                     fmt::join(known, ", ")));
    } else if (s.has_clause(*clause)) {
      r.error(kSClauses, fmt::format("clause '{}' is listed twice", item));
    } else {
      s.clauses.push_back(*clause);
    }
  }
  std::sort(s.clauses.begin(), s.clauses.end());
  s.last_assessment = r.date(kSLastAssessment);
  s.next_assessment = r.date(kSNextAssessment);
  s.contact.name = r.text(kSContactName, kMaxTextBytes);
  s.contact.email = r.text(kSContactEmail);
  s.contact.phone = r.text(kSContactPhone);
  return s;
}

struct IdEntry {
  bool function;
  std::size_t index;
};

class Builder {
 public:
  explicit Builder(Errors& errors) : errors_(errors) {}

  void add_functions(const std::vector<Row>& rows) { add_nodes(rows, read_function, kFId, true, reg_.functions); }
  void add_suppliers(const std::vector<Row>& rows) { add_nodes(rows, read_supplier, kSId, false, reg_.suppliers); }

  void add_dependencies(const std::vector<Row>& rows) {
    std::unordered_set<std::string> seen;
    for (const Row& row : rows) {
      if (!row.ok) continue;
      RowReader r(row, errors_);
      std::string from = r.id(kDFrom);
      std::string to = r.id(kDTo);
      Dependency dep;
      dep.kind = r.text(kDKind);
      dep.description = r.text(kDDescription, kMaxTextBytes);
      dep.where = row.where();
      auto from_entry = resolve(from, kDFrom, r, true);
      auto to_entry = resolve(to, kDTo, r, false);
      if (!from_entry || !to_entry || dep.kind.empty()) continue;
      if (to_entry->function) {
        r.error(kDTo, fmt::format("'{}' is a function: a dependency points to a supplier", excerpt(to)));
        continue;
      }
      std::string key = fmt::format("{}\n{}\n{}", from, to, dep.kind);
      if (!seen.insert(key).second) {
        errors_.add(
            error_at(row.where(), fmt::format("duplicate dependency {} -> {} ({})", from, to, excerpt(dep.kind))));
        continue;
      }
      dep.from = Node{from_entry->function, from_entry->index};
      dep.to = to_entry->index;
      reg_.dependencies.push_back(std::move(dep));
    }
  }

  Register take() { return std::move(reg_); }

 private:
  // Reads each good row into a function or supplier and keeps it unless its
  // id is empty or already taken (by either kind: they share one namespace).
  template <class Item, class Read, class Column>
  void add_nodes(const std::vector<Row>& rows, Read read, Column id_column, bool function, std::vector<Item>& into) {
    for (const Row& row : rows) {
      if (!row.ok) continue;
      Item item = read(row, errors_);
      if (item.id.empty()) continue;
      if (claim(item.id, row.where(id_column), IdEntry{function, into.size()})) into.push_back(std::move(item));
    }
  }

  bool claim(const std::string& id, std::string where, IdEntry entry) {
    auto [it, inserted] = ids_.emplace(id, entry);
    if (inserted) return true;
    const IdEntry& first = it->second;
    std::string_view first_kind = first.function ? "function" : "supplier";
    const std::string& first_at =
        first.function ? reg_.functions[first.index].where : reg_.suppliers[first.index].where;
    errors_.add(error_at(std::move(where), fmt::format("duplicate id '{}': already used by the {} defined at {} "
                                                       "(functions and suppliers share one set of ids)",
                                                       excerpt(id), first_kind, first_at)));
    return false;
  }

  std::optional<IdEntry> resolve(const std::string& id, std::size_t f, RowReader& r, bool from) {
    if (id.empty()) return std::nullopt;
    auto it = ids_.find(id);
    if (it != ids_.end()) return it->second;
    if (known_.empty()) {
      for (const Function& fn : reg_.functions) known_.push_back(fn.id);
      for (const Supplier& s : reg_.suppliers) known_.push_back(s.id);
    }
    std::vector<std::string_view> candidates;
    for (const std::string& k : known_) candidates.push_back(k);
    auto close = nearest(id, candidates);
    r.error(f, fmt::format("unknown {} '{}'{}", from ? "function or supplier" : "supplier", excerpt(id),
                           close.empty() ? "" : fmt::format(" (did you mean {}?)", or_list(close))));
    return std::nullopt;
  }

  Register reg_;
  std::unordered_map<std::string, IdEntry> ids_;
  std::vector<std::string> known_;
  Errors& errors_;
};

// The line an error points at ("file.yaml:12: ..." -> 12), 0 when none.
std::size_t line_in(const std::string& where, std::string_view* source) {
  for (std::size_t colon = where.find(':'); colon != std::string::npos; colon = where.find(':', colon + 1)) {
    std::size_t line = 0;
    auto [end, ec] = std::from_chars(where.data() + colon + 1, where.data() + where.size(), line);
    if (ec == std::errc() && end != where.data() + colon + 1 && (end == where.data() + where.size() || *end == ':')) {
      *source = std::string_view(where).substr(0, colon);
      return line;
    }
  }
  *source = {};  // no line (JSON): such errors keep their order
  return 0;
}

Result<Register> finish(Builder& builder, Errors& errors) {
  if (errors.empty()) return builder.take();
  // In the order of the input: by file, then line (errors are found in two
  // passes, shape first, then values and ids).
  // Files keep the order they were read in (functions, suppliers, dependencies).
  std::vector<std::pair<std::size_t, std::size_t>> keys;  // (file rank, line) per error
  std::vector<std::string_view> files;
  for (const Error& e : errors.list()) {
    std::string_view source;
    std::size_t line = line_in(e.where, &source);
    auto it = std::find(files.begin(), files.end(), source);
    if (it == files.end()) it = files.insert(files.end(), source);
    keys.emplace_back(static_cast<std::size_t>(it - files.begin()), line);
  }
  std::vector<std::size_t> order(errors.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
  std::vector<Error> sorted;
  sorted.reserve(errors.size());
  for (std::size_t i : order) sorted.push_back(std::move(errors.list()[i]));
  errors.list() = std::move(sorted);
  if (errors.size() > kMaxReportedErrors) {
    std::size_t dropped = errors.size() - kMaxReportedErrors;
    errors.list().resize(kMaxReportedErrors);
    errors.add(error_at("", fmt::format("... and {} more errors", dropped)));
  }
  return tl::unexpected(errors.result().error());
}

constexpr std::string_view kSections[] = {"functions", "suppliers", "dependencies"};

Result<Register> from_json(std::string_view text, std::string_view source) {
  auto doc = TRY(parse_json(text, source));
  if (!doc.is_object()) {
    return invalid(
        std::string(source),
        fmt::format("expected an object with functions, suppliers and dependencies, found {}", describe_value(doc)));
  }
  Errors errors;
  const JsonLines lines = locate_json_lines(text, kSections);
  auto top_where = [&](std::string_view key) {
    std::size_t line = JsonLines::find(lines.top, key);
    return line != 0 ? fmt::format("{}:{}: {}", source, line, excerpt(key))
                     : fmt::format("{}: {}", source, excerpt(key));
  };
  for (const auto& [key, value] : doc.items()) {
    if (std::find(std::begin(kSections), std::end(kSections), key) == std::end(kSections)) {
      errors.add(error_at(top_where(key), unknown_field_message("section", key, kSections)));
    }
  }
  std::vector<Row> rows[3];
  constexpr std::span<const Field> fields[3] = {kFunctionFields, kSupplierFields, kDependencyFields};
  for (std::size_t s = 0; s < 3; ++s) {
    std::string name(kSections[s]);
    auto it = doc.find(name);
    if (it == doc.end()) {
      errors.add(error_at(fmt::format("{}: {}", source, name), "missing (required; it may be an empty list)"));
      continue;
    }
    if (!it->is_array()) {
      errors.add(error_at(top_where(name), fmt::format("expected a list, found {}", describe_value(*it))));
      continue;
    }
    for (std::size_t i = 0; i < it->size(); ++i) {
      rows[s].push_back(json_row((*it)[i], source, fmt::format("{}[{}]", name, i), fields[s], errors, lines, s, i));
    }
  }
  Builder builder(errors);
  builder.add_functions(rows[0]);
  builder.add_suppliers(rows[1]);
  builder.add_dependencies(rows[2]);
  return finish(builder, errors);
}

Result<Register> from_yaml(std::string_view text, std::string_view source) {
  TRY(assess::check_yaml_text(text, source));
  YNode doc;
  try {
    std::istringstream stream{std::string(text)};
    YAML::Parser parser(stream);
    TreeBuilder builder(text);
    parser.HandleNextDocument(builder);  // the first document, as YAML::Load
    doc = builder.take();
  } catch (const YAML::Exception& e) {
    return invalid(fmt::format("{}:{}", source, e.mark.line + 1), fmt::format("invalid YAML ({})", e.msg));
  }
  if (!doc.IsMap()) {
    return invalid(std::string(source), "expected a map with the lists functions, suppliers and dependencies");
  }
  Errors errors;
  const YNode* sections[3] = {nullptr, nullptr, nullptr};
  bool found[3] = {false, false, false};
  for (std::size_t e = 0; e + 1 < doc.children.size(); e += 2) {
    const YNode& entry_key = doc.children[e];
    std::string key = yaml_key(entry_key);
    auto it = std::find(std::begin(kSections), std::end(kSections), key);
    if (it == std::end(kSections)) {
      errors.add(error_at(fmt::format("{}:{}: {}", source, line_of(entry_key), excerpt(key)),
                          unknown_field_message("section", key, kSections)));
      continue;
    }
    auto s = static_cast<std::size_t>(it - std::begin(kSections));
    if (found[s]) {
      errors.add(error_at(fmt::format("{}:{}: {}", source, line_of(entry_key), key), "given twice"));
      continue;
    }
    found[s] = true;
    sections[s] = &doc.children[e + 1];
  }
  std::vector<Row> rows[3];
  constexpr std::span<const Field> fields[3] = {kFunctionFields, kSupplierFields, kDependencyFields};
  for (std::size_t s = 0; s < 3; ++s) {
    std::string name(kSections[s]);
    if (!found[s]) {
      errors.add(error_at(fmt::format("{}: {}", source, name), "missing (required; it may be an empty list)"));
      continue;
    }
    const YNode& list = *sections[s];
    if (list.IsNull()) continue;  // "dependencies:" with nothing under it
    if (!list.IsSequence()) {
      errors.add(error_at(fmt::format("{}:{}: {}", source, line_of(list), name), "expected a list"));
      continue;
    }
    std::size_t i = 0;
    rows[s].reserve(list.children.size());
    for (const YNode& item : list.children) {
      rows[s].push_back(yaml_row(item, source, fmt::format("{}[{}]", name, i++), fields[s], errors));
    }
  }
  Builder builder(errors);
  builder.add_functions(rows[0]);
  builder.add_suppliers(rows[1]);
  builder.add_dependencies(rows[2]);
  return finish(builder, errors);
}

}  // namespace

Result<Register> parse_register(std::string_view text, DocumentFormat format, std::string_view source) {
  return format == DocumentFormat::Json ? from_json(text, source) : from_yaml(text, source);
}

Result<Register> parse_register_csv(CsvSource functions, CsvSource suppliers, CsvSource dependencies) {
  Errors errors;
  auto function_rows = read_csv_rows(functions, kFunctionFields, errors);
  auto supplier_rows = read_csv_rows(suppliers, kSupplierFields, errors);
  auto dependency_rows = read_csv_rows(dependencies, kDependencyFields, errors);
  Builder builder(errors);
  builder.add_functions(function_rows);
  builder.add_suppliers(supplier_rows);
  builder.add_dependencies(dependency_rows);
  return finish(builder, errors);
}

std::optional<std::int64_t> parse_duration_seconds(std::string_view text) {
  constexpr std::int64_t kMax = 3650LL * 86400;
  if (text.size() < 3 || text.front() != 'P') return std::nullopt;
  std::string_view rest = text.substr(1);
  bool time = false;
  bool any = false;
  std::int64_t total = 0;
  // Units in the order ISO 8601 writes them; each at most once.
  std::string_view order_date = "WD";
  std::string_view order_time = "HMS";
  std::size_t next_date = 0;
  std::size_t next_time = 0;
  while (!rest.empty()) {
    if (rest.front() == 'T') {
      if (time) return std::nullopt;
      time = true;
      rest.remove_prefix(1);
      if (rest.empty()) return std::nullopt;
      continue;
    }
    std::int64_t n = 0;
    auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), n);
    if (ec != std::errc() || end == rest.data() || end == rest.data() + rest.size() || n < 0 || n > kMax)
      return std::nullopt;
    char unit = *end;
    rest.remove_prefix(static_cast<std::size_t>(end - rest.data()) + 1);
    std::string_view order = time ? order_time : order_date;
    std::size_t& next = time ? next_time : next_date;
    auto at = order.find(unit, next);
    if (at == std::string_view::npos) return std::nullopt;  // Y, M before T, fractions, repeats
    next = at + 1;
    std::int64_t seconds = 0;
    switch (time ? "HMS"[at] : "WD"[at]) {
      case 'W': seconds = 7 * 86400; break;
      case 'D': seconds = 86400; break;
      case 'H': seconds = 3600; break;
      case 'M': seconds = 60; break;
      default: seconds = 1; break;
    }
    total += n * seconds;
    if (total > kMax) return std::nullopt;
    any = true;
  }
  if (!any) return std::nullopt;
  return total;
}

}  // namespace vigil::supplier
