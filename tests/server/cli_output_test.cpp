// What a user typed comes back safe in every CLI output: a title that is a
// spreadsheet formula is neutralised in CSV, markup is escaped in Markdown,
// and terminal escape codes never reach a text table.
#include <filesystem>
#include <fstream>
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
  // Runs `args`, which must be refused (exit 2) with an error containing `named`; the output.
  std::string refused(const std::string& args, const std::string& named) {
    int code = 0;
    auto out = run(args, &code);
    EXPECT_EQ(code, 2) << args << "\n" << out;
    EXPECT_NE(out.find(named), std::string::npos) << args << "\n" << out;
    return out;
  }
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
  auto out = refused(
      "incident open --title \"$(printf 'wiped \\033[2J')\" --awareness 2025-03-30T09:15:00+02:00 "
      "--timezone Europe/Berlin --entity-type digital_infrastructure.cloud_computing_service_provider --by alice",
      "--title: holds U+001B ESCAPE at character 7");
  EXPECT_EQ(out.find('\033'), std::string::npos) << out;
}

// A command line the CLI refuses, and what its error names.
struct Refusal {
  std::string args;
  std::string named;
};

// Bytes for /bin/sh (dash): printf with octal escapes, the tester's exact bytes.
// \351 is 0xE9 and \366 is 0xF6 (Latin-1 é and ö), \033 ESC, \342\200\256
// U+202E, \342\200\250 U+2028, \342\200\213 U+200B, \357\273\277 U+FEFF.
std::string bytes(const std::string& octal) { return "\"$(printf '" + octal + "')\""; }

// No argument that is not UTF-8 reaches a command: refused before it runs,
// naming the option, exit 2; nothing aborts and the trail stays intact.
TEST_F(CliOutput, ArgumentsThatAreNotUtf8AreRefusedBeforeAnyCommandRuns) {
  open("Outage");
  const Refusal cases[] = {
      {"exercise start ransomware-cloud --by fac --player " + bytes("an\\351=it"), "vigil: --player: is not UTF-8"},
      {"exercise note EX-1 --by obs --text " + bytes("saw \\351"), "vigil: --text: is not UTF-8 (byte 5 is 0xE9)"},
      {"incident update INC-1 --by alice --fact " + bytes("description=\\351t\\351"), "vigil: --fact: is not UTF-8"},
      {"incident update INC-1 --by alice --fact=" + bytes("description=\\351t\\351"), "vigil: --fact: is not UTF-8"},
      {"org add x1 --name " + bytes("K\\366ln"), "vigil: --name: is not UTF-8"},
      {"user add " + bytes("b\\366b") + " --org x1 --role admin", "vigil: argument 3: is not UTF-8"},
      {"token create --user alice --name " + bytes("t\\366"), "vigil: --name: is not UTF-8"},
      {"supplier import --register x.yaml --by " + bytes("b\\366"), "vigil: --by: is not UTF-8"},
      {"exercise involve EX-1 --role it --by " + bytes("b\\366"), "vigil: --by: is not UTF-8"},
  };
  for (const auto& c : cases) {
    auto out = refused(c.args, c.named);
    EXPECT_EQ(out.find("terminate"), std::string::npos) << out;
  }
  int code = 0;
  auto verify = run("audit verify", &code);
  EXPECT_EQ(code, 0) << verify;
  EXPECT_EQ(verify.find("TAMPERED"), std::string::npos) << verify;
}

// Control and bidi characters are refused at every CLI entry, naming the
// option and the character; the raw ESC is never echoed.
TEST_F(CliOutput, ControlAndBidiCharactersAreRefusedAtEveryEntry) {
  open("Outage");
  const Refusal cases[] = {
      {"incident update INC-1 --by alice --fact " + bytes("description=a\\033[2J"),
       "--fact: description holds U+001B ESCAPE at character 2"},
      {"org add x1 --name " + bytes("x\\033[2Jy"), "--name: holds U+001B ESCAPE at character 2"},
      {"user add " + bytes("e\\033[2Jx") + " --org x1 --role admin", "USERNAME: holds U+001B ESCAPE at character 2"},
      {"user add " + bytes("u\\342\\200\\256y") + " --org x1 --role admin",
       "USERNAME: holds U+202E RIGHT-TO-LEFT OVERRIDE at character 2"},
      {"token create --user alice --name " + bytes("\\033[2J"), "--name: holds U+001B ESCAPE at character 1"},
      {"supplier import --register x.yaml --by " + bytes("b\\342\\200\\256"),
       "--by: holds U+202E RIGHT-TO-LEFT OVERRIDE at character 2"},
      {"exercise start ransomware-cloud --by fac --player " + bytes("a\\033[2J=it"),
       "--player: holds U+001B ESCAPE at character 2"},
      {"exercise start ransomware-cloud --by fac --player " + bytes("a\\342\\200\\256b=it"),
       "--player: holds U+202E RIGHT-TO-LEFT OVERRIDE at character 2"},
  };
  for (const auto& c : cases) {
    auto out = refused(c.args, c.named);
    EXPECT_EQ(out.find('\033'), std::string::npos) << out;
    EXPECT_EQ(out.find("\xE2\x80\xAE"), std::string::npos) << out;
  }
}

