// The IR 2024/2690 Annex section of the gap assessment (issue 16, point 3):
// each Annex point judged from the SoA through its ISO counterparts by the
// rules of the NIS2 requirements.
#include <gtest/gtest.h>

#include "assess/assess.h"
#include "soa_builder.h"

namespace vigil::assess {
namespace {

using vigil::assess::testing::day;

Soa soa_with(std::initializer_list<std::pair<std::string_view, Implementation>> lines, bool applicable = true) {
  Soa soa;
  for (auto [id, status] : lines) {
    SoaEntry e;
    e.item = catalog::find_iso(id);
    e.applicable = applicable;
    e.status = status;
    soa.entries.push_back(e);
  }
  return soa;
}

const IrPointResult& point(const GapReport& r, std::string_view id) {
  for (const IrPointResult& p : r.ir_2024_2690)
    if (p.point->id == id) return p;
  throw std::runtime_error("no point " + std::string(id));
}

TEST(IrGap, EveryPointInAnnexOrderWithATally) {
  Soa soa;
  GapReport r = assess(soa, {}, day(2025, 6, 30));
  EXPECT_TRUE(r.ir_2024_2690.empty());  // not added unless asked
  add_ir_2024_2690(r, soa);
  ASSERT_EQ(r.ir_2024_2690.size(), 161u);
  EXPECT_EQ(r.ir_2024_2690.front().point->id, "ir.1.1.1");
  EXPECT_EQ(r.ir_2024_2690_tally.total, 161);
  EXPECT_EQ(r.ir_2024_2690_tally.gap, 161);  // an empty SoA: every counterpart missing, not implemented
  const IrPointResult& p = point(r, "ir.12.5");
  EXPECT_EQ(p.controls.size(), 3u);  // A.5.11, A.5.18, A.8.24
  EXPECT_EQ(p.findings.front().code, FindingCode::MissingFromSoa);
  add_ir_2024_2690(r, soa);  // idempotent
  EXPECT_EQ(r.ir_2024_2690.size(), 161u);
}

TEST(IrGap, SameRulesAsTheNis2Requirements) {
  // ir.12.5 relies on A.5.11, A.5.18 and A.8.24.
  Soa all = soa_with({{"A.5.11", Implementation::Implemented},
                      {"A.5.18", Implementation::Implemented},
                      {"A.8.24", Implementation::Implemented}});
  GapReport r = assess(all, {}, day(2025, 6, 30));
  add_ir_2024_2690(r, all);
  EXPECT_EQ(point(r, "ir.12.5").status, RequirementStatus::Met);
  EXPECT_EQ(point(r, "ir.9.1").status, RequirementStatus::Partial);  // A.5.31 missing, A.8.24 implemented
  EXPECT_GE(r.ir_2024_2690_tally.met, 1);
  Soa some = soa_with({{"A.5.11", Implementation::Implemented}, {"A.5.18", Implementation::Planned}});
  GapReport s = assess(some, {}, day(2025, 6, 30));
  add_ir_2024_2690(s, some);
  EXPECT_EQ(point(s, "ir.12.5").status, RequirementStatus::Partial);
  Soa excluded = soa_with({{"A.5.11", Implementation::NotImplemented},
                           {"A.5.18", Implementation::NotImplemented},
                           {"A.8.24", Implementation::NotImplemented}},
                          /*applicable=*/false);
  GapReport x = assess(excluded, {}, day(2025, 6, 30));
  add_ir_2024_2690(x, excluded);
  const IrPointResult& p = point(x, "ir.12.5");
  EXPECT_EQ(p.status, RequirementStatus::Gap);
  ASSERT_FALSE(p.findings.empty());
  EXPECT_EQ(p.findings.back().code, FindingCode::AllCounterpartsExcluded);
  EXPECT_NE(p.findings.back().detail.find("Art. 21(2)(i)"), std::string::npos);  // the point's Art. 21(2) letter
}

}  // namespace
}  // namespace vigil::assess
