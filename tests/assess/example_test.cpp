// The bundled example organisation (examples/): its SoA reads the same from
// CSV, JSON and YAML, and its assessment shows what the example is meant to
// show (a counterpart_excluded, a stale review, a reporting gap).
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "assess/assess.h"
#include "assess/report.h"

namespace vigil::assess {
namespace {

std::string slurp(const std::string& relative) {
  std::ifstream in(std::string(VIGIL_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Soa example_soa(const std::string& file) {
  auto soa = parse_soa(slurp(file), input_format_for(file), file);
  if (!soa) throw std::runtime_error(describe(soa.error()));
  return *soa;
}

DocumentRegister example_register() {
  auto reg = parse_document_register(slurp("examples/documents.csv"), InputFormat::Csv, "examples/documents.csv");
  if (!reg) throw std::runtime_error(describe(reg.error()));
  return *reg;
}

const Date kExampleAsOf{date::year{2025}, date::month{9}, date::day{30}};

TEST(Example, ListsEveryAnnexAControlAndEveryClause) {
  GapReport r = assess(example_soa("examples/soa.csv"), example_register(), kExampleAsOf);
  EXPECT_EQ(r.soa.annex_a_listed, 93);
  EXPECT_EQ(r.soa.annex_a_total, 93);
  EXPECT_EQ(r.soa.clauses_listed, r.soa.clauses_total);
  EXPECT_EQ(r.soa.excluded, 2);
}

TEST(Example, SameReportFromCsvJsonAndYaml) {
  DocumentRegister reg = example_register();
  std::string csv = render_json(assess(example_soa("examples/soa.csv"), reg, kExampleAsOf));
  std::string json = render_json(assess(example_soa("examples/soa.json"), reg, kExampleAsOf));
  std::string yaml = render_json(assess(example_soa("examples/soa.yaml"), reg, kExampleAsOf));
  EXPECT_EQ(csv, json);
  EXPECT_EQ(csv, yaml);
  // And the parsed lines agree field by field, evidence lists included.
  Soa a = example_soa("examples/soa.csv"), b = example_soa("examples/soa.yaml");
  ASSERT_EQ(a.entries.size(), b.entries.size());
  for (std::size_t i = 0; i < a.entries.size(); ++i) {
    EXPECT_EQ(a.entries[i].item, b.entries[i].item);
    EXPECT_EQ(a.entries[i].evidence, b.entries[i].evidence);
    EXPECT_EQ(a.entries[i].justification, b.entries[i].justification);
    EXPECT_EQ(a.entries[i].owner, b.entries[i].owner);
  }
}

TEST(Example, ShowsTheFindingsItWasMadeFor) {
  GapReport r = assess(example_soa("examples/soa.csv"), example_register(), kExampleAsOf);
  bool excluded = false, stale = false;
  for (const RequirementResult& q : r.requirements) {
    for (const Finding& f : q.findings) {
      excluded = excluded || (f.code == FindingCode::CounterpartExcluded && f.control == "A.8.30");
      stale = stale || (f.code == FindingCode::ReviewOverdue && f.control == "A.8.13");
    }
  }
  EXPECT_TRUE(excluded);
  EXPECT_TRUE(stale);
  EXPECT_GT(r.groups[1].tally.gap + r.groups[1].tally.partial, 0);
  EXPECT_EQ(r.actions.front().requirements.front(), "rep.recipients");
}

}  // namespace
}  // namespace vigil::assess
