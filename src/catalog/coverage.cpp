#include "catalog/coverage.h"

#include <algorithm>

namespace vigil::catalog {

namespace {

// Counts one requirement or Annex point into a GroupCoverage or IrSectionCoverage.
template <class Summary>
void tally(Summary& summary, Coverage coverage, std::string_view id) {
  ++summary.total;
  switch (coverage) {
    case Coverage::Full: ++summary.full; break;
    case Coverage::Partial: ++summary.partial; break;
    case Coverage::None:
      ++summary.none;
      summary.uncovered.push_back(id);
      break;
  }
}

}  // namespace

std::vector<GroupCoverage> coverage_by_group(const Catalog& catalog) {
  std::vector<GroupCoverage> groups(2);
  groups[0].group = Group::RiskManagement;
  groups[1].group = Group::Reporting;
  for (const Requirement& r : catalog.requirements) {
    GroupCoverage& g = groups[r.group == Group::RiskManagement ? 0 : 1];
    tally(g, r.coverage, r.id);
  }
  return groups;
}

std::vector<IrSectionCoverage> coverage_by_ir_section(const Catalog& catalog) {
  std::vector<IrSectionCoverage> out;
  for (const IrSection& s : catalog.ir_sections) {
    IrSectionCoverage c;
    c.section = &s;
    for (const IrRequirement& r : catalog.ir_requirements) {
      if (r.section != s.number) continue;
      tally(c, r.coverage, r.id);
      for (std::string_view id : r.iso27001)
        if (std::find(c.iso27001.begin(), c.iso27001.end(), id) == c.iso27001.end()) c.iso27001.push_back(id);
    }
    c.verdict = c.total > 0 && c.full == c.total ? Coverage::Full
                : c.none == c.total              ? Coverage::None
                                                 : Coverage::Partial;
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace vigil::catalog
