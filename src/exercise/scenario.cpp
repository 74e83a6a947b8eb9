#include "exercise/scenario.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>
#include <nlohmann/json.hpp>

#include "catalog/catalog.h"
#include "core/errors.h"
#include "core/json_input.h"
#include "core/text.h"
#include "incident/impact_input.h"
#include "incident/significance.h"

namespace vigil::exercise {

namespace {

constexpr std::array<std::string_view, 8> kActions{"open",   "assess", "decide",  "evidence",
                                                   "submit", "breach", "involve", "custom"};
constexpr std::array<std::string_view, 11> kRoles{
    "it",  "security",   "legal", "compliance",  "communications", "management",
    "dpo", "operations", "hr",    "procurement", "finance"};
constexpr std::array<std::string_view, 4> kDues{"early_warning_due", "notification_due", "final_report_due",
                                                "gdpr_breach_due"};

std::string suggestion(std::string_view given, std::span<const std::string_view> valid) {
  auto near = nearest(given, valid);
  if (!near.empty()) return " (did you mean " + or_list(near) + "?)";
  std::string list;
  for (auto v : valid) list += (list.empty() ? "" : ", ") + std::string(v);
  return " (valid: " + list + ")";
}

}  // namespace

std::string_view to_string(Action action) { return kActions[static_cast<std::size_t>(action)]; }

std::string describe(const Expectation& e) {
  if (!e.title.empty()) return e.title;
  std::string out(to_string(e.action));
  if (e.report) out += " " + std::string(incident::to_string(*e.report));
  if (!e.tag.empty()) out += " [" + e.tag + "]";
  if (!e.role.empty()) out += " " + e.role;
  return out;
}

Result<Action> parse_action(std::string_view text, std::string_view where) {
  for (std::size_t i = 0; i < kActions.size(); ++i) {
    if (kActions[i] == text) return static_cast<Action>(i);
  }
  return invalid(std::string(where), "'" + excerpt(text) + "' is not an action" + suggestion(text, kActions));
}

std::span<const std::string_view> roles() { return kRoles; }

Result<void> check_role(std::string_view role, std::string_view where) {
  if (std::find(kRoles.begin(), kRoles.end(), role) != kRoles.end()) return {};
  return invalid(std::string(where), "'" + excerpt(role) + "' is not a role" + suggestion(role, kRoles));
}

std::string_view to_string(RegulatoryDue due) { return kDues[static_cast<std::size_t>(due)]; }

Result<RegulatoryDue> parse_regulatory_due(std::string_view text, std::string_view where) {
  for (std::size_t i = 0; i < kDues.size(); ++i) {
    if (kDues[i] == text) return static_cast<RegulatoryDue>(i);
  }
  return invalid(std::string(where), "'" + excerpt(text) + "' is not a regulatory deadline" + suggestion(text, kDues));
}

std::string_view legal_reference(RegulatoryDue due) {
  switch (due) {
    case RegulatoryDue::EarlyWarning: return "Art. 23(4)(a)";
    case RegulatoryDue::Notification: return "Art. 23(4)(b)";
    case RegulatoryDue::FinalReport: return "Art. 23(4)(d)";
    case RegulatoryDue::GdprBreach: return "GDPR Art. 33(1)";
  }
  return "";
}

const Inject* Scenario::find_inject(std::string_view inject_id) const {
  for (const auto& i : injects) {
    if (i.id == inject_id) return &i;
  }
  return nullptr;
}
const Objective* Scenario::find_objective(std::string_view objective_id) const {
  for (const auto& o : objectives) {
    if (o.id == objective_id) return &o;
  }
  return nullptr;
}
const Expectation* Scenario::find_expectation(std::string_view expectation_id) const {
  for (const auto& e : expectations) {
    if (e.id == expectation_id) return &e;
  }
  return nullptr;
}
const Inject* Scenario::awareness_inject() const {
  for (const auto& i : injects) {
    if (i.awareness) return &i;
  }
  return nullptr;
}

namespace {

// Reads one TOML table, recording which keys were asked for, so the rest are
// errors; every error carries "file:line: path.key".
class TableReader {
 public:
  TableReader(const toml::table& table, std::string file, std::string path, Errors& errors)
      : table_(table), file_(std::move(file)), path_(std::move(path)), errors_(errors) {}

