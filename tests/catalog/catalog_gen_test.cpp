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
#include <string_view>

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

  // Runs the generator on the edited data: it fails, says each of `says` and
  // writes nothing.
  void expect_refused(std::initializer_list<std::string_view> says) {
    auto [status, output] = generate();
    EXPECT_EQ(status, 1);
    for (std::string_view text : says) EXPECT_NE(output.find(text), std::string::npos) << text << " in:\n" << output;
    EXPECT_FALSE(fs::exists(dir_ / "out.cpp"));
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
  expect_refused({"data/ir_2024_2690.toml:", "refers to unknown requirement 'rm.supply_chian'",
                  "refers to unknown ISO 27001 id 'A.5.99'", "relationship intersect gives coverage partial, not full",
                  "unknown mapping source 'nowhere'", "nothing written"});
}

TEST_F(CatalogGen, IrPointWithoutSummaryOrInTheWrongSection) {
  edit("ir_2024_2690.toml", "summary = \"Guided by the policy and the risk assessment",
       "summery = \"Guided by the policy and the risk assessment");
  edit("ir_2024_2690.toml", "id = \"6.1.3\"\nsection = 6", "id = \"6.1.3\"\nsection = 7");
  expect_refused({"missing key 'summary'", "unknown key 'summery'", "IR 2024/2690 Annex 6.1.3: is not in section 7"});
}

TEST_F(CatalogGen, IrSummaryIsASentenceNotTheTitle) {
  // 1.2.5 as the importer once drafted it: the title repeated.
  edit("ir_2024_2690.toml", "summary = \"Where it applies, duties and areas of responsibility that conflict",
       "summary = \"Segregate conflicting duties and responsibilities. Where it applies, duties and areas of "
       "responsibility that conflict");
  // 1.2.3 without its full stop.
  edit("ir_2024_2690.toml", "on network and information security matters.\"",
       "on network and information security matters\"");
  expect_refused({"IR 2024/2690 Annex 1.2.5: the summary repeats the title",
                  "IR 2024/2690 Annex 1.2.3: the summary is one sentence ending with '.'"});
}

TEST_F(CatalogGen, EveryMappingHasARelationship) {
  // The first NIS2 requirement and the first Annex point (1.1.1) lose theirs.
  edit("requirements.toml", "relationship = \"intersect\"\n", "");
  edit("ir_2024_2690.toml", "relationship = \"intersect\"\n", "");
  expect_refused({"data/requirements.toml:", "data/ir_2024_2690.toml:", "missing key 'relationship'",
                  "IR 2024/2690 Annex 1.1.1: has no relationship"});
}

TEST_F(CatalogGen, RequirementOfAnotherArt21Point) {
  // 5.1.4 is Art. 21(2)(d); rm.cryptography implements (h).
  edit("ir_2024_2690.toml", "requirement = \"rm.supply_chain\"", "requirement = \"rm.cryptography\"");
  expect_refused({"requirement rm.cryptography implements Art. 21(2)(h), not Art. 21(2)(d)"});
}

TEST_F(CatalogGen, IsoItemNeedsItsSummary) {
  edit("iso27001.toml", "summary = \"Define and apply rules for the effective use of cryptography",
       "note = \"Define and apply rules for the effective use of cryptography");
  expect_refused({"data/iso27001.toml:", "ISO item: missing key 'summary'"});
}

TEST_F(CatalogGen, SynonymsAreLowerCaseWordsDefinedOnce) {
  edit("search_synonyms.toml", "terms = [\"bcm\"", "terms = [\"BCM\", \"2fa\"");
  expect_refused(
      {"data/search_synonyms.toml:", "'BCM' must be lower-case words", "synonym term '2fa' is already defined"});
}

TEST_F(CatalogGen, AnnexObligationsAndSeeAlso) {
  edit("articles.toml", "reference = \"Annex I, point 8\"", "reference = \"Annex II, point 8\"");
  edit("articles.toml", "see_also = [\"Art. 2\", \"Art. 27\"]", "see_also = [\"Art. 99\"]");
  expect_refused({"obligation 'Annex II, point 8' does not belong to Annex I",
                  "see_also 'Art. 99' is not another article or annex"});
}

#endif

}  // namespace
