#include "supplier/register_json.h"

#include <algorithm>
#include <map>
#include <numeric>

#include <nlohmann/json.hpp>

namespace vigil::supplier {

namespace {

using json = nlohmann::json;  // keys sorted

std::string dump(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

void put(json& object, const char* key, const std::string& text) {
  if (!text.empty()) object[key] = text;
}

void put(json& object, const char* key, const std::optional<Date>& date) {
  if (date) object[key] = format_date(*date);
}

std::string node_id(const Register& reg, const Node& node) {
  return node.function ? reg.functions.at(node.index).id : reg.suppliers.at(node.index).id;
}

template <class Key>
std::vector<std::size_t> order_by(std::size_t count, Key key) {
  std::vector<std::size_t> order(count);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
  return order;
}

void compare_list(const std::vector<std::string>& before_keys, const std::vector<std::string>& before,
                  const std::vector<std::string>& after_keys, const std::vector<std::string>& after,
                  ElementChanges& out) {
  std::map<std::string_view, std::string_view> old_by_key;
  for (std::size_t i = 0; i < before_keys.size(); ++i) old_by_key.emplace(before_keys[i], before[i]);
  for (std::size_t i = 0; i < after_keys.size(); ++i) {
    auto at = old_by_key.find(after_keys[i]);
    if (at == old_by_key.end()) {
      ++out.added;
      continue;
    }
    if (at->second != after[i]) ++out.changed;
    old_by_key.erase(at);
  }
  out.removed = static_cast<std::int64_t>(old_by_key.size());
}

}  // namespace

json function_json(const Function& f) {
  json out = json::object();
  out["id"] = f.id;
  out["name"] = f.name;
  out["critical"] = f.critical;
  put(out, "entity_type", f.entity_type);
  put(out, "rto", f.rto);
  return out;
}

json supplier_json(const Supplier& s) {
  json out = json::object();
  out["id"] = s.id;
  out["name"] = s.name;
  out["country"] = s.country;
  put(out, "group", s.group);
  out["services"] = s.services;
  out["substitutable"] = s.substitutable;
  out["exit_plan"] = s.exit_plan;
  put(out, "iso27001_certificate_expiry", s.certificate_expiry);
  put(out, "contract_end", s.contract_end);
  if (!s.clauses.empty()) {
    std::vector<Clause> clauses = s.clauses;
    std::sort(clauses.begin(), clauses.end());
    json list = json::array();
    for (Clause c : clauses) list.push_back(std::string(to_string(c)));
    out["clauses"] = std::move(list);
  }
  put(out, "last_assessment", s.last_assessment);
  put(out, "next_assessment", s.next_assessment);
  json contact = json::object();
  put(contact, "name", s.contact.name);
  put(contact, "email", s.contact.email);
  put(contact, "phone", s.contact.phone);
  if (!contact.empty()) out["contact"] = std::move(contact);
  return out;
}

json dependency_json(const Register& reg, const Dependency& d) {
  json out = json::object();
  out["from"] = node_id(reg, d.from);
  out["to"] = reg.suppliers.at(d.to).id;
  out["kind"] = d.kind;
  put(out, "description", d.description);
  return out;
}

CanonicalRegister canonical_elements(const Register& reg) {
  CanonicalRegister out;
  for (std::size_t i :
       order_by(reg.functions.size(), [&](std::size_t i) -> const std::string& { return reg.functions[i].id; })) {
    out.function_ids.push_back(reg.functions[i].id);
    out.functions.push_back(dump(function_json(reg.functions[i])));
  }
  for (std::size_t i :
       order_by(reg.suppliers.size(), [&](std::size_t i) -> const std::string& { return reg.suppliers[i].id; })) {
    out.supplier_ids.push_back(reg.suppliers[i].id);
    out.suppliers.push_back(dump(supplier_json(reg.suppliers[i])));
  }
  std::vector<std::string> keys;
  keys.reserve(reg.dependencies.size());
  for (const Dependency& d : reg.dependencies) {
    keys.push_back(node_id(reg, d.from) + '\x1f' + reg.suppliers.at(d.to).id + '\x1f' + d.kind);
  }
  for (std::size_t i : order_by(keys.size(), [&](std::size_t i) -> const std::string& { return keys[i]; })) {
    out.dependency_keys.push_back(keys[i]);
    out.dependencies.push_back(dump(dependency_json(reg, reg.dependencies[i])));
  }
  return out;
}

std::string canonical_register(const CanonicalRegister& e) {
  std::string out;
  std::size_t size = 64;
  for (const auto* list : {&e.dependencies, &e.functions, &e.suppliers}) {
    for (const auto& item : *list) size += item.size() + 1;
  }
  out.reserve(size);
  auto append = [&](std::string_view key, const std::vector<std::string>& items) {
    out += '"';
    out += key;
    out += "\":[";
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i) out += ',';
      out += items[i];
    }
    out += ']';
  };
  out += '{';
  append("dependencies", e.dependencies);
  out += ',';
  append("functions", e.functions);
  out += ',';
  append("suppliers", e.suppliers);
  out += '}';
  return out;
}

std::string canonical_register(const Register& reg) { return canonical_register(canonical_elements(reg)); }

RegisterChanges compare(const CanonicalRegister& before, const CanonicalRegister& after) {
  RegisterChanges out;
  compare_list(before.function_ids, before.functions, after.function_ids, after.functions, out.functions);
  compare_list(before.supplier_ids, before.suppliers, after.supplier_ids, after.suppliers, out.suppliers);
  compare_list(before.dependency_keys, before.dependencies, after.dependency_keys, after.dependencies,
               out.dependencies);
  return out;
}

}  // namespace vigil::supplier
