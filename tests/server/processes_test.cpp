// Whole `vigil serve` processes: the demo seeds a workspace whose printed
// credentials work, and two servers on one PostgreSQL database serve one
// consistent state, with concurrent edits caught by If-Match (issue 6, points
// 1 and 4).
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "server/test_server.h"
#include "store/postgres_scratch.h"

namespace vigil::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using nlohmann::json;

std::string read_all(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Runs vigil with arguments (shell-quoted by the caller); returns stdout and stderr.
std::string vigil(const std::string& args, int* exit_code) {
  std::string command = std::string("'") + VIGIL_BINARY + "' " + args + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  std::string out;
  char buffer[4096];
  for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  int status = pclose(pipe);
  *exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
  return out;
}

// A `vigil serve` child process on a free port; stopped with SIGTERM.
class ServeProcess {
 public:
  ServeProcess(const fs::path& dir, const std::string& name, std::vector<std::string> args)
      : out_(dir / (name + ".out")), err_(dir / (name + ".err")) {
    args.insert(args.begin(), {"vigil", "serve", "--listen", "127.0.0.1:0", "--log-level", "warn"});
    pid_ = fork();
    if (pid_ == 0) {
      int out = ::open(out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      int err = ::open(err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      dup2(out, 1);
      dup2(err, 2);
      std::vector<char*> argv;
      for (std::string& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(VIGIL_BINARY, argv.data());
      _exit(127);
    }
    std::regex serving(R"(serving http://127\.0\.0\.1:(\d+))");
    std::smatch match;
    std::string text;
    for (int i = 0; i < 400; ++i) {
      text = read_all(err_);
      if (std::regex_search(text, match, serving)) {
        port_ = static_cast<std::uint16_t>(std::stoi(match[1]));
        return;
      }
      std::this_thread::sleep_for(25ms);
    }
  }
  ~ServeProcess() {
    if (pid_ > 0 && !stopped_) stop();
  }
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  std::uint16_t port() const { return port_; }
  std::string out() const { return read_all(out_); }
  std::string err() const { return read_all(err_); }

  // SIGTERM; the exit status (-1 when killed by a signal).
  int stop() {
    stopped_ = true;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  fs::path out_, err_;
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
  bool stopped_ = false;
};

std::vector<std::pair<std::string, std::string>> bearer(const std::string& token) {
  return {{"Authorization", "Bearer " + token}};
}

TEST(Demo, SeedsTheExampleOrganisationAndItsPrintedCredentialsWork) {
  auto dir = fresh_directory();
  ServeProcess demo(dir, "demo", {"--demo", "--db", (dir / "demo.db").string()});
  ASSERT_NE(demo.port(), 0) << demo.err();
  const std::string out = demo.out();
  std::smatch password, token;
  ASSERT_TRUE(std::regex_search(out, password, std::regex(R"(password for all: (\S+)\))"))) << out;
  ASSERT_TRUE(std::regex_search(out, token, std::regex(R"(API token of demo-admin \(shown only now\): (\S+))")))
      << out;
  EXPECT_NE(out.find("http://127.0.0.1:" + std::to_string(demo.port())), std::string::npos) << out;
  for (const char* user : {"demo-admin", "demo-manager", "demo-compliance", "demo-responder", "demo-auditor"}) {
    EXPECT_NE(out.find(user), std::string::npos) << user;
  }

  // The token reads the dashboard: two open incidents, one with an early warning sent.
  auto dashboard = fetch(demo.port(), "GET", "/api/v1/orgs/nebulon/dashboard", "", bearer(token[1]));
  ASSERT_EQ(dashboard.status, 200) << dashboard.body;
  auto incidents = fetch(demo.port(), "GET", "/api/v1/orgs/nebulon/incidents", "", bearer(token[1]));
  ASSERT_EQ(incidents.status, 200) << incidents.body;
  auto list = json::parse(incidents.body)["incidents"];
  ASSERT_EQ(list.size(), 2u) << incidents.body;

  // The printed password signs a member of the management body in.
  json login = {{"username", "demo-manager"}, {"password", password[1].str()}};
  auto session = fetch(demo.port(), "POST", "/api/v1/session", login.dump());
  EXPECT_EQ(session.status, 201) << session.body;
  json wrong = {{"username", "demo-manager"}, {"password", "not the demo password"}};
  EXPECT_EQ(fetch(demo.port(), "POST", "/api/v1/session", wrong.dump()).status, 401);
  EXPECT_EQ(demo.stop(), 0) << demo.err();

  // A second start on the same workspace seeds nothing and says so.
  ServeProcess again(dir, "again", {"--demo", "--db", (dir / "demo.db").string()});
  ASSERT_NE(again.port(), 0) << again.err();
  EXPECT_NE(again.out().find("already holds the demo organisation"), std::string::npos) << again.out();
  auto still = fetch(again.port(), "GET", "/api/v1/orgs/nebulon/incidents", "", bearer(token[1]));
  ASSERT_EQ(still.status, 200);
  EXPECT_EQ(json::parse(still.body)["incidents"].size(), 2u);
  EXPECT_EQ(again.stop(), 0);
  fs::remove_all(dir);
}

TEST(TwoServers, OnOnePostgresDatabaseServeOneStateAndCatchConcurrentEdits) {
  auto server = store::test::postgres_server();
  if (!server) GTEST_SKIP() << store::test::kNoPostgres;
  store::test::ScratchSchema schema(*server);
  const std::string db = schema.url();
  auto dir = fresh_directory();
  std::ofstream(dir / "pw") << kPassword << "\n";

  int code = 0;
  std::string out = vigil("org add acme --name 'Acme Energy' --db '" + db + "'", &code);
  ASSERT_EQ(code, 0) << out;
  out = vigil("user add alice --org acme --role responder --db '" + db + "' < '" + (dir / "pw").string() + "'", &code);
  ASSERT_EQ(code, 0) << out;
  out = vigil("token create --user alice --name ci --format json --db '" + db + "'", &code);
  ASSERT_EQ(code, 0) << out;
  const std::string token = json::parse(out)["token"];

  ServeProcess a(dir, "a", {"--db", db});
  ServeProcess b(dir, "b", {"--db", db});
  ASSERT_NE(a.port(), 0) << a.err();
  ASSERT_NE(b.port(), 0) << b.err();

  // Written through A, read through B.
  json incident = {{"title", "Grid telemetry outage"},
                   {"awareness_time", "2026-11-20T08:00:00Z"},
                   {"timezone", "Europe/Vienna"},
                   {"entity_type", "energy.electricity.transmission_system_operator"}};
  auto opened = fetch(a.port(), "POST", "/api/v1/orgs/acme/incidents", incident.dump(), bearer(token));
  ASSERT_EQ(opened.status, 201) << opened.body;
  const std::string id = json::parse(opened.body)["id"];
  auto seen = fetch(b.port(), "GET", "/api/v1/orgs/acme/incidents/" + id, "", bearer(token));
  ASSERT_EQ(seen.status, 200) << seen.body;
  EXPECT_EQ(json::parse(seen.body)["title"], "Grid telemetry outage");
  EXPECT_EQ(seen.header("ETag"), opened.header("ETag"));

  // Numbering is shared: an incident opened through B takes the next number.
  auto second = fetch(b.port(), "POST", "/api/v1/orgs/acme/incidents", incident.dump(), bearer(token));
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_NE(json::parse(second.body)["id"], id);
  auto list = fetch(a.port(), "GET", "/api/v1/orgs/acme/incidents", "", bearer(token));
  EXPECT_EQ(json::parse(list.body)["incidents"].size(), 2u) << list.body;

  // Both servers hold the same ETag; B's edit lands, A's edit on the old version is refused.
  const std::string etag = *seen.header("ETag");
  json decision = {{"decision", "Switch to the backup control centre"}, {"rationale", "Primary telemetry is down"}};
  auto headers = bearer(token);
  headers.emplace_back("If-Match", etag);
  auto first_edit = fetch(b.port(), "POST", "/api/v1/orgs/acme/incidents/" + id + "/decisions", decision.dump(),
                          headers);
  ASSERT_EQ(first_edit.status, 201) << first_edit.body;
  auto stale_edit = fetch(a.port(), "POST", "/api/v1/orgs/acme/incidents/" + id + "/decisions", decision.dump(),
                          headers);
  EXPECT_EQ(stale_edit.status, 412) << stale_edit.body;
  auto after = fetch(a.port(), "GET", "/api/v1/orgs/acme/incidents/" + id, "", bearer(token));
  EXPECT_EQ(json::parse(after.body)["decisions"].size(), 1u) << after.body;
  EXPECT_EQ(after.header("ETag"), first_edit.header("ETag"));

  // The trail verifies through either server.
  auto verified = fetch(b.port(), "GET", "/api/v1/orgs/acme/audit/verify", "", bearer(token));
  ASSERT_EQ(verified.status, 200) << verified.body;
  EXPECT_EQ(json::parse(verified.body)["intact"], true) << verified.body;
  EXPECT_EQ(json::parse(verified.body)["incidents"], 2) << verified.body;

  EXPECT_EQ(a.stop(), 0) << a.err();
  EXPECT_EQ(b.stop(), 0) << b.err();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace vigil::test
