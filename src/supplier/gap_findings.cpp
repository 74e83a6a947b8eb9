#include "supplier/gap_findings.h"

#include <map>
#include <set>

#include <fmt/format.h>

namespace vigil::supplier {

std::vector<assess::RegisterFinding> gap_findings(const Register& reg, const Analysis& a) {
  constexpr std::string_view kSupplyChain = "rm.supply_chain";
  constexpr std::string_view kVulnerabilities = "rm.supplier_vulnerabilities";
  std::vector<assess::RegisterFinding> out;
  std::set<std::string> clauses_done;
  for (const Finding& f : a.findings) {
    const std::string& subject = f.supplier.empty() ? f.group : f.supplier;
    std::string who = f.supplier.empty() ? fmt::format("group {}", f.group) : fmt::format("supplier {}", f.supplier);
    if (f.code == "missing_clause") {
      if (!clauses_done.insert(f.supplier).second) continue;
      auto s = reg.find_supplier(f.supplier);
      std::vector<std::string_view> missing;
      for (Clause c : a.required_clauses) {
        if (s && !reg.suppliers[*s].has_clause(c)) missing.push_back(to_string(c));
      }
      out.push_back({kSupplyChain, subject,
                     fmt::format("{}: the contract lacks the clause{} {} (missing_clause)", who,
                                 missing.size() == 1 ? "" : "s", fmt::join(missing, ", "))});
      continue;
    }
    bool vulnerabilities =
        f.code == "certificate_expired" || f.code == "assessment_overdue" || f.code == "assessment_unscheduled";
    out.push_back({vulnerabilities ? kVulnerabilities : kSupplyChain, subject,
                   fmt::format("{}: {} ({})", who, f.detail, f.code)});
  }
  std::map<std::string, std::vector<std::string>> spof;  // supplier -> critical functions
  for (const SinglePointOfFailure& p : a.single_points_of_failure) spof[p.supplier].push_back(p.function);
  for (const auto& [supplier, functions] : spof) {
    out.push_back({kSupplyChain, supplier,
                   fmt::format("supplier {}: single point of failure for {} (neither substitutable nor an exit plan) "
                               "(single_point_of_failure)",
                               supplier, fmt::join(functions, ", "))});
  }
  return out;
}

}  // namespace vigil::supplier
