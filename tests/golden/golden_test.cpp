// Golden tests of the vigil command line. Each case is a directory entry
//   tests/golden/<group>/<case>.cmd    one argument per line; lines starting with
//                                      "env " set a variable (env VIGIL_NOW=...),
//                                      "stdin " names a file fed on standard input
//   tests/golden/<group>/<case>.out    expected stdout, then "[exit N]" when the
//                                      exit code is not 0, then "[stderr]" and stderr
// The command runs in the source directory; {tmp} in an argument is a fresh
// directory for this case (its workspace database lives there by default).
// VIGIL_UPDATE_GOLDEN=1 rewrites the .out files from what the binary prints.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cli_process.h"

namespace fs = std::filesystem;

namespace {

using vigil::test::slurp;

struct Case {
  std::string name;
  fs::path cmd;
};

std::vector<Case> cases() {
  std::vector<Case> out;
  fs::path root = fs::path(VIGIL_SOURCE_DIR) / "tests" / "golden";
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.path().extension() != ".cmd") continue;
    std::string name = fs::relative(entry.path(), root).replace_extension().string();
    for (char& c : name) {
      if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    }
    out.push_back({name, entry.path()});
  }
  std::sort(out.begin(), out.end(), [](const Case& a, const Case& b) { return a.name < b.name; });
  return out;
}

class Golden : public testing::TestWithParam<Case> {};

TEST_P(Golden, MatchesExpectedOutput) {
  const Case& c = GetParam();
  const vigil::test::ScratchDir tmp("vigil-golden-" + c.name);
  std::vector<std::string> env, args;
  std::string stdin_file = "/dev/null";
  std::istringstream lines(slurp(c.cmd));
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("env ", 0) == 0) {
      env.push_back(line.substr(4));
    } else if (line.rfind("stdin ", 0) == 0) {
      stdin_file = line.substr(6);
    } else {
      args.push_back(line);
    }
  }
  const std::string actual = vigil::test::run_vigil(tmp.path(), env, args, stdin_file);
  vigil::test::expect_golden(fs::path(c.cmd).replace_extension(".out"), actual, "golden case " + c.cmd.string());
}

INSTANTIATE_TEST_SUITE_P(Cli, Golden, testing::ValuesIn(cases()),
                         [](const testing::TestParamInfo<Case>& param_info) { return param_info.param.name; });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(Golden);

}  // namespace
