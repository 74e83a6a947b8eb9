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

// How far ISO/IEC 27001 carries an IR 2024/2690 entity through one Annex
// section: how many of its numbered points are fully, partially or not covered
// by their ISO counterparts (ENISA's correspondences), and the section's
// verdict: full when every point is full, none when no point has any
// counterpart, partial otherwise.
struct IrSectionCoverage {
  const IrSection* section;
  int total = 0;
  int full = 0;
  int partial = 0;
  int none = 0;
  Coverage verdict = Coverage::None;
  std::vector<std::string_view> iso27001;   // every counterpart of its points, in first-seen order
  std::vector<std::string_view> uncovered;  // point ids with coverage none
};

// One entry per Annex section, in Annex order.
std::vector<IrSectionCoverage> coverage_by_ir_section(const Catalog& catalog);

}  // namespace vigil::catalog