  int line() const { return static_cast<int>(table_.source().begin.line); }
  // The line of a key's value, else of the table.
  int line_of(std::string_view key) const {
    const toml::node* n = table_.get(key);
    return n ? static_cast<int>(n->source().begin.line) : line();
  }

  std::string where(std::string_view key, const toml::node* node = nullptr) const {
    int at = node ? static_cast<int>(node->source().begin.line) : line();
    return fmt::format("{}:{}: {}{}", file_, at, path_, key);
  }

  void error(std::string_view key, std::string message, const toml::node* node = nullptr) {
    errors_.add(Error{ErrorCode::InvalidInput, where(key, node), std::move(message), {}});
  }

  const toml::node* node(std::string_view key) {
    known_.emplace_back(key);
    return table_.get(key);
  }

  std::optional<std::string> text(std::string_view key, bool required, std::size_t max_bytes = kMaxTextBytes) {
    const toml::node* n = node(key);
    if (!n) {
      if (required) error(key, "is required");
      return std::nullopt;
    }
    auto s = n->value<std::string>();
    if (!n->is_string() || !s) {
      error(key, "expected a string", n);
      return std::nullopt;
    }
    if (s->size() > max_bytes) {
      error(key, fmt::format("is {} bytes long; at most {} are allowed", s->size(), max_bytes), n);
      return std::nullopt;
    }
    if (!is_utf8(*s)) {
      error(key, "is not UTF-8 text", n);
      return std::nullopt;
    }
    if (required && trim(*s).empty()) {
      error(key, "must not be empty", n);
      return std::nullopt;
    }
    return s;
  }

  std::optional<std::string> id(std::string_view key, bool required = true) {
    auto s = text(key, required, kMaxIdBytes);
    if (s && s->find_first_of(" \t\r\n") != std::string::npos) {
      error(key, "'" + excerpt(*s) + "' is not an id: ids have no spaces", node_of(key));
      return std::nullopt;
    }
    return s;
  }

  std::optional<Seconds> duration(std::string_view key, bool required) {
    auto s = text(key, required, kMaxIdBytes);
    if (!s) return std::nullopt;
    auto parsed = parse_duration(*s, where(key, node_of(key)));
    if (!parsed) {
      errors_.add(parsed.error());
      return std::nullopt;
    }
    return *parsed;
  }

  std::optional<bool> flag(std::string_view key) {
    const toml::node* n = node(key);
    if (!n) return std::nullopt;
    if (!n->is_boolean()) {
      error(key, "expected true or false", n);
      return std::nullopt;
    }
    return n->value<bool>();
  }

  std::vector<std::string> strings(std::string_view key, bool required) {
    std::vector<std::string> out;
    const toml::node* n = node(key);
    if (!n) {
      if (required) error(key, "is required (a list of strings)");
      return out;
    }
    const toml::array* list = n->as_array();
    if (!list) {
      error(key, "expected a list of strings", n);
      return out;
    }
    for (const auto& item : *list) {
      auto s = item.value<std::string>();
      if (!item.is_string() || !s || s->size() > kMaxIdBytes || !is_utf8(*s)) {
        error(key, "expected a list of short strings (ids)", &item);
        continue;
      }
      out.push_back(*s);
    }
    if (required && out.empty() && list->empty()) error(key, "must not be empty", n);
    return out;
  }

  // Unknown keys become errors naming the nearest known key.
  void finish() {
    std::vector<std::string_view> known(known_.begin(), known_.end());
    for (const auto& [key, value] : table_) {
      if (std::find(known_.begin(), known_.end(), key.str()) != known_.end()) continue;
      auto near = nearest(key.str(), known);
      errors_.add(Error{ErrorCode::InvalidInput,
                        fmt::format("{}:{}: {}{}", file_, key.source().begin.line, path_, key.str()),
                        "unknown key" + (near.empty() ? std::string{} : " (did you mean " + or_list(near) + "?)"),
                        {}});
    }
  }

  const toml::node* node_of(std::string_view key) const { return table_.get(key); }

