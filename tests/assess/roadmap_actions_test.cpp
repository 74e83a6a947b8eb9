// Roadmap progress with the evidence that decided it, and the order of the
// prioritised actions.
#include <gtest/gtest.h>

#include "assess/assess.h"
#include "soa_builder.h"

namespace vigil::assess {
namespace {

using namespace testing;

const Date kRoadmapAsOf = day(2025, 6, 30);

DocumentRegister every_document(DocumentStatus status) {
  DocumentRegister reg;
  auto add = [&](std::string_view name) {
    if (!reg.find(name)) reg.documents.push_back({std::string(name), status, "", {}, {}, ""});
  };
  for (const auto& r : catalog::builtin().requirements)
    for (auto d : r.documents) add(d);
  for (const auto& s : catalog::builtin().roadmap)
    for (auto d : s.documents) add(d);
  return reg;
}

const StepResult& step(const GapReport& r, int number) {
  for (const StepResult& s : r.roadmap) {
    if (s.step->number == number) return s;
  }
  throw std::logic_error("no such step");
}

TEST(Roadmap, EverythingInPlaceMeansEveryStepDone) {
  GapReport r = assess(full_soa(), every_document(DocumentStatus::Approved), kRoadmapAsOf);
  ASSERT_EQ(r.roadmap.size(), 15u);
  for (const StepResult& s : r.roadmap) {
    EXPECT_EQ(s.status, StepStatus::Done) << s.step->number;
    EXPECT_FALSE(s.evidence.empty()) << s.step->number;
  }
  EXPECT_EQ(r.overall.score_tenths(), 1000);
  EXPECT_TRUE(r.actions.empty());
}

TEST(Roadmap, NothingWrittenOrImplementedMeansNotStarted) {
  Soa soa = full_soa();
  for (SoaEntry& e : soa.entries) e.status = Implementation::Planned;
  GapReport r = assess(soa, {}, kRoadmapAsOf);
  for (const StepResult& s : r.roadmap) EXPECT_EQ(s.status, StepStatus::NotStarted) << s.step->number;
}

TEST(Roadmap, DraftDocumentOrPartialControlMeansInProgress) {
  // Step 11 (Art. 23 reporting) has no ISO item: its documents decide.
  GapReport r = assess(full_soa(), every_document(DocumentStatus::Draft), kRoadmapAsOf);
  const StepResult& s11 = step(r, 11);
  EXPECT_FALSE(s11.step->achieved_by_iso27001);
  EXPECT_EQ(s11.status, StepStatus::InProgress);
  for (const StepEvidence& e : s11.evidence) {
    EXPECT_EQ(e.kind, "document");
    EXPECT_EQ(e.state, "draft");
  }
  Soa soa = full_soa();
  set(soa, "A.5.19", Implementation::PartiallyImplemented);
  GapReport partial = assess(soa, every_document(DocumentStatus::Approved), kRoadmapAsOf);
  const StepResult& s9 = step(partial, 9);
  EXPECT_EQ(s9.status, StepStatus::InProgress);
  bool found = false;
  for (const StepEvidence& e : s9.evidence) {
    if (e.item == "A.5.19") {
      found = true;
      EXPECT_EQ(e.state, "partially_implemented");
      EXPECT_FALSE(e.done);
    }
  }
  EXPECT_TRUE(found);
}

TEST(Roadmap, ExcludedOrAbsentItemKeepsAStepFromDone) {
  Soa soa = full_soa();
  remove(soa, "9.2.1");
  GapReport r = assess(soa, every_document(DocumentStatus::Approved), kRoadmapAsOf);
  const StepResult& s13 = step(r, 13);
  EXPECT_EQ(s13.status, StepStatus::InProgress);
  EXPECT_EQ(s13.evidence.front().state, "not in SoA");
}

TEST(Actions, GapsBeforePartialsAndGovernanceAndReportingFirst) {
  Soa soa = full_soa();
  set(soa, "A.8.24", Implementation::Planned);               // rm.cryptography: gap, Art. 21
  set(soa, "A.5.25", Implementation::PartiallyImplemented);  // rm.incident_handling: partial, Art. 21
  set(soa, "6.1.3", Implementation::PartiallyImplemented);   // gov.approve_measures: partial, Art. 20
  DocumentRegister reg = every_document(DocumentStatus::Approved);
  std::erase_if(reg.documents, [](const RegisteredDocument& d) { return d.name == "Customer notification procedure"; });
  GapReport r = assess(soa, reg, kRoadmapAsOf);
  ASSERT_GE(r.actions.size(), 4u);
  // 1: rep.recipients (gap, Art. 23) 2: rm.cryptography (gap, Art. 21)
  // 3: gov.approve_measures (partial, Art. 20) 4: rm.incident_handling (partial)
  EXPECT_EQ(r.actions[0].target, "Customer notification procedure");
  EXPECT_EQ(r.actions[0].kind, ActionKind::WriteDocument);
  EXPECT_EQ(r.actions[0].requirement_status, RequirementStatus::Gap);
  EXPECT_EQ(r.actions[1].target, "A.8.24");
  EXPECT_EQ(r.actions[1].kind, ActionKind::ImplementControl);
  EXPECT_EQ(r.actions[2].target, "6.1.3");
  EXPECT_EQ(r.actions[2].requirement_status, RequirementStatus::Partial);
  EXPECT_EQ(r.actions[3].target, "A.5.25");
  for (std::size_t i = 0; i < r.actions.size(); ++i) EXPECT_EQ(r.actions[i].rank, static_cast<int>(i) + 1);
}

TEST(Actions, ControlServingSeveralRequirementsAppearsOnceListingThemAll) {
  Soa soa = full_soa();
  set(soa, "A.5.21", Implementation::Planned);  // rm.supply_chain and rm.supplier_vulnerabilities
  GapReport r = assess(soa, every_document(DocumentStatus::Approved), kRoadmapAsOf);
  int count = 0;
  for (const Action& a : r.actions) {
    if (a.target != "A.5.21") continue;
    ++count;
    EXPECT_EQ(a.requirements, (std::vector<std::string_view>{"rm.supply_chain", "rm.supplier_vulnerabilities"}));
  }
  EXPECT_EQ(count, 1);
}

TEST(Actions, ExclusionsDraftsAndOverdueReviewsEachGetTheirAction) {
  Soa soa = full_soa(day(2025, 1, 1));
  exclude(soa, "A.8.20", "no internal network");
  line(soa, "A.8.13").last_reviewed = day(2024, 1, 1);
  DocumentRegister reg = every_document(DocumentStatus::Approved);
  for (auto& d : reg.documents) {
    if (d.name == "Crisis management plan") d.status = DocumentStatus::Draft;
  }
  GapReport r = assess(soa, reg, kRoadmapAsOf);
  ASSERT_EQ(r.actions.size(), 3u);
  EXPECT_EQ(r.actions[0].kind, ActionKind::ReviewExclusion);  // rm.emergency_communications: gap
  EXPECT_EQ(r.actions[0].target, "A.8.20");
  EXPECT_EQ(r.actions[1].kind, ActionKind::ApproveDocument);  // rm.crisis_management: partial
  EXPECT_EQ(r.actions[1].target, "Crisis management plan");
  EXPECT_EQ(r.actions[2].kind, ActionKind::ReviewControl);  // last
  EXPECT_EQ(r.actions[2].target, "A.8.13");
  EXPECT_EQ(r.actions[2].requirement_status, RequirementStatus::Met);
}

}  // namespace
}  // namespace vigil::assess
