// The incident record end to end through the `vigil` binary: one workspace,
// one command after another, each output compared with
// tests/golden/incident/scenario/<step>.out (VIGIL_UPDATE_GOLDEN=1 rewrites
// them; read every rewritten file). Single-command cases, bad input included,
// are ordinary golden cases in tests/golden/incident/*.cmd.
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
  std::string now;
  std::vector<std::string> args;
};

class IncidentScenario : public testing::Test {
 protected:
  void SetUp() override {
    tmp_ = fs::temp_directory_path() / ("vigil-incident-scenario-" + std::to_string(getpid()));
    fs::remove_all(tmp_);
    fs::create_directories(tmp_);
  }
  void TearDown() override { fs::remove_all(tmp_); }

  // Runs one step and compares its output (stdout, exit code, stderr).
  void run(const Step& step) {
    std::string command = "cd " + quote(VIGIL_SOURCE_DIR) + " && env NO_COLOR=1 VIGIL_NOW=" + quote(step.now) +
                          " VIGIL_DB=" + quote((tmp_ / "vigil.db").string()) + " " + quote(VIGIL_BINARY);
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
    fs::path expected = fs::path(VIGIL_SOURCE_DIR) / "tests/golden/incident/scenario" / (step.name + ".out");
    if (std::getenv("VIGIL_UPDATE_GOLDEN")) {
      std::ofstream(expected, std::ios::binary) << actual;
      return;
    }
    ASSERT_TRUE(fs::exists(expected)) << expected << " is missing; run with VIGIL_UPDATE_GOLDEN=1";
    EXPECT_EQ(slurp(expected), actual) << "step " << step.name;
  }

  fs::path tmp_;
};

TEST_F(IncidentScenario, RansomwareAtACloudProvider) {
  const std::string t0 = "2025-03-30T12:00:00Z";
  const std::string cloud = "digital_infrastructure.cloud_computing_service_provider";
  const std::vector<Step> steps{
      {"01_open", t0, {"incident", "open", "--title", "Ransomware on file server", "--awareness", "2025-03-30T09:15:00+02:00",
                       "--timezone", "Europe/Berlin", "--entity-type", cloud, "--by", "alice"}},
      {"02_open_second_json", t0, {"incident", "open", "--title", "Phishing wave", "--awareness", "2025-03-29T08:00:00Z",
                                   "--timezone", "Europe/Paris", "--entity-type", cloud, "--by", "alice", "--format", "json"}},
      {"03_list", t0, {"incident", "list"}},
      {"04a_assess_unknown_field", t0, {"incident", "assess", "INC-1", "--input",
                                        "tests/golden/incident/data/impact_unknown_field.json", "--by", "bob"}},
      {"04_assess", t0, {"incident", "assess", "INC-1", "--input", "tests/golden/incident/data/impact.json", "--by", "bob",
                         "--note", "45 min complete outage"}},
      {"05_decide", "2025-03-30T12:10:00Z",
       {"incident", "decide", "INC-1", "--decision", "Isolate the file server", "--rationale", "Stop lateral movement",
        "--option", "keep serving and monitor", "--option", "isolate", "--known", "ransom note on share",
        "--unknown", "initial access vector", "--confidence", "medium", "--by", "carol"}},
      {"06_evidence", "2025-03-30T12:20:00Z",
       {"incident", "evidence", "add", "INC-1", "tests/golden/incident/data/firewall.log", "--description",
        "SMB traffic from the attacker address", "--by", "dave"}},
      {"07_submit_before_awareness", "2025-03-30T12:30:00Z",
       {"incident", "submit", "INC-1", "early-warning", "--to", "csirt", "--time", "2025-03-30T07:00:00Z", "--by", "erin"}},
      {"08_submit_early_warning", "2025-03-30T12:30:00Z",
       {"incident", "submit", "INC-1", "early-warning", "--to", "csirt", "--time", "2025-03-30T12:25:00Z", "--reference",
        "CSIRT-2025-117", "--by", "erin"}},
      {"09_update_facts", "2025-03-30T13:00:00Z",
       {"incident", "update", "INC-1", "--fact", "suspected_malicious=yes, ransomware", "--fact",
        "severity=high: file service down for 45 minutes", "--by", "erin"}},
      {"10_report_notification", "2025-03-30T13:00:00Z", {"incident", "report", "INC-1", "notification", "--format", "markdown"}},
      {"11_report_early_warning_json", "2025-03-30T13:00:00Z", {"incident", "report", "INC-1", "early-warning", "--format", "json"}},
      {"12_breach", "2025-03-30T14:00:00Z",
       {"incident", "breach", "INC-1", "--awareness", "2025-03-30T13:30:00Z", "--by", "dpo"}},
      {"13_list_overdue", "2025-04-03T12:00:00Z", {"incident", "list"}},
      {"14_show", "2025-04-03T12:00:00Z", {"incident", "show", "INC-1"}},
      {"15_show_json", "2025-04-03T12:00:00Z", {"incident", "show", "INC-1", "--format", "json"}},
      {"16_close_twice_first", "2025-04-03T12:00:00Z",
       {"incident", "close", "INC-2", "--handled", "2025-03-31T00:00:00Z", "--summary", "false alarm", "--by", "alice"}},
      {"17_close_again", "2025-04-03T12:00:00Z", {"incident", "close", "INC-2", "--by", "alice"}},
      {"18_list_json", "2025-04-03T12:00:00Z", {"incident", "list", "--format", "json"}},
      {"19_export", "2025-04-03T12:00:00Z", {"incident", "export", "INC-1", "--output", "{tmp}/INC-1.json"}},
      {"20_verify_export", "2025-04-03T12:00:00Z", {"audit", "verify", "--export", "{tmp}/INC-1.json"}},
      {"21_audit_verify", "2025-04-03T12:00:00Z", {"audit", "verify"}},
  };
  for (const auto& step : steps) run(step);

  // Somebody edits a decision in the database with the sqlite3 shell.
  if (std::system("command -v sqlite3 >/dev/null 2>&1") == 0) {
    std::string sql = "UPDATE incident_events SET payload = replace(payload, 'Isolate the file server', "
                      "'Keep serving') WHERE incident_id = 'INC-1' AND seq = 3";
    ASSERT_EQ(std::system(("sqlite3 " + quote((tmp_ / "vigil.db").string()) + " " + quote(sql)).c_str()), 0);
    run({"22_audit_verify_tampered", "2025-04-03T12:00:00Z", {"audit", "verify"}});
    run({"23_audit_verify_tampered_json", "2025-04-03T12:00:00Z", {"audit", "verify", "--format", "json"}});
  }
}

}  // namespace
