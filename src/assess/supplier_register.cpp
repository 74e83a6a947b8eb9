// The supplier register's findings inside the gap report (`vigil gap
// --suppliers`): NIS2 Art. 21(2)(d) asks for supply-chain security, Art. 21(3)
// to weigh each direct supplier's vulnerabilities and practices; a register
// that shows an expired certificate or a missing contract clause is evidence
// against those requirements that an SoA cannot carry.
#include <algorithm>

#include <fmt/format.h>

#include "assess/assess.h"

namespace vigil::assess {

void add_supplier_register(GapReport& report, std::span<const RegisterFinding> findings, std::string source) {
  report.suppliers_source = std::move(source);
  for (const RegisterFinding& f : findings) {
    for (RequirementResult& r : report.requirements) {
      if (r.requirement->id != f.requirement) continue;
      r.findings.push_back({FindingCode::SupplierRegister, "", f.detail, f.subject});
    }
  }
  report.actions = prioritised_actions(report.requirements);
  for (StepResult& step : report.roadmap) {
    std::size_t count = 0;
    bool concerned = false;
    for (std::string_view id : step.step->requirements) {
      for (const RequirementResult& r : report.requirements) {
        if (r.requirement->id != id) continue;
        if (id == "rm.supply_chain" || id == "rm.supplier_vulnerabilities") concerned = true;
        count += static_cast<std::size_t>(std::count_if(r.findings.begin(), r.findings.end(), [](const Finding& f) {
          return f.code == FindingCode::SupplierRegister;
        }));
      }
    }
    if (!concerned) continue;
    step.evidence.push_back({"supplier register", "register",
                             count == 0 ? std::string("no findings") : fmt::format("{} findings", count), count == 0,
                             true});
    step.status = step_status(step.evidence);
  }
}

}  // namespace vigil::assess
