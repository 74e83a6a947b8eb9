// What a user typed comes back safe in every CLI output: a title that is a
// spreadsheet formula is neutralised in CSV, markup is escaped in Markdown,
// and terminal escape codes never reach a text table.
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "server/test_process.h"

namespace vigil::test {
namespace {

namespace fs = std::filesystem;

class CliOutput : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("vigil-cli-output-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    env_ = "VIGIL_NOW=2025-03-30T12:00:00Z VIGIL_DB='" + (dir_ / "vigil.db").string() + "'";
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string run(const std::string& args, int* exit_code = nullptr) { return vigil(args, exit_code, env_); }
  void open(const std::string& title) {
    int code = 0;
    auto out = run("incident open --title '" + title +
                       "' --awareness 2025-03-30T09:15:00+02:00 --timezone Europe/Berlin "
                       "--entity-type digital_infrastructure.cloud_computing_service_provider --by alice",
                   &code);
    ASSERT_EQ(code, 0) << out;
  }

  fs::path dir_;
  std::string env_;
};

TEST_F(CliOutput, AFormulaTitleIsNeutralisedInCsv) {
  open("=HYPERLINK(\"http://x.example\",\"open\")");
  auto csv = run("incident list -f csv");
  EXPECT_NE(csv.find("\"'=HYPERLINK(\"\"http://x.example\"\",\"\"open\"\")\""), std::string::npos) << csv;
  EXPECT_EQ(csv.find(",=HYPERLINK"), std::string::npos) << csv;
  EXPECT_EQ(csv.find(",\"=HYPERLINK"), std::string::npos) << csv;
}

TEST_F(CliOutput, MarkupIsEscapedInMarkdown) {
  open("<img src=x onerror=alert(1)> wiped");
  auto markdown = run("incident list -f markdown");
  EXPECT_NE(markdown.find("&lt;img src=x onerror=alert(1)&gt;"), std::string::npos) << markdown;
  EXPECT_EQ(markdown.find("<img"), std::string::npos) << markdown;
}

// An escape code never reaches the record: the title is refused where it
// is typed, naming the option and the character.
TEST_F(CliOutput, EscapeCodesAreRefusedAtInput) {
  int code = 0;
  auto out =
      run("incident open --title \"$(printf 'wiped \\033[2J')\" --awareness 2025-03-30T09:15:00+02:00 "
          "--timezone Europe/Berlin --entity-type digital_infrastructure.cloud_computing_service_provider "
          "--by alice",
          &code);
  EXPECT_EQ(code, 2) << out;
  EXPECT_NE(out.find("--title: holds the control character U+001B at character 7"), std::string::npos) << out;
  EXPECT_EQ(out.find('\033'), std::string::npos) << out;
}

}  // namespace
}  // namespace vigil::test
