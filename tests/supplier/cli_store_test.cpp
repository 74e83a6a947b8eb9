// The stored supplier register end to end through the `vigil` binary: one
// workspace, one command after another (import, analyse/impact/directory from
// --db, an incident opened from a supplier's incident, audit verify), each
// output compared with tests/golden/supplier/stored/<step>.out
// (VIGIL_UPDATE_GOLDEN=1 rewrites them; read every rewritten file).
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

namespace {

namespace fs = std::filesystem;

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) s.replace(pos, from.size(), to);
  return s;
}

struct Step {
  std::string name;
  std::vector<std::string> args;
};

class SupplierStoreCli : public testing::Test {
 protected:
  void SetUp() override {
    tmp_ = fs::temp_directory_path() / ("vigil-supplier-store-" + std::to_string(getpid()));
    fs::remove_all(tmp_);
    fs::create_directories(tmp_);
  }
  void TearDown() override { fs::remove_all(tmp_); }

  void run(const Step& step) {
    std::string command = "cd " + quote(VIGIL_SOURCE_DIR) +
                          " && env NO_COLOR=1 USER=golden VIGIL_NOW=2026-11-30T10:00:00Z VIGIL_DB=" +
                          quote((tmp_ / "vigil.db").string()) + " " + quote(VIGIL_BINARY);
    for (const auto& a : step.args) command += " " + quote(replace_all(a, "{tmp}", tmp_.string()));
    command += " 2>" + quote((tmp_ / "stderr").string());
    FILE* pipe = popen(command.c_str(), "r");
    ASSERT_NE(pipe, nullptr);
    std::string actual;
    char buffer[4096];
    for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) actual.append(buffer, n);
    int status = pclose(pipe);
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
    if (code != 0) actual += "[exit " + std::to_string(code) + "]\n";
    std::string err = slurp(tmp_ / "stderr");
    if (!err.empty()) actual += "[stderr]\n" + err;
    actual = replace_all(actual, tmp_.string(), "{tmp}");
    fs::path expected = fs::path(VIGIL_SOURCE_DIR) / "tests/golden/supplier/stored" / (step.name + ".out");
    if (std::getenv("VIGIL_UPDATE_GOLDEN")) {
      std::ofstream(expected, std::ios::binary) << actual;
      return;
    }
    ASSERT_TRUE(fs::exists(expected)) << expected << " is missing; run with VIGIL_UPDATE_GOLDEN=1";
    EXPECT_EQ(slurp(expected), actual) << "step " << step.name;
  }

  fs::path tmp_;
};

TEST_F(SupplierStoreCli, ImportAnalyseAndOpenAnIncidentFromASupplier) {
  const std::string cloud = "digital_infrastructure.cloud_computing_service_provider";
  const std::vector<Step> steps{
      {"01_analyse_before_any_workspace", {"supplier", "analyse"}},
      {"02_import_bad_register", {"supplier", "import", "--register", "tests/golden/supplier/data/bad-register.yaml"}},
      {"03_import_text", {"supplier", "import", "--register", "examples/suppliers.yaml", "--by", "carol"}},
      {"04_analyse_no_register_for_other_org", {"supplier", "analyse", "--org", "nobody"}},
      {"05_import_csv_register_json",
       {"supplier", "import", "--register", "tests/golden/supplier/data/csv_register", "--format", "json"}},
      {"06_import_back_json", {"supplier", "import", "--register", "examples/suppliers.yaml", "--format", "json"}},
      {"07_analyse_stored_text", {"supplier", "analyse", "--as-of", "2026-11-30"}},
      {"08_analyse_stored_json", {"supplier", "analyse", "--as-of", "2026-11-30", "--format", "json"}},
      {"09_impact_stored_text", {"supplier", "impact", "equidata-fra"}},
      {"10_directory_stored_json", {"supplier", "directory", "--format", "json"}},
      {"11_open_unknown_supplier",
       {"incident", "open", "--title", "Outage at the colocation provider", "--awareness", "2026-11-30T08:00:00Z",
        "--timezone", "Europe/Berlin", "--entity-type", cloud, "--by", "alice", "--supplier", "equidata-frx"}},
      {"12_open_from_supplier",
       {"incident", "open", "--title", "Outage at the colocation provider", "--awareness", "2026-11-30T08:00:00Z",
        "--timezone", "Europe/Berlin", "--entity-type", cloud, "--by", "alice", "--supplier", "equidata-fra"}},
      {"13_show_text", {"incident", "show", "INC-1"}},
      {"14_show_json", {"incident", "show", "INC-1", "--format", "json"}},
      {"15_audit_events", {"audit", "events"}},
      {"16_audit_verify", {"audit", "verify"}},
  };
  for (const auto& step : steps) run(step);
}

}  // namespace
