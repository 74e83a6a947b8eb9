// How far an ISO/IEC 27001 ISMS carries an entity towards NIS2: per group of
// requirements (Arts 20+21 risk management, Art. 23 reporting), how many are
// fully, partially or not covered by their ISO counterparts. `vigil coverage`
// and the API render this same summary.
#pragma once

#include <string_view>
#include <vector>

#include "catalog/catalog.h"

namespace vigil::catalog {

struct GroupCoverage {
  Group group;
  int total = 0;
  int full = 0;
  int partial = 0;
  int none = 0;
  std::vector<std::string_view> uncovered;  // requirement ids with coverage none, in catalog order
};

// One entry per group, risk_management first.
std::vector<GroupCoverage> coverage_by_group(const Catalog& catalog);

}  // namespace vigil::catalog
