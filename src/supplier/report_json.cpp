#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/time.h"
#include "supplier/countries.h"
#include "supplier/report.h"

namespace vigil::supplier {
namespace {

using json = nlohmann::ordered_json;

double percent_number(int permille) { return permille / 10.0; }

std::string dump(const json& doc) { return doc.dump(2) + "\n"; }

json optional_date(const std::optional<Date>& date) { return date ? json(format_date(*date)) : json(nullptr); }

constexpr const char* kConcentrationPlaceholder = "vigil:concentration";

// A string as dump() writes it; ids need no escaping, so most are copied as they are.
void write_string(const std::string& value, std::string& out) {
  const bool plain = std::all_of(value.begin(), value.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
  });
  if (plain) {
    out += '"';
    out += value;
    out += '"';
  } else {
    out += json(value).dump();
  }
}

// A list of strings at `depth` (its items one level deeper), as dump(2) writes it.
void write_strings(const std::vector<std::string>& items, int depth, std::string& out) {
  if (items.empty()) {
    out += "[]";
    return;
  }
  const std::string item_indent(static_cast<std::size_t>(2 * (depth + 1)), ' ');
  out += "[\n";
  for (std::size_t i = 0; i < items.size(); ++i) {
    out += item_indent;
    write_string(items[i], out);
    out += i + 1 < items.size() ? ",\n" : "\n";
  }
  out.append(static_cast<std::size_t>(2 * depth), ' ');
  out += ']';
}

std::size_t concentration_size(const Analysis& a) {
  std::size_t size = 16;
  for (const Concentration& c : a.concentration) {
    size += 128 + c.id.size();
    for (const auto& f : c.critical_functions) size += f.size() + 12;
    for (const auto& m : c.members) size += m.size() + 12;
  }
  return size;
}

// The concentration list at depth 1 of the document (dump(2) layout).
void write_concentration(const Analysis& a, std::string& out) {
  if (a.concentration.empty()) {
    out += "[]";
    return;
  }
  out += "[\n";
  for (std::size_t i = 0; i < a.concentration.size(); ++i) {
    const Concentration& c = a.concentration[i];
    out += "    {\n      \"kind\": ";
    write_string(std::string(to_string(c.kind)), out);
    out += ",\n      \"id\": ";
    write_string(c.id, out);
    out += ",\n      \"critical_functions\": ";
    write_strings(c.critical_functions, 3, out);
    out += ",\n      \"share_percent\": ";
    out += json(percent_number(c.share_permille)).dump();
    if (c.kind == ConcentrationKind::Group) {
      out += ",\n      \"members\": ";
      write_strings(c.members, 3, out);
    }
    out += i + 1 < a.concentration.size() ? "\n    },\n" : "\n    }\n";
  }
  out += "  ]";
}

}  // namespace

std::string render_json(const Analysis& a) {
  json doc = json::object();
  doc["as_of"] = format_date(a.as_of);
  doc["threshold_percent"] = percent_number(a.threshold_permille);
  json clauses = json::array();
  for (Clause c : a.required_clauses) clauses.push_back(std::string(to_string(c)));
  doc["required_clauses"] = std::move(clauses);
  doc["functions"] = a.functions;
  doc["suppliers"] = a.suppliers;
  doc["dependencies"] = a.dependencies;
  doc["critical_functions"] = a.critical_functions;
  // The concentration list holds about a million function ids for a large
  // register: written straight into the text (as dump(2) would write it)
  // rather than built as a JSON document first (docs/PERFORMANCE.md).
  doc["concentration"] = kConcentrationPlaceholder;
  json spofs = json::array();
  for (const SinglePointOfFailure& p : a.single_points_of_failure) {
    spofs.push_back({{"function", p.function}, {"supplier", p.supplier}, {"path", p.path}});
  }
  doc["single_points_of_failure"] = std::move(spofs);
  json findings = json::array();
  for (const Finding& f : a.findings) {
    json item = {{"code", f.code}, {"supplier", f.supplier.empty() ? json(nullptr) : json(f.supplier)}};
    if (!f.group.empty()) item["group"] = f.group;
    item["detail"] = f.detail;
    findings.push_back(std::move(item));
  }
  doc["findings"] = std::move(findings);
  json cycles = json::array();
  for (const Cycle& c : a.cycles) cycles.push_back({{"suppliers", c.suppliers}, {"path", c.path}});
  doc["cycles"] = std::move(cycles);
  std::string text = dump(doc);
  const std::string marker = "\n  \"concentration\": " + json(kConcentrationPlaceholder).dump();
  const auto at = text.find(marker);
  std::string out;
  out.reserve(text.size() + concentration_size(a));
  out.append(text, 0, at);
  out += "\n  \"concentration\": ";
  write_concentration(a, out);
  out.append(text, at + marker.size(), std::string::npos);
  return out;
}