// An observer's note takes newlines, but no ESC and no U+202E (as the API).
TEST_F(CliOutput, ExerciseNotesRefuseControlAndBidiCharacters) {
  int code = 0;
  auto started = run("exercise start ransomware-cloud --by fac --player ana=it --format json", &code);
  ASSERT_EQ(code, 0) << started;
  ASSERT_NE(started.find("\"exercise\": \"EX-1\""), std::string::npos) << started;
  const std::string id = "EX-1";
  refused("exercise note " + id + " --by obs --text " + bytes("saw \\033[2J"),
          "--text: holds U+001B ESCAPE at character 5");
  refused("exercise note " + id + " --by obs --text " + bytes("saw \\342\\200\\256x"),
          "--text: holds U+202E RIGHT-TO-LEFT OVERRIDE at character 5");
  auto fine = run("exercise note " + id + " --by obs --text " + bytes("line one\\nline two"), &code);
  EXPECT_EQ(code, 0) << fine;
}

// A usage error is found before the workspace is touched: bad text on an
// exercise that does not exist (in a workspace that does not exist) is
// refused for the text, exit 2, and no workspace is created.
TEST_F(CliOutput, ExerciseWritesCheckTheirTextBeforeTheExercise) {
  const struct {
    std::string args;
    std::string named;
  } cases[] = {
      {"exercise note EX-9 --by obs --text " + bytes("saw \\033[2J"), "--text: holds U+001B ESCAPE at character 5"},
      {"exercise rate EX-9 --by obs --expectation e1 --result met --text " + bytes("a\\033b"),
       "--text: holds U+001B ESCAPE at character 2"},
      {"exercise inject EX-9 --by fac --to all --text hello --title " + bytes("a\\nb"), "--title: holds U+000A"},
  };
  for (const auto& c : cases) {
    int code = 0;
    auto out = run(c.args, &code);
    EXPECT_EQ(code, 2) << c.args << "\n" << out;
    EXPECT_NE(out.find(c.named), std::string::npos) << c.args << "\n" << out;
    EXPECT_EQ(out.find("EX-9"), std::string::npos) << out;
    EXPECT_FALSE(fs::exists(dir_ / "vigil.db")) << c.args;
  }
}

// Invisible and line-breaking characters are refused in titles and evidence
// file names; a title of only invisible characters is empty.
TEST_F(CliOutput, InvisibleCharactersAreRefusedAndCountAsEmpty) {
  const std::string rest =
      " --awareness 2025-03-30T09:15:00+02:00 --timezone Europe/Berlin "
      "--entity-type digital_infrastructure.cloud_computing_service_provider --by alice";
  refused("incident open --title " + bytes("a\\342\\200\\250b") + rest,
          "--title: holds U+2028 LINE SEPARATOR at character 2");
  for (const std::string& blank :
       {std::string("\\342\\200\\213"), std::string("\\357\\273\\277"), std::string("   ")}) {
    refused("incident open --title " + bytes(blank) + rest, "--title: is required");
  }
  open("Outage");
  const fs::path file = dir_ / "log\xE2\x80\x8B.txt";
  std::ofstream(file) << "x";
  refused("incident evidence add INC-1 '" + file.string() + "' --description logs --by alice",
          "holds U+200B ZERO WIDTH SPACE at character 4");
}

// `incident show -f markdown` escapes markup in every value a user typed.
TEST_F(CliOutput, IncidentShowMarkdownEscapesMarkup) {
  open("<script>alert(1)</script>");
  int code = 0;
  auto decided =
      run("incident decide INC-1 --by alice --decision '<img src=x onerror=alert(2)>' --rationale '<b>why</b>' "
          "--option '<i>a</i>'",
          &code);
  ASSERT_EQ(code, 0) << decided;
  const fs::path file = dir_ / "<svg onload=alert(3)>.txt";
  std::ofstream(file) << "x";
  auto evidence =
      run("incident evidence add INC-1 '" + file.string() + "' --description '<iframe src=x>' --by alice", &code);
  ASSERT_EQ(code, 0) << evidence;
  auto md = run("incident show INC-1 -f markdown", &code);
  ASSERT_EQ(code, 0) << md;
  EXPECT_NE(md.find("# INC-1: &lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos) << md;
  EXPECT_NE(md.find("&lt;img src=x onerror=alert(2)&gt;"), std::string::npos) << md;
  EXPECT_NE(md.find("&lt;svg onload=alert(3)&gt;.txt"), std::string::npos) << md;
  EXPECT_NE(md.find("&lt;iframe src=x&gt;"), std::string::npos) << md;
  for (const char* raw : {"<script", "<img", "<svg", "<iframe", "<b>", "<i>"}) {
    EXPECT_EQ(md.find(raw), std::string::npos) << raw << "\n" << md;
  }
}

}  // namespace
}  // namespace vigil::test