 private:
  const toml::table& table_;
  std::string file_;
  std::string path_;
  Errors& errors_;
  std::vector<std::string> known_;
};

nlohmann::json to_json(const toml::node& node) {
  if (auto* t = node.as_table()) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [k, v] : *t) out[std::string(k.str())] = to_json(v);
    return out;
  }
  if (auto* a = node.as_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& v : *a) out.push_back(to_json(v));
    return out;
  }
  if (node.is_string()) return *node.value<std::string>();
  if (node.is_integer()) return *node.value<std::int64_t>();
  if (node.is_floating_point()) return *node.value<double>();
  if (node.is_boolean()) return *node.value<bool>();
  // A TOML date or time: kept as its text, so the significance reader refuses
  // or reads it by name instead of it becoming null (unknown) unseen.
  std::ostringstream text;
  if (auto d = node.value<toml::date>(); d && node.is_date()) text << *d;
  else if (auto t = node.value<toml::time>(); t && node.is_time()) text << *t;
  else if (auto dt = node.value<toml::date_time>(); dt && node.is_date_time()) text << *dt;
  return text.str();
}

// NaN and infinity have no JSON form (they would be written as null, that is
// "unknown"): the path of the first one, or "".
std::string non_finite(const toml::node& node, const std::string& path) {
  if (auto* t = node.as_table()) {
    for (const auto& [k, v] : *t) {
      if (auto found = non_finite(v, path + "." + std::string(k.str())); !found.empty()) return found;
    }
  } else if (auto* a = node.as_array()) {
    for (std::size_t i = 0; i < a->size(); ++i) {
      if (auto found = non_finite(*a->get(i), path + "[" + std::to_string(i) + "]"); !found.empty()) return found;
    }
  } else if (node.is_floating_point() && !std::isfinite(*node.value<double>())) {
    return path;
  }
  return {};
}

// Each element of an array of tables, with its reader.
template <class F>
void each_table(TableReader& top, std::string_view key, std::size_t max_items, std::string_view file, Errors& errors,
                F&& read) {
  const toml::node* n = top.node(key);
  if (!n) {
    top.error(key, fmt::format("is required: at least one [[{}]]", key));
    return;
  }
  const toml::array* list = n->as_array();
  if (!list || !list->is_array_of_tables()) {
    top.error(key, fmt::format("expected [[{}]] tables", key), n);
    return;
  }
  if (list->size() > max_items) {
    top.error(key, fmt::format("{} [[{}]] tables; a scenario holds at most {}", list->size(), key, max_items), n);
    return;
  }
  for (const auto& item : *list) {
    TableReader reader(*item.as_table(), std::string(file), std::string(key) + ".", errors);
    read(reader);
    reader.finish();
  }
}

std::string path_of(std::string_view group, const std::string& item_id) {
  return fmt::format("{}[{}].", group, item_id);
}

void check_unique(std::vector<std::pair<std::string, int>> ids, std::string_view file, std::string_view group,
                  Errors& errors) {
  std::map<std::string, int> first;
  for (const auto& [id, line] : ids) {
    auto [it, inserted] = first.emplace(id, line);
    if (!inserted) {
      errors.add(Error{ErrorCode::InvalidInput,
                       fmt::format("{}:{}: {}.id", file, line, group),
                       fmt::format("'{}' is used twice (first on line {}); ids must be unique", id, it->second),
                       {}});
    }
  }
}

// The significance verdict as the facts become known, inject by inject.
void significance_timeline(Scenario& s, Errors& errors) {
  nlohmann::json known = nlohmann::json::object();
  known["entity_type"] = s.entity_type;
  for (const auto& inject : s.injects) {
    if (inject.facts.empty()) continue;
    auto facts = nlohmann::json::parse(inject.facts);
    for (auto& [k, v] : facts.items()) known[k] = v;
    std::string where = fmt::format("{}:{}: injects[{}].facts", s.source, inject.line, inject.id);
    auto impact = incident::parse_impact(known, where);
    if (!impact) {
      errors.add(impact.error());
      continue;
    }
    auto verdict = incident::assess_significance(*impact);
    if (!verdict) {
      errors.add(prefixed(verdict.error(), where + "."));
      continue;
    }
    s.significance.push_back(SignificanceStep{inject.at, inject.id, verdict->significant,
                                              verdict->covered_by_ir_2024_2690, verdict->criteria,
                                              verdict->facts_to_establish});
  }
}

