// Golden tests of the vigil command line. Each case is a directory entry
//   tests/golden/<group>/<case>.cmd    one argument per line; lines starting with
//                                      "env " set a variable (env VIGIL_NOW=...),
//                                      "stdin " names a file fed on standard input
//   tests/golden/<group>/<case>.out    expected stdout, then "[exit N]" when the
//                                      exit code is not 0, then "[stderr]" and stderr
// The command runs in the source directory; {tmp} in an argument is a fresh
// directory for this case (its workspace database lives there by default).
// VIGIL_UPDATE_GOLDEN=1 rewrites the .out files from what the binary prints.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) {
    s.replace(pos, from.size(), to);
  }
  return s;
}

std::string shell_quote(const std::string& s) {
  return "'" + replace_all(s, "'", "'\\''") + "'";
}

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
  fs::path tmp = fs::temp_directory_path() / ("vigil-golden-" + c.name + "-" + std::to_string(getpid()));
  fs::remove_all(tmp);
  fs::create_directories(tmp);

  std::string env = "NO_COLOR=1 VIGIL_DB=" + shell_quote((tmp / "vigil.db").string()) + " ";
  std::string args, stdin_file = "/dev/null";
  std::istringstream lines(slurp(c.cmd));
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("env ", 0) == 0) {
      env += shell_quote(replace_all(line.substr(4), "{tmp}", tmp.string())) + " ";
    } else if (line.rfind("stdin ", 0) == 0) {
      stdin_file = line.substr(6);
    } else {
      args += " " + shell_quote(replace_all(line, "{tmp}", tmp.string()));
    }
  }
  fs::path err = tmp / "stderr";
  std::string command = "cd " + shell_quote(VIGIL_SOURCE_DIR) + " && env " + env + shell_quote(VIGIL_BINARY) +
                        args + " <" + shell_quote(stdin_file) + " 2>" + shell_quote(err.string());
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string actual;
  char buffer[4096];
  for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) actual.append(buffer, n);
  int status = pclose(pipe);
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
  if (code != 0) actual += "[exit " + std::to_string(code) + "]\n";
  std::string stderr_text = replace_all(slurp(err), tmp.string(), "{tmp}");
  if (!stderr_text.empty()) actual += "[stderr]\n" + stderr_text;
  actual = replace_all(actual, tmp.string(), "{tmp}");
  fs::remove_all(tmp);

  fs::path expected_path = fs::path(c.cmd).replace_extension(".out");
  if (std::getenv("VIGIL_UPDATE_GOLDEN")) {
    std::ofstream(expected_path, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(fs::exists(expected_path)) << expected_path << " is missing; run with VIGIL_UPDATE_GOLDEN=1";
  EXPECT_EQ(slurp(expected_path), actual) << "golden case " << c.cmd;
}

INSTANTIATE_TEST_SUITE_P(Cli, Golden, testing::ValuesIn(cases()),
                         [](const testing::TestParamInfo<Case>& param_info) { return param_info.param.name; });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(Golden);

}  // namespace
