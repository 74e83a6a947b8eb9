// The register's findings inside the gap report: on the right requirement,
// grouped per supplier, with one action each and the roadmap step re-decided.
#include <gtest/gtest.h>

#include "assess/assess.h"
#include "supplier/gap_findings.h"
#include "supplier/register_input.h"

namespace vigil::supplier {
namespace {

constexpr std::string_view kRegister = R"(functions:
  - {id: f, name: F, critical: true}
suppliers:
  - {id: s, name: S, country: DE, services: [x], substitutable: false, exit_plan: false,
     iso27001_certificate_expiry: 2026-01-01, clauses: [exit], last_assessment: 2026-01-01,
     next_assessment: 2027-01-01}
  - {id: fine, name: Fine, country: DE, services: [x], substitutable: true, exit_plan: true,
     clauses: [security_requirements, incident_notification, audit_rights, subcontracting,
               vulnerability_handling, exit, confidentiality, data_location],
     last_assessment: 2026-01-01, next_assessment: 2027-01-01}
dependencies:
  - {from: f, to: s, kind: k}
  - {from: f, to: fine, kind: j}
)";

TEST(GapFindings, OnTheRightRequirementGroupedPerSupplier) {
  auto reg = parse_register(kRegister, DocumentFormat::Yaml, "r.yaml");
  ASSERT_TRUE(reg) << describe(reg.error());
  AnalysisOptions options;
  options.as_of = date::year{2026} / 6 / 1;
  options.threshold_permille = 1000;  // no concentration finding
  auto findings = gap_findings(*reg, analyse(*reg, options));
  ASSERT_EQ(findings.size(), 3u);
  EXPECT_EQ(findings[0].requirement, "rm.supplier_vulnerabilities");
  EXPECT_EQ(findings[0].detail, "supplier s: ISO/IEC 27001 certificate expired on 2026-01-01 (certificate_expired)");
  EXPECT_EQ(findings[1].requirement, "rm.supply_chain");
  EXPECT_EQ(findings[1].detail,
            "supplier s: the contract lacks the clauses security_requirements, incident_notification, audit_rights, "
            "subcontracting, vulnerability_handling, confidentiality, data_location (missing_clause)");
  EXPECT_EQ(findings[2].requirement, "rm.supply_chain");
  EXPECT_EQ(findings[2].subject, "s");
  EXPECT_NE(findings[2].detail.find("single point of failure for f"), std::string::npos);

  assess::GapReport report = assess::assess(assess::Soa{}, assess::DocumentRegister{}, options.as_of);
  std::size_t actions_before = report.actions.size();
  assess::add_supplier_register(report, findings, "r.yaml");
  EXPECT_EQ(report.suppliers_source, "r.yaml");
  std::size_t on_chain = 0, on_vulnerabilities = 0;
  for (const auto& r : report.requirements) {
    for (const auto& f : r.findings) {
      if (f.code != assess::FindingCode::SupplierRegister) continue;
      EXPECT_EQ(f.subject, "s");
      if (r.requirement->id == "rm.supply_chain") ++on_chain;
      if (r.requirement->id == "rm.supplier_vulnerabilities") ++on_vulnerabilities;
    }
  }
  EXPECT_EQ(on_chain, 2u);
  EXPECT_EQ(on_vulnerabilities, 1u);
  ASSERT_EQ(report.actions.size(), actions_before + 1);  // one action for supplier s
  const assess::Action* action = nullptr;
  for (const auto& a : report.actions) {
    if (a.kind == assess::ActionKind::AddressSupplier) action = &a;
  }
  ASSERT_NE(action, nullptr);
  EXPECT_EQ(action->target, "s");
  EXPECT_EQ(action->requirements.size(), 2u);
  bool step_found = false;
  for (const auto& step : report.roadmap) {
    if (step.step->id != "supply_chain_security") continue;
    step_found = true;
    ASSERT_FALSE(step.evidence.empty());
    EXPECT_EQ(step.evidence.back().item, "supplier register");
    EXPECT_EQ(step.evidence.back().state, "3 findings");
    EXPECT_FALSE(step.evidence.back().done);
    EXPECT_NE(step.status, assess::StepStatus::Done);
  }
  EXPECT_TRUE(step_found);
}

TEST(GapFindings, CleanRegisterIsDoneEvidence) {
  assess::GapReport report = assess::assess(assess::Soa{}, assess::DocumentRegister{}, date::year{2026} / 6 / 1);
  assess::add_supplier_register(report, {}, "r.yaml");
  for (const auto& step : report.roadmap) {
    if (step.step->id != "supply_chain_security") continue;
    EXPECT_EQ(step.evidence.back().state, "no findings");
    EXPECT_TRUE(step.evidence.back().done);
  }
}

}  // namespace
}  // namespace vigil::supplier
