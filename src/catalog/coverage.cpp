#include "catalog/coverage.h"

#include <algorithm>

namespace vigil::catalog {

std::vector<GroupCoverage> coverage_by_group(const Catalog& catalog) {
  std::vector<GroupCoverage> groups(2);
  groups[0].group = Group::RiskManagement;
  groups[1].group = Group::Reporting;
  for (const Requirement& r : catalog.requirements) {
    GroupCoverage& g = groups[r.group == Group::RiskManagement ? 0 : 1];
    ++g.total;
    switch (r.coverage) {
      case Coverage::Full: ++g.full; break;
      case Coverage::Partial: ++g.partial; break;
      case Coverage::None:
        ++g.none;
        g.uncovered.push_back(r.id);
        break;
    }
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
      ++c.total;
      switch (r.coverage) {
        case Coverage::Full: ++c.full; break;
        case Coverage::Partial: ++c.partial; break;
        case Coverage::None:
          ++c.none;
          c.uncovered.push_back(r.id);
          break;
      }
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