std::string render_json(const Impact& impact) {
  json doc = json::object();
  doc["scope"] = std::string(to_string(impact.query.scope));
  doc["value"] = impact.query.value;
  doc["named"] = impact.named;
  json failed = json::array();
  for (const FailedSupplier& s : impact.failed_suppliers) {
    failed.push_back({{"id", s.id}, {"name", s.name}, {"named", s.named}, {"reason", s.reason}});
  }
  doc["failed_suppliers"] = std::move(failed);
  json functions = json::array();
  for (const ImpactedFunction& f : impact.functions) {
    json kinds = json::array();
    for (const KindLoss& k : f.kinds)
      kinds.push_back({{"kind", k.kind}, {"failed", k.failed}, {"surviving", k.surviving}});
    functions.push_back({{"id", f.id},
                         {"name", f.name},
                         {"critical", f.critical},
                         {"entity_type", f.entity_type.empty() ? json(nullptr) : json(f.entity_type)},
                         {"fails", f.fails},
                         {"keeps_alternative", f.keeps_alternative},
                         {"kinds", std::move(kinds)},
                         {"paths", f.paths}});
  }
  doc["functions"] = std::move(functions);
  doc["entity_types"] = impact.entity_types;
  doc["unknown_entity_type"] = impact.unknown_entity_type;
  return dump(doc);
}

std::vector<DirectoryEntry> directory(const Register& reg, const std::vector<bool>& serves_critical) {
  std::vector<DirectoryEntry> entries(reg.suppliers.size());
  for (std::size_t s = 0; s < reg.suppliers.size(); ++s) {
    entries[s].supplier = &reg.suppliers[s];
    const Country* country = find_country(reg.suppliers[s].country);
    entries[s].country_name = country ? std::string(country->name) : std::string();
    entries[s].serves_critical = s < serves_critical.size() && serves_critical[s];
  }
  for (const Dependency& d : reg.dependencies) {
    if (d.from.function) entries[d.to].functions.push_back(reg.functions[d.from.index].id);
    else entries[d.from.index].subcontractors.push_back(reg.suppliers[d.to].id);
  }
  for (DirectoryEntry& e : entries) {
    for (auto* list : {&e.functions, &e.subcontractors}) {
      std::sort(list->begin(), list->end());
      list->erase(std::unique(list->begin(), list->end()), list->end());
    }
  }
  std::sort(entries.begin(), entries.end(),
            [](const DirectoryEntry& a, const DirectoryEntry& b) { return a.supplier->id < b.supplier->id; });
  return entries;
}

std::string render_directory_json(const std::vector<DirectoryEntry>& entries) {
  json list = json::array();
  for (const DirectoryEntry& e : entries) {
    const Supplier& s = *e.supplier;
    auto text_or_null = [](const std::string& t) { return t.empty() ? json(nullptr) : json(t); };
    list.push_back({{"id", s.id},
                    {"name", s.name},
                    {"group", text_or_null(s.group)},
                    {"country", s.country},
                    {"country_name", e.country_name},
                    {"contact",
                     {{"name", text_or_null(s.contact.name)},
                      {"email", text_or_null(s.contact.email)},
                      {"phone", text_or_null(s.contact.phone)}}},
                    {"services", s.services},
                    {"functions", e.functions},
                    {"subcontractors", e.subcontractors},
                    {"serves_critical_function", e.serves_critical},
                    {"contract_end", optional_date(s.contract_end)},
                    {"iso27001_certificate_expiry", optional_date(s.certificate_expiry)}});
  }
  return dump(json{{"suppliers", std::move(list)}});
}

std::vector<std::string> directory_columns() {
  return {"id",
          "name",
          "group",
          "country",
          "contact_name",
          "contact_email",
          "contact_phone",
          "services",
          "functions",
          "subcontractors",
          "serves_critical_function",
          "contract_end",
          "iso27001_certificate_expiry"};
}

std::vector<std::vector<std::string>> directory_rows(const std::vector<DirectoryEntry>& entries) {
  std::vector<std::vector<std::string>> rows;
  auto join = [](const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& item : items) out += (out.empty() ? "" : "; ") + item;
    return out;
  };
  auto date_text = [](const std::optional<Date>& d) { return d ? format_date(*d) : std::string(); };
  for (const DirectoryEntry& e : entries) {
    const Supplier& s = *e.supplier;
    rows.push_back({s.id, s.name, s.group, s.country, s.contact.name, s.contact.email, s.contact.phone,
                    join(s.services), join(e.functions), join(e.subcontractors), e.serves_critical ? "yes" : "no",
                    date_text(s.contract_end), date_text(s.certificate_expiry)});
  }
  return rows;
}

}  // namespace vigil::supplier
