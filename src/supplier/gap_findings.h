// The supplier register's analysis as findings of the gap assessment
// (`vigil gap --suppliers`), each on the requirement it bears on:
//  - rm.supply_chain (NIS2 Art. 21(2)(d); IR 2024/2690 Annex 5.1.2(d), 5.1.4):
//    concentration, single points of failure (one per supplier, naming the
//    critical functions), subcontracting cycles, expired contracts, missing
//    contract clauses (one per supplier, naming the clauses);
//  - rm.supplier_vulnerabilities (NIS2 Art. 21(3); Annex 5.1.7): expired
//    ISO/IEC 27001 certificates, assessments overdue or not planned.
#pragma once

#include <vector>

#include "assess/assess.h"
#include "supplier/analysis.h"
#include "supplier/register.h"

namespace vigil::supplier {

std::vector<assess::RegisterFinding> gap_findings(const Register& reg, const Analysis& analysis);

}  // namespace vigil::supplier
