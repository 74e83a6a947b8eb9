// What the tests that run the `vigil` binary share: reading a file, quoting
// for the shell, a fresh scratch directory, one run of the binary captured the
// way golden files hold it, and the comparison with (or rewrite of) a golden
// file. Header-only: each test executable that runs the binary includes it.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace vigil::test {

namespace fs = std::filesystem;

// The whole file, bytes as they are ("" when it cannot be read).
inline std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) {
    s.replace(pos, from.size(), to);
  }
  return s;
}

// One word for /bin/sh, whatever it holds.
inline std::string shell_quote(const std::string& s) { return "'" + replace_all(s, "'", "'\\''") + "'"; }

// A fresh directory <temp>/<prefix>-<pid>, removed with everything in it when
// the object goes.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& prefix)
      : path_(fs::temp_directory_path() / (prefix + "-" + std::to_string(getpid()))) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~ScratchDir() { fs::remove_all(path_); }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const fs::path& path() const { return path_; }
  fs::path operator/(const std::string& name) const { return path_ / name; }

 private:
  fs::path path_;
};

// Runs VIGIL_BINARY in the source directory with NO_COLOR=1, the workspace
// <tmp>/vigil.db, no seal key from the caller's environment (VIGIL_SEAL_KEY,
// VIGIL_SEAL_PUBLIC_KEY: a test that seals gives them in `env`), then `env`
// (NAME=value each) and `args`; {tmp} in env and
// args stands for `tmp`. Returns stdout, then "[exit N]" when the exit code
// is not 0, then "[stderr]" and stderr when there is any, with `tmp` written
// back as {tmp}: what a golden .out file holds.
inline std::string run_vigil(const fs::path& tmp, const std::vector<std::string>& env,
                             const std::vector<std::string>& args, const std::string& stdin_file = "/dev/null") {
  const auto expand = [&](const std::string& s) { return shell_quote(replace_all(s, "{tmp}", tmp.string())); };
  std::string command = "cd " + shell_quote(VIGIL_SOURCE_DIR) +
                        " && env -u VIGIL_SEAL_KEY -u VIGIL_SEAL_PUBLIC_KEY NO_COLOR=1 VIGIL_DB=" +
                        shell_quote((tmp / "vigil.db").string()) + " ";
  for (const auto& e : env) command += expand(e) + " ";
  command += shell_quote(VIGIL_BINARY);
  for (const auto& a : args) command += " " + expand(a);
  const fs::path err = tmp / "stderr";
  command += " <" + shell_quote(stdin_file) + " 2>" + shell_quote(err.string());
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return "[popen failed]\n";
  std::string actual;
  char buffer[4096];
  for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) actual.append(buffer, n);
  const int status = pclose(pipe);
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
  if (code != 0) actual += "[exit " + std::to_string(code) + "]\n";
  const std::string stderr_text = slurp(err);
  if (!stderr_text.empty()) actual += "[stderr]\n" + stderr_text;
  return replace_all(actual, tmp.string(), "{tmp}");
}

// Compares `actual` with the golden file `expected`, or, with
// VIGIL_UPDATE_GOLDEN set, writes `actual` there (read every rewritten file).
inline void expect_golden(const fs::path& expected, const std::string& actual, const std::string& what) {
  if (std::getenv("VIGIL_UPDATE_GOLDEN")) {
    std::ofstream(expected, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(fs::exists(expected)) << expected << " is missing; run with VIGIL_UPDATE_GOLDEN=1";
  EXPECT_EQ(slurp(expected), actual) << what;
}

}  // namespace vigil::test