bool is_annex_point(std::string_view text) {
  // "IR 2024/2690 3.5.5", "IR 2024/2690 4.1.4": section.point[.sub], digits and dots.
  constexpr std::string_view kPrefix = "IR 2024/2690 ";
  if (text.substr(0, kPrefix.size()) != kPrefix) return false;
  auto point = text.substr(kPrefix.size());
  if (point.empty() || point.front() == '.' || point.back() == '.') return false;
  return std::all_of(point.begin(), point.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == '.' || c == '(' || c == ')' || (c >= 'a' && c <= 'z');
  });
}

}  // namespace

bool is_requirement_reference(std::string_view reference) {
  return catalog::find_requirement(reference) != nullptr || is_annex_point(reference);
}

namespace {

std::vector<std::string_view> requirement_ids() {
  std::vector<std::string_view> ids;
  for (const auto& r : catalog::builtin().requirements) ids.push_back(r.id);
  return ids;
}

void read_objective(TableReader& r, Scenario& s, Errors& errors) {
  Objective o;
  o.line = r.line_of("id");
  o.id = r.id("id").value_or("");
  o.title = r.text("title", true).value_or("");
  o.evidences = r.strings("evidences", false);
  auto known = requirement_ids();
  for (const auto& e : o.evidences) {
    if (is_requirement_reference(e)) continue;
    errors.add(Error{ErrorCode::InvalidInput,
                     r.where("evidences", r.node_of("evidences")),
                     "'" + excerpt(e) +
                         "' is neither a NIS2 requirement id nor an IR 2024/2690 Annex point "
                         "(\"IR 2024/2690 3.5.5\")" +
                         suggestion(e, known),
                     {}});
  }
  s.objectives.push_back(std::move(o));
}

void read_inject(TableReader& r, Scenario& s, Errors& errors) {
  Inject i;
  i.line = r.line_of("id");
  i.id = r.id("id").value_or("");
  i.at = r.duration("at", true).value_or(Seconds{0});
  i.channel = r.id("channel").value_or("");
  i.to = r.strings("to", true);
  for (const auto& role : i.to) {
    if (role == "all") continue;
    if (auto ok = check_role(role, r.where("to", r.node_of("to"))); !ok) errors.add(ok.error());
  }
  i.title = r.text("title", false).value_or("");
  i.text = r.text("text", true).value_or("");
  i.awareness = r.flag("awareness").value_or(false);
  if (const toml::node* facts = r.node("facts")) {
    if (!facts->is_table()) {
      r.error("facts", "expected a table of significance facts ({ users_eu_total = 2000000, ... })", facts);
    } else if (auto bad = non_finite(*facts, "facts"); !bad.empty()) {
      r.error("facts", bad + " is not a finite number", facts);
    } else {
      auto given = to_json(*facts);
      if (given.contains("entity_type")) {
        r.error("facts", "entity_type is the scenario's (top level), not a fact", facts);
      } else {
        i.facts = given.dump();
      }
    }
  }
  s.injects.push_back(std::move(i));
}

void read_expectation(TableReader& r, Scenario& s, Errors& errors) {
  Expectation e;
  e.line = r.line_of("id");
  e.id = r.id("id").value_or("");
  e.objective = r.id("objective").value_or("");
  e.title = r.text("title", false).value_or("");
  if (auto action = r.id("action")) {
    if (auto parsed = parse_action(*action, r.where("action", r.node_of("action")))) {
      e.action = *parsed;
    } else {
      errors.add(parsed.error());
    }
  }
  auto report = r.id("report", false);
  if (report) {
    auto parsed = incident::parse_submission_type(*report, r.where("report", r.node_of("report")));
    if (parsed) e.report = *parsed;
    else errors.add(parsed.error());
  }
  e.tag = r.id("tag", false).value_or("");
  e.role = r.id("role", false).value_or("");
  if (!e.role.empty()) {
    if (auto ok = check_role(e.role, r.where("role", r.node_of("role"))); !ok) errors.add(ok.error());
  }
  if (auto judgement = r.id("judgement", false)) {
    auto parsed = incident::parse_judgement(*judgement, r.where("judgement", r.node_of("judgement")));
    if (parsed) e.judgement = *parsed;
    else errors.add(parsed.error());
  }
  e.after = r.id("after", false).value_or("");
  e.after_line = r.line_of("after");
  e.within = r.duration("within", false);
  if (auto by = r.id("by", false)) {
    auto parsed = parse_regulatory_due(*by, r.where("by", r.node_of("by")));
    if (parsed) e.by = *parsed;
    else errors.add(parsed.error());
  }
  // What each action needs, and nothing it would ignore.
  auto need = [&](bool ok, std::string_view key, std::string message) {
    if (!ok) r.error(key, std::move(message));
  };
  need(e.action != Action::Submit || report.has_value(), "report",
       "a submit expectation needs the report (early-warning, notification, intermediate, final, progress, "
       "gdpr-breach)");
  need(e.action == Action::Submit || !report, "report", "only a submit expectation names a report");
  need(e.action != Action::Decide || !e.tag.empty(), "tag", "a decide expectation needs the tag its decision carries");
  need(e.action == Action::Decide || e.action == Action::Evidence || e.tag.empty(), "tag",
       "only decide and evidence expectations are matched by tag");
  need(e.action != Action::Involve || !e.role.empty(), "role",
       "an involve expectation needs the role (legal, dpo, ...)");
  need(e.action == Action::Involve || e.role.empty(), "role", "only an involve expectation names a role");
  need(e.action == Action::Assess || !e.judgement, "judgement", "only an assess expectation names a judgement");
  // The window: exactly one of after+within and by.
  bool relative = !e.after.empty() || e.within;
  if (!relative && !e.by) {
    r.error("within",
            "an expectation needs a window: after (an inject id or \"awareness\") with within, or by "
            "(early_warning_due, notification_due, final_report_due, gdpr_breach_due)");
  } else if (relative && e.by) {
    r.error("by", "give either after + within or by, not both");
  } else if (relative && e.after.empty()) {
    r.error("after", "within needs after: an inject id or \"awareness\"");
  } else if (relative && !e.within) {
    if (!r.node_of("within")) r.error("within", "after needs within: a duration such as PT4H");
  }
  s.expectations.push_back(std::move(e));
}

}  // namespace

