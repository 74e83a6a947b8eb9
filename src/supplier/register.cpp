#include "supplier/register.h"

#include <algorithm>

namespace vigil::supplier {

namespace {
constexpr std::array<std::string_view, kClauseCount> kClauseNames{
    "security_requirements", "incident_notification",  "audit_rights",
    "subcontracting",        "vulnerability_handling", "exit",
    "confidentiality",       "data_location",
};
}  // namespace

std::string_view to_string(Clause clause) { return kClauseNames[static_cast<std::size_t>(clause)]; }

std::optional<Clause> parse_clause(std::string_view text) {
  for (std::size_t i = 0; i < kClauseNames.size(); ++i) {
    if (kClauseNames[i] == text) return static_cast<Clause>(i);
  }
  return std::nullopt;
}

std::array<std::string_view, kClauseCount> clause_names() { return kClauseNames; }

std::vector<Clause> all_clauses() {
  std::vector<Clause> all;
  for (std::size_t i = 0; i < kClauseCount; ++i) all.push_back(static_cast<Clause>(i));
  return all;
}

bool Supplier::has_clause(Clause clause) const {
  return std::find(clauses.begin(), clauses.end(), clause) != clauses.end();
}

std::optional<std::size_t> Register::find_function(std::string_view id) const {
  for (std::size_t i = 0; i < functions.size(); ++i) {
    if (functions[i].id == id) return i;
  }
  return std::nullopt;
}

std::optional<std::size_t> Register::find_supplier(std::string_view id) const {
  for (std::size_t i = 0; i < suppliers.size(); ++i) {
    if (suppliers[i].id == id) return i;
  }
  return std::nullopt;
}

}  // namespace vigil::supplier
