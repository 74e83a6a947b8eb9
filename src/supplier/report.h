// The machine and page forms of the supplier analyses. The JSON shapes are
// stable and documented in docs/SUPPLIERS.md; the HTML page is one
// self-contained file (no scripts, no external resources, every value
// escaped) with the dependency graph drawn as inline SVG.
#pragma once

#include <string>
#include <vector>

#include "supplier/analysis.h"
#include "supplier/impact.h"
#include "supplier/register.h"

namespace vigil::supplier {

// {as_of, threshold_percent, required_clauses, functions, suppliers,
//  dependencies, critical_functions, concentration[{kind, id,
//  critical_functions, share_percent, members?}], single_points_of_failure
//  [{function, supplier, path}], findings[{code, supplier, group?, detail}],
//  cycles[{suppliers, path}]}. share_percent is a number with one decimal.
std::string render_json(const Analysis& analysis);

// Summary, findings, single points of failure, concentration table, the
// dependency graph (before the tables up to kGraphFirstSuppliers suppliers,
// after them above it, and left out above kMaxGraphSuppliers).
std::string render_html(const Register& reg, const Analysis& analysis);
inline constexpr std::size_t kGraphFirstSuppliers = 200;
inline constexpr std::size_t kMaxGraphSuppliers = 2000;

// {scope, value, named, failed_suppliers[{id, name, named, reason}],
//  functions[{id, name, critical, entity_type, fails, keeps_alternative,
//  kinds[{kind, failed, surviving}], paths}], entity_types, unknown_entity_type}
std::string render_json(const Impact& impact);

// One supplier of the IR 2024/2690 Annex 5.2 directory.
struct DirectoryEntry {
  const Supplier* supplier = nullptr;
  std::string country_name;
  std::vector<std::string> functions;       // functions depending on it directly, sorted
  std::vector<std::string> subcontractors;  // its direct subcontractors, sorted
  bool serves_critical = false;             // directly or as a subcontractor
};
// Every supplier, by id. `serves_critical` comes from an analysis of the register.
std::vector<DirectoryEntry> directory(const Register& reg, const std::vector<bool>& serves_critical);
std::string render_directory_json(const std::vector<DirectoryEntry>& entries);
std::vector<std::string> directory_columns();
std::vector<std::vector<std::string>> directory_rows(const std::vector<DirectoryEntry>& entries);

}  // namespace vigil::supplier