Result<Scenario> parse_scenario(std::string_view text, std::string_view file, const incident::ZoneLocator& locate) {
  TRY(require_utf8(text, file));
  toml::table root;
  try {
    root = toml::parse(text, std::string_view(file));
  } catch (const toml::parse_error& e) {  // the toml++ shared library is built with exceptions
    return invalid(fmt::format("{}:{}", file, e.source().begin.line), std::string(e.description()));
  }
  Errors errors;
  Scenario s;
  s.source = std::string(file);
  TableReader top(root, s.source, "", errors);
  s.id = top.id("id").value_or("");
  s.title = top.text("title", true).value_or("");
  s.description = top.text("description", true).value_or("");
  if (auto type = top.id("entity_type")) {
    s.entity_type = *type;
    if (auto ok = incident::check_entity_type(*type); !ok) {
      errors.add(
          Error{ErrorCode::InvalidInput, top.where("entity_type", top.node_of("entity_type")), ok.error().message, {}});
    }
  }
  if (auto supplier = top.id("supplier", false)) {
    s.supplier = *supplier;
    if (const auto* node = top.node_of("supplier")) s.supplier_line = static_cast<int>(node->source().begin.line);
  }
  s.supplier_name = top.text("supplier_name", false).value_or("");
  if (!s.supplier_name.empty() && s.supplier.empty()) {
    top.error("supplier_name", "names a supplier; give its register id in `supplier` too",
              top.node_of("supplier_name"));
  }
  if (auto zone = top.text("timezone", true, kMaxIdBytes)) {
    s.timezone = *zone;
    s.zone = locate(*zone);
    if (!s.zone)
      top.error("timezone", "'" + excerpt(*zone) + "' is not an IANA time zone (e.g. Europe/Berlin)",
                top.node_of("timezone"));
  }
  if (auto start = top.text("start", true, kMaxIdBytes)) {
    auto parsed = parse_rfc3339(*start, top.where("start", top.node_of("start")));
    if (parsed) s.start = *parsed;
    else errors.add(parsed.error());
  }
  s.duration = top.duration("duration", true).value_or(Seconds{0});
  if (top.node_of("duration") && s.duration == Seconds{0} && errors.empty()) {
    top.error("duration", "an exercise must last longer than PT0S", top.node_of("duration"));
  }
  auto trust = top.flag("trust_service_incident");
  s.trust_service_incident = trust.value_or(s.entity_type == "digital_infrastructure.trust_service_provider");
  if (auto convention = top.id("convention", false)) {
    auto parsed = incident::parse_convention(*convention, top.where("convention", top.node_of("convention")));
    if (parsed) s.convention = *parsed;
    else errors.add(parsed.error());
  }
  each_table(top, "objectives", kMaxObjectives, file, errors, [&](TableReader& r) { read_objective(r, s, errors); });
  each_table(top, "injects", kMaxInjects, file, errors, [&](TableReader& r) { read_inject(r, s, errors); });
  each_table(top, "expectations", kMaxExpectations, file, errors,
             [&](TableReader& r) { read_expectation(r, s, errors); });
  top.finish();

  // Cross-references, once every item is read.
  std::vector<std::pair<std::string, int>> ids;
  for (const auto& o : s.objectives) ids.emplace_back(o.id, o.line);
  check_unique(ids, file, "objectives", errors);
  ids.clear();
  for (const auto& i : s.injects) ids.emplace_back(i.id, i.line);
  check_unique(ids, file, "injects", errors);
  ids.clear();
  for (const auto& e : s.expectations) ids.emplace_back(e.id, e.line);
  check_unique(ids, file, "expectations", errors);

  std::vector<std::string_view> inject_ids{"awareness"}, objective_ids;
  for (const auto& i : s.injects) {
    if (std::find(inject_ids.begin(), inject_ids.end(), i.id) == inject_ids.end()) inject_ids.push_back(i.id);
  }
  for (const auto& o : s.objectives) objective_ids.push_back(o.id);
  int awareness_count = 0;
  for (const auto& i : s.injects) {
    if (i.id == "awareness") {
      errors.add(
          Error{ErrorCode::InvalidInput,
                fmt::format("{}:{}: injects[{}].id", file, i.line, i.id),
                "'awareness' is reserved (an expectation's after = \"awareness\" means the team's declared awareness)",
                {}});
    }
    if (s.duration > Seconds{0} && i.at > s.duration) {
      errors.add(Error{
          ErrorCode::InvalidInput,
          fmt::format("{}:{}: {}at", file, i.line, path_of("injects", i.id)),
          fmt::format("{} is after the end of the exercise ({})", format_duration(i.at), format_duration(s.duration)),
          {}});
    }
    if (i.awareness && ++awareness_count == 2) {
      errors.add(Error{ErrorCode::InvalidInput,
                       fmt::format("{}:{}: {}awareness", file, i.line, path_of("injects", i.id)),
                       "only one inject can be the reference moment of awareness",
                       {}});
    }
  }
  for (const auto& e : s.expectations) {
    if (!e.objective.empty() && !s.find_objective(e.objective)) {
      errors.add(Error{ErrorCode::InvalidInput,
                       fmt::format("{}:{}: {}objective", file, e.line, path_of("expectations", e.id)),
                       "'" + excerpt(e.objective) + "' is not an objective of this scenario" +
                           suggestion(e.objective, objective_ids),
                       {}});
    }
    if (!e.after.empty() && e.after != "awareness" && !s.find_inject(e.after)) {
      errors.add(Error{ErrorCode::InvalidInput,
                       fmt::format("{}:{}: {}after", file, e.after_line, path_of("expectations", e.id)),
                       "'" + excerpt(e.after) + "' is not an inject of this scenario nor \"awareness\"" +
                           suggestion(e.after, inject_ids),
                       {}});
    }
  }
  for (const auto& o : s.objectives) {
    bool used = std::any_of(s.expectations.begin(), s.expectations.end(),
                            [&](const Expectation& e) { return e.objective == o.id; });
    if (!used) {
      errors.add(Error{ErrorCode::InvalidInput,
                       fmt::format("{}:{}: {}id", file, o.line, path_of("objectives", o.id)),
                       "no expectation serves this objective, so it could never be rated",
                       {}});
    }
  }
  std::stable_sort(s.injects.begin(), s.injects.end(), [](const Inject& a, const Inject& b) { return a.at < b.at; });
  if (errors.empty()) significance_timeline(s, errors);
  if (!errors.empty()) {
    std::stable_sort(errors.list().begin(), errors.list().end(), [](const Error& a, const Error& b) {
      auto line = [](const std::string& where) {
        auto colon = where.find(':');
        return colon == std::string::npos ? 0 : std::atoi(where.c_str() + colon + 1);
      };
      return line(a.where) < line(b.where);
    });
    return tl::unexpected(errors.result().error());
  }
  return s;
}

}  // namespace vigil::exercise
