#include "catalog/coverage.h"

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

}  // namespace vigil::catalog
