// The build-time validation of the knowledge base (tools/catalog_gen) on
// broken copies of data/: each mistake in the IR 2024/2690 Annex, the ISO
// summaries, the articles and the search synonyms fails the build naming
// file:line, and nothing is written.
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

namespace fs = std::filesystem;

namespace {

#ifdef VIGIL_CATALOG_GEN

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class CatalogGen : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("vigil-catalog-gen-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "data");
    // The catalog's files (data/scenarios/ holds the exercise scenarios, not catalog data).
    for (const auto& entry : fs::directory_iterator(fs::path(VIGIL_SOURCE_DIR) / "data")) {
      if (entry.is_regular_file()) fs::copy_file(entry.path(), dir_ / "data" / entry.path().filename());
    }
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Replaces the first `from` in data/<file> by `to`.
  void edit(const std::string& file, const std::string& from, const std::string& to) {
    std::string text = slurp(dir_ / "data" / file);
    auto at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
    std::ofstream(dir_ / "data" / file, std::ios::binary) << text;
  }

  // Runs the generator; returns its exit status and standard error.
  std::pair<int, std::string> generate() {
    std::string command =
        "'" VIGIL_CATALOG_GEN "' '" + (dir_ / "data").string() + "' '" + (dir_ / "out.cpp").string() + "' 2>&1";
    std::string output;
    FILE* pipe = popen(command.c_str(), "r");
    char buffer[4096];
    while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
    int status = pclose(pipe);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
  }

  fs::path dir_;
};

TEST_F(CatalogGen, TheDataAsCommittedGenerates) {
  auto [status, output] = generate();
  EXPECT_EQ(status, 0) << output;
  EXPECT_TRUE(fs::exists(dir_ / "out.cpp"));
}

TEST_F(CatalogGen, IrPointMistakesNameFileAndLine) {
  edit("ir_2024_2690.toml", "requirement = \"rm.supply_chain\"", "requirement = \"rm.supply_chian\"");
  edit("ir_2024_2690.toml", "iso27001 = [\"A.5.19\", \"A.5.20\", \"A.5.21\", \"A.8.30\"]",
       "iso27001 = [\"A.5.19\", \"A.5.99\"]");
  edit("ir_2024_2690.toml", "relationship = \"intersect\"\ncoverage = \"partial\"",
       "relationship = \"intersect\"\ncoverage = \"full\"");
  edit("ir_2024_2690.toml", "mapping_sources = [\"enisa_tig_2025\"]", "mapping_sources = [\"nowhere\"]");
  auto [status, output] = generate();
  EXPECT_EQ(status, 1);
  EXPECT_NE(output.find("data/ir_2024_2690.toml:"), std::string::npos) << output;
  EXPECT_NE(output.find("refers to unknown requirement 'rm.supply_chian'"), std::string::npos) << output;
  EXPECT_NE(output.find("refers to unknown ISO 27001 id 'A.5.99'"), std::string::npos) << output;
  EXPECT_NE(output.find("relationship intersect gives coverage partial, not full"), std::string::npos) << output;
  EXPECT_NE(output.find("unknown mapping source 'nowhere'"), std::string::npos) << output;
  EXPECT_NE(output.find("nothing written"), std::string::npos) << output;
  EXPECT_FALSE(fs::exists(dir_ / "out.cpp"));
}

TEST_F(CatalogGen, IrPointWithoutSummaryOrInTheWrongSection) {
  edit("ir_2024_2690.toml", "summary = \"Guided by the policy and the risk assessment",
       "summery = \"Guided by the policy and the risk assessment");
  edit("ir_2024_2690.toml", "id = \"6.1.3\"\nsection = 6", "id = \"6.1.3\"\nsection = 7");
  auto [status, output] = generate();
  EXPECT_EQ(status, 1);
  EXPECT_NE(output.find("missing key 'summary'"), std::string::npos) << output;
  EXPECT_NE(output.find("unknown key 'summery'"), std::string::npos) << output;
  EXPECT_NE(output.find("IR 2024/2690 Annex 6.1.3: is not in section 7"), std::string::npos) << output;
}

TEST_F(CatalogGen, IrSummaryIsASentenceNotTheTitle) {
  // 1.2.5 as the importer once drafted it: the title repeated.
  edit("ir_2024_2690.toml", "summary = \"Where it applies, duties and areas of responsibility that conflict",
       "summary = \"Segregate conflicting duties and responsibilities. Where it applies, duties and areas of "
       "responsibility that conflict");
  // 1.2.3 without its full stop.
  edit("ir_2024_2690.toml", "on network and information security matters.\"",
       "on network and information security matters\"");
  auto [status, output] = generate();
  EXPECT_EQ(status, 1);
  EXPECT_NE(output.find("IR 2024/2690 Annex 1.2.5: the summary repeats the title"), std::string::npos) << output;
  EXPECT_NE(output.find("IR 2024/2690 Annex 1.2.3: the summary is one sentence ending with '.'"), std::string::npos)
      << output;
}

TEST_F(CatalogGen, EveryMappingHasARelationship) {
  // The first NIS2 requirement and the first Annex point (1.1.1) lose theirs.
  edit("requirements.toml", "relationship = \"intersect\"\n", "");
  edit("ir_2024_2690.toml", "relationship = \"intersect\"\n", "");
  auto [status, output] = generate();
  EXPECT_EQ(status, 1);
  EXPECT_NE(output.find("data/requirements.toml:"), std::string::npos) << output;
  EXPECT_NE(output.find("data/ir_2024_2690.toml:"), std::string::npos) << output;
  EXPECT_NE(output.find("missing key 'relationship'"), std::string::npos) << output;
  EXPECT_NE(output.find("IR 2024/2690 Annex 1.1.1: has no relationship"), std::string::npos) << output;
  EXPECT_FALSE(fs::exists(dir_ / "out.cpp"));
}

TEST_F(CatalogGen, RequirementOfAnotherArt21Point) {
  // 5.1.4 is Art. 21(2)(d); rm.cryptography implements (h).
  edit("ir_2024_2690.toml", "requirement = \"rm.supply_chain\"", "requirement = \"rm.cryptography\"");
  auto [status, output] = generate();
  EXPECT_EQ(status, 1);
  EXPECT_NE(output.find("requirement rm.cryptography implements Art. 21(2)(h), not Art. 21(2)(d)"), std::string::npos)
      << output;
}

TEST_F(CatalogGen, IsoItemNeedsItsSummary) {
  edit("iso27001.toml", "summary = \"Define and apply rules for the effective use of cryptography",
       "note = \"Define and apply rules for the effective use of cryptography");
  auto [status, output] = generate();
  EXPECT_EQ(status, 1);
  EXPECT_NE(output.find("data/iso27001.toml:"), std::string::npos) << output;
  EXPECT_NE(output.find("ISO item: missing key 'summary'"), std::string::npos) << output;
}

TEST_F(CatalogGen, SynonymsAreLowerCaseWordsDefinedOnce) {
  edit("search_synonyms.toml", "terms = [\"bcm\"", "terms = [\"BCM\", \"2fa\"");
  auto [status, output] = generate();
  EXPECT_EQ(status, 1);
  EXPECT_NE(output.find("data/search_synonyms.toml:"), std::string::npos) << output;
  EXPECT_NE(output.find("'BCM' must be lower-case words"), std::string::npos) << output;
  EXPECT_NE(output.find("synonym term '2fa' is already defined"), std::string::npos) << output;
}

TEST_F(CatalogGen, AnnexObligationsAndSeeAlso) {
  edit("articles.toml", "reference = \"Annex I, point 8\"", "reference = \"Annex II, point 8\"");
  edit("articles.toml", "see_also = [\"Art. 2\", \"Art. 27\"]", "see_also = [\"Art. 99\"]");
  auto [status, output] = generate();
  EXPECT_EQ(status, 1);
  EXPECT_NE(output.find("obligation 'Annex II, point 8' does not belong to Annex I"), std::string::npos) << output;
  EXPECT_NE(output.find("see_also 'Art. 99' is not another article or annex"), std::string::npos) << output;
}

#endif

}  // namespace
