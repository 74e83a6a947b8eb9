// The IR 2024/2690 Annex section of the gap assessment:
// each Annex point judged from the SoA through its ISO counterparts by the
// rules of the NIS2 requirements.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "assess/assess.h"
#include "assess/report.h"
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

// Every output format carries the Annex section, and each point names the
// Art. 21(2) point it implements.
TEST(IrGap, EveryReportFormatCarriesTheAnnex) {
  Soa soa = soa_with({{"A.5.11", Implementation::Implemented},
                      {"A.5.18", Implementation::Implemented},
                      {"A.8.24", Implementation::Implemented}});
  GapReport r = assess(soa, {}, day(2025, 6, 30));
  for (const std::string& out : {render_csv(r), render_markdown(r), render_html(r), render_text(r)})
    EXPECT_EQ(out.find("5.1.4"), std::string::npos);  // without an IR entity, no Annex section
  EXPECT_FALSE(to_json(r).contains("ir_2024_2690"));
  add_ir_2024_2690(r, soa);

  std::string csv = render_csv(r);
  EXPECT_NE(csv.find("\nir.5.1.4,Art. 21(2)(d),ir_2024_2690,Supplier contracts or SLAs specify security terms,gap,"
                     "controls,"),
            std::string::npos)
      << csv;
  EXPECT_NE(csv.find("\nir.12.5,Art. 21(2)(i),ir_2024_2690,"), std::string::npos);
  EXPECT_NE(csv.find(",met,controls,A.5.11=implemented; A.5.18=implemented; A.8.24=implemented,,,2025-06-30\n"),
            std::string::npos);
  std::size_t rows = 0;
  for (std::size_t at = csv.find(",ir_2024_2690,"); at != std::string::npos; at = csv.find(",ir_2024_2690,", at + 1))
    ++rows;
  EXPECT_EQ(rows, 161u);

  EXPECT_NE(render_markdown(r).find("| gap | IR 2024/2690 Annex 5.1.4 | Art. 21(2)(d) | rm.supply_chain |"),
            std::string::npos);
  EXPECT_NE(render_html(r).find("IR 2024/2690 Annex 5.1.4"), std::string::npos);
  EXPECT_NE(render_html(r).find("Art. 21(2)(d) <code>rm.supply_chain</code>"), std::string::npos);
  std::string text = render_text(r);
  EXPECT_NE(text.find("IR 2024/2690 ANNEX (161 points"), std::string::npos);
  EXPECT_NE(text.find("ir.5.1.4"), std::string::npos);
  EXPECT_NE(text.find("rm.supply_chain"), std::string::npos);
  const auto out = to_json(r);
  ASSERT_TRUE(out.contains("ir_2024_2690"));
  EXPECT_EQ(out["ir_2024_2690"]["points"].size(), 161u);
}

}  // namespace
}  // namespace vigil::assess
