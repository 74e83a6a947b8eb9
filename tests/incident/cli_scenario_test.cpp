// The incident record end to end through the `vigil` binary: one workspace,
// one command after another, each output compared with
// tests/golden/incident/<scenario>/<step>.out (VIGIL_UPDATE_GOLDEN=1 rewrites
// them; read every rewritten file). Single-command cases, bad input included,
// are ordinary golden cases in tests/golden/incident/*.cmd.
//
// A scenario is the script tests/golden/incident/<scenario>/steps.txt, one
// action a line ('#' starts a comment line):
//   now INSTANT               the clock (VIGIL_NOW) of the commands below
//   step NAME ARGS...         runs vigil ARGS; its output is compared with NAME.out
//   setup ARGS...             runs vigil ARGS, which must succeed; its output is
//                             not kept (random secrets)
//   tamper SQL                what somebody with write access to the database
//                             file does behind Vigil's back: SQL run on it directly
//   private-file SOURCE NAME  copies SOURCE to {tmp}/NAME, readable by its owner only
//   edit NAME                 changes a file as the function NAME below does
// ARGS are split at spaces; "..." keeps spaces in one argument. {tmp} is the
// scenario's directory, which holds its workspace database.
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <nlohmann/json.hpp>

#include "cli_process.h"

namespace {

namespace fs = std::filesystem;
using vigil::test::slurp;

void tamper(const fs::path& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  ASSERT_EQ(sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK) << db;
  char* message = nullptr;
  const int rc = sqlite3_exec(handle, sql.c_str(), nullptr, nullptr, &message);
  const std::string why = message ? message : "";
  sqlite3_free(message);
  const int changed = sqlite3_changes(handle);
  sqlite3_close(handle);
  ASSERT_EQ(rc, SQLITE_OK) << sql << ": " << why;
  ASSERT_GT(changed, 0) << "no row matched: " << sql;
}

// The edits of exported files that the scripts name.
void extra_key_in_export(const fs::path& tmp) {
  // Somebody adds a key to an entry of the exported file.
  std::string text = slurp(tmp / "acme-INC-1.json");
  auto at = text.find("\"kind\": \"opened\"");
  ASSERT_NE(at, std::string::npos);
  text.insert(at, "\"extra\": \"added later\",\n      ");
  std::ofstream(tmp / "acme-INC-1.json", std::ios::binary) << text;
}

void seal_set_back_in_export(const fs::path& tmp) {
  // cut.json: the seal set back to the first entry; extra.json: the seal with a key of its own.
  auto exported = nlohmann::json::parse(slurp(tmp / "INC-1.json"));
  exported["seal"]["seq"] = 1;
  exported["seal"]["head"] = exported["entries"][0]["hash"];
  std::ofstream(tmp / "cut.json", std::ios::binary) << exported.dump(2);
  exported["seal"]["seq"] = 2;
  exported["seal"]["head"] = exported["chain_head"]["hash"];
  exported["seal"]["extra"] = true;
  std::ofstream(tmp / "extra.json", std::ios::binary) << exported.dump(2);
}

void seal_removed_from_export(const fs::path& tmp) {
  auto exported = nlohmann::json::parse(slurp(tmp / "INC-2.json"));
  exported["seal"] = nullptr;
  std::ofstream(tmp / "unsealed.json", std::ios::binary) << exported.dump(2);
}

const std::map<std::string, std::function<void(const fs::path&)>, std::less<>> kEdits{
    {"extra_key_in_export", extra_key_in_export},
    {"seal_set_back_in_export", seal_set_back_in_export},
    {"seal_removed_from_export", seal_removed_from_export},
};

// Splits at spaces; "..." keeps spaces inside one argument.
std::vector<std::string> split_args(const std::string& text) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == ' ') {
      ++i;
    } else if (text[i] == '"') {
      const std::size_t end = text.find('"', i + 1);
      out.push_back(text.substr(i + 1, end - i - 1));
      i = end == std::string::npos ? text.size() : end + 1;
    } else {
      const std::size_t end = std::min(text.find(' ', i), text.size());
      out.push_back(text.substr(i, end - i));
      i = end;
    }
  }
  return out;
}

const fs::path kScenarios = fs::path(VIGIL_SOURCE_DIR) / "tests/golden/incident";

std::vector<std::string> scenarios() {
  std::vector<std::string> out;
  for (const auto& entry : fs::directory_iterator(kScenarios)) {
    if (fs::exists(entry.path() / "steps.txt")) out.push_back(entry.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

class IncidentScenario : public testing::TestWithParam<std::string> {
 protected:
  vigil::test::ScratchDir tmp_{"vigil-incident-scenario"};
};

TEST_P(IncidentScenario, Plays) {
  const fs::path dir = kScenarios / GetParam();
  std::string now;
  std::istringstream script(slurp(dir / "steps.txt"));
  for (std::string line; std::getline(script, line);) {
    if (line.empty() || line.starts_with('#')) continue;
    const std::size_t space = std::min(line.find(' '), line.size());
    const std::string action = line.substr(0, space);
    const std::string rest = space < line.size() ? line.substr(space + 1) : "";
    // USER: account changes from the command line are recorded as "<login> (command line)".
    const std::vector<std::string> env{"USER=golden", "VIGIL_NOW=" + now};
    if (action == "now") {
      now = rest;
    } else if (action == "step") {
      std::vector<std::string> args = split_args(rest);
      ASSERT_FALSE(args.empty()) << line;
      const std::string name = args.front();
      args.erase(args.begin());
      vigil::test::expect_golden(dir / (name + ".out"), vigil::test::run_vigil(tmp_.path(), env, args), "step " + name);
    } else if (action == "setup") {
      const std::string out = vigil::test::run_vigil(tmp_.path(), env, split_args(rest));
      ASSERT_EQ(out.find("[exit "), std::string::npos) << line << "\n" << out;
    } else if (action == "tamper") {
      tamper(tmp_ / "vigil.db", rest);
    } else if (action == "private-file") {
      const std::vector<std::string> names = split_args(rest);
      ASSERT_EQ(names.size(), 2u) << line;
      const fs::path copy = tmp_ / names[1];
      fs::copy_file(fs::path(VIGIL_SOURCE_DIR) / names[0], copy);
      fs::permissions(copy, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
    } else if (action == "edit") {
      const auto edit = kEdits.find(rest);
      ASSERT_NE(edit, kEdits.end()) << line;
      edit->second(tmp_.path());
    } else {
      FAIL() << dir / "steps.txt"
             << ": unknown action: " << line;
    }
    if (HasFatalFailure()) return;
  }
}

INSTANTIATE_TEST_SUITE_P(, IncidentScenario, testing::ValuesIn(scenarios()),
                         [](const testing::TestParamInfo<std::string>& param_info) { return param_info.param; });

}  // namespace
