// `vigil export oscal`: the documents validate against NIST's official OSCAL
// 1.2.1 JSON schemas (when ../shared/reference/oscal is present, else SKIPPED
// saying so), UUIDs are stable and derived from ids, findings follow the
// requirement statuses, and the POA&M carries the actions.
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "assess/assess.h"
#include "assess/oscal_results.h"
#include "catalog/oscal.h"
#include "soa_builder.h"

namespace fs = std::filesystem;

namespace vigil::assess {
namespace {

using vigil::assess::testing::day;

const fs::path kSource = VIGIL_SOURCE_DIR;
const fs::path kSchemas = kSource / ".." / "shared" / "reference" / "oscal";

// Runs a shell command; returns its exit status and what it printed.
std::pair<int, std::string> run(const std::string& command) {
  std::string output;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return {-1, "popen failed"};
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
  int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

class OscalSchemas : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(kSchemas / "oscal_catalog_schema.json"))
      GTEST_SKIP() << "OSCAL schemas not found at " << kSchemas.lexically_normal()
                   << " (shared/reference/oscal next to the repository); schema validation NOT run";
    auto [status, output] = run("/usr/bin/python3 -c 'import jsonschema, regex'");
    ASSERT_EQ(status, 0) << "the OSCAL validator needs python3-jsonschema and python3-regex: run "
                            "scripts/setup.sh --test\n"
                         << output;
    dir_ = fs::temp_directory_path() / ("vigil-oscal-" + std::to_string(getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  fs::path export_to(const std::string& name, const std::string& args) {
    fs::path out = dir_ / name;
    auto [status, output] =
        run("cd '" + kSource.string() + "' && '" VIGIL_BINARY "' export oscal " + args + " -o '" + out.string() + "'");
    EXPECT_EQ(status, 0) << output;
    return out;
  }

  std::pair<int, std::string> validate(const std::vector<fs::path>& files) {
    std::string command =
        "/usr/bin/python3 '" + (kSource / "scripts" / "validate_oscal.py").string() + "' '" + kSchemas.string() + "'";
    for (const fs::path& f : files) command += " '" + f.string() + "'";
    return run(command);
  }

  fs::path dir_;
};

TEST_F(OscalSchemas, EveryExportValidatesAgainstTheOfficialSchema) {
  const std::string gap = "--soa examples/soa.csv --documents examples/documents.csv --as-of 2025-06-30";
  std::vector<fs::path> files = {
      export_to("catalog-nis2.json", "catalog nis2"),
      export_to("catalog-ir.json", "catalog ir-2024-2690"),
      export_to("mapping.json", "mapping"),
      export_to("ar.json", "assessment-results " + gap),
      export_to("ar-hashed.json", "assessment-results --soa tests/golden/export/small_soa.csv --as-of 2025-06-30"),
      export_to("poam.json", "poam " + gap),
  };
  auto [status, output] = validate(files);
  EXPECT_EQ(status, 0) << output;
  for (const fs::path& f : files) EXPECT_NE(output.find(f.string() + ": valid"), std::string::npos) << output;
}

TEST_F(OscalSchemas, TheValidatorRejectsABrokenDocument) {
  // A test that cannot fail is a defect: the same validator refuses a catalog
  // without its uuid and a control id that is not an OSCAL token.
  auto doc = catalog::oscal_catalog(catalog::builtin(), "nis2");
  ASSERT_TRUE(doc);
  nlohmann::ordered_json broken = *doc;
  broken["catalog"].erase("uuid");
  broken["catalog"]["groups"][0]["controls"][0]["id"] = "1 bad id";
  fs::path file = dir_ / "broken.json";
  std::ofstream(file) << broken.dump();
  auto [status, output] = validate({file});
  EXPECT_EQ(status, 1) << output;
  EXPECT_NE(output.find("uuid"), std::string::npos) << output;
  EXPECT_NE(output.find("1 bad id"), std::string::npos) << output;
}

TEST(OscalExport, StableUuidsAndTokens) {
  EXPECT_EQ(catalog::oscal_uuid("control:rm.mfa"), catalog::oscal_uuid("control:rm.mfa"));
  EXPECT_NE(catalog::oscal_uuid("control:rm.mfa"), catalog::oscal_uuid("control:rm.cryptography"));
  EXPECT_EQ(catalog::oscal_uuid("catalog:nis2").substr(14, 1), "5");  // version 5
  EXPECT_EQ(catalog::oscal_token("5.1.4(a)"), "_5.1.4_a");
  EXPECT_EQ(catalog::oscal_token("ir.9.2(c)(iv)"), "ir.9.2_c_iv");
  EXPECT_EQ(catalog::oscal_token("Art. 21"), "Art._21");
  EXPECT_EQ(catalog::oscal_token("21"), "_21");  // a token starts with a letter or '_'
  auto a = catalog::oscal_mapping(catalog::builtin()), b = catalog::oscal_mapping(catalog::builtin());
  EXPECT_EQ(a.dump(), b.dump());
}

TEST(OscalExport, MappingCarriesRelationshipsAndGaps) {
  auto m = catalog::oscal_mapping(catalog::builtin())["mapping-collection"];
  ASSERT_EQ(m["mappings"].size(), 2u);
  std::map<std::string, std::string> relationship;
  for (const auto& map : m["mappings"][0]["maps"])
    relationship[map["sources"][0]["id-ref"].get<std::string>()] = map["relationship"].get<std::string>();
  EXPECT_EQ(relationship["rm.supply_chain"], "subset-of");
  EXPECT_EQ(relationship["gov.approve_measures"], "intersects-with");
  EXPECT_EQ(relationship.count("rep.early_warning"), 0u);  // no ISO counterpart: in the gap summary
  auto unmapped = m["mappings"][0]["source-gap-summary"]["unmapped-controls"][0]["with-ids"];
  EXPECT_NE(std::find(unmapped.begin(), unmapped.end(), "rep.early_warning"), unmapped.end());
  EXPECT_EQ(m["mappings"][1]["maps"].size(), catalog::builtin().ir_requirements.size());
  for (const auto& map : m["mappings"][1]["maps"]) EXPECT_EQ(map["relationship"], "intersects-with");
  EXPECT_NE(m["mappings"][1]["remarks"].get<std::string>().find("not as equivalences"), std::string::npos);
}

Soa one_line_soa(std::string evidence) {
  SoaEntry e;
  e.item = catalog::find_iso("A.8.24");
  e.status = Implementation::Implemented;
  e.evidence = {std::move(evidence)};
  e.last_reviewed = day(2025, 1, 10);
  Soa soa;
  soa.entries.push_back(std::move(e));
  return soa;
}

TEST(OscalExport, FindingsFollowRequirementStatusAndEvidenceIsHashed) {
  Soa soa = one_line_soa("policies/crypto.pdf");
  GapReport report = assess(soa, {}, day(2025, 6, 30));
  report.soa_source = "soa.csv";
  auto ar =
      oscal_assessment_results(report, soa, {{"policies/crypto.pdf", std::string(64, 'a')}})["assessment-results"];
  const auto& findings = ar["results"][0]["findings"];
  ASSERT_EQ(findings.size(), report.requirements.size());
  for (std::size_t i = 0; i < findings.size(); ++i) {
    bool met = report.requirements[i].status == RequirementStatus::Met;
    EXPECT_EQ(findings[i]["target"]["status"]["state"], met ? "satisfied" : "not-satisfied");
    EXPECT_EQ(findings[i]["target"]["target-id"], catalog::oscal_token(report.requirements[i].requirement->id));
  }
  const auto& resources = ar["back-matter"]["resources"];
  ASSERT_EQ(resources.size(), 2u);  // the method, then the one evidence reference
  EXPECT_EQ(resources[1]["rlinks"][0]["href"], "policies/crypto.pdf");
  EXPECT_EQ(resources[1]["rlinks"][0]["hashes"][0]["algorithm"], "SHA-256");
  // Without a hash the reference stays a title, not a link.
  auto unhashed = oscal_assessment_results(report, soa, {})["assessment-results"]["back-matter"]["resources"][1];
  EXPECT_FALSE(unhashed.contains("rlinks"));
  // Same assessment, same UUIDs; another date, other UUIDs.
  EXPECT_EQ(oscal_assessment_results(report, soa, {}).dump(), oscal_assessment_results(report, soa, {}).dump());
  GapReport later = report;
  later.as_of = day(2025, 7, 1);
  EXPECT_NE(oscal_assessment_results(later, soa, {})["assessment-results"]["uuid"], ar["uuid"]);
}

TEST(OscalExport, PoamHasOneItemPerAction) {
  Soa soa = one_line_soa("x");
  GapReport report = assess(soa, {}, day(2025, 6, 30));
  auto poam = oscal_poam(report)["plan-of-action-and-milestones"];
  ASSERT_EQ(poam["poam-items"].size(), report.actions.size());
  ASSERT_FALSE(report.actions.empty());
  EXPECT_EQ(poam["poam-items"][0]["description"], report.actions[0].detail);
  std::set<std::string> uuids;
  for (const auto& item : poam["poam-items"]) uuids.insert(item["uuid"].get<std::string>());
  EXPECT_EQ(uuids.size(), report.actions.size());  // distinct
}

}  // namespace
}  // namespace vigil::assess
