// The real binary: accounts bootstrapped with `vigil org add`, `user add` and
// `token create` are accepted by a server on the same workspace; `vigil serve`
// answers and exits 0 on SIGTERM; `vigil backup` copies a live workspace.
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
#include "store/sqlite_backup.h"

namespace vigil::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// Runs vigil with arguments (shell-quoted by the caller) and returns stdout.
std::string vigil(const std::string& args, int* exit_code = nullptr) {
  std::string command = std::string("'") + VIGIL_BINARY + "' " + args + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  std::string out;
  char buffer[4096];
  for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  int status = pclose(pipe);
  if (exit_code) *exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
  return out;
}

std::string read_all(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(Cli, BootstrappedAccountsWorkAgainstTheServer) {
  auto dir = fresh_directory();
  auto db = (dir / "vigil.db").string();
  std::ofstream(dir / "pw") << kPassword << "\n";
  int code = 0;
  vigil("org add acme --name 'Acme Energy' --db '" + db + "'", &code);
  ASSERT_EQ(code, 0);
  vigil("user add alice --org acme --role responder --db '" + db + "' < '" + (dir / "pw").string() + "'", &code);
  ASSERT_EQ(code, 0);
  auto token_json = vigil("token create --user alice --name ci --format json --db '" + db + "'", &code);
  ASSERT_EQ(code, 0) << token_json;
  std::string token = nlohmann::json::parse(token_json)["token"];

  server::ServerConfig config;
  config.listen = "127.0.0.1:0";
  config.db = db;
  server::ServerOptions options;
  options.logger = std::make_shared<spdlog::logger>("quiet");
  auto running = server::Server::start(config, options).value();
  auto me = fetch(running->port(), "GET", "/api/v1/orgs/acme", {}, {{"Authorization", "Bearer " + token}});
  EXPECT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(nlohmann::json::parse(me.body)["role"], "responder");
  auto login = fetch(running->port(), "POST", "/api/v1/session",
                     nlohmann::json{{"username", "alice"}, {"password", kPassword}}.dump());
  EXPECT_EQ(login.status, 201);

  // A backup taken while the server runs holds the accounts.
  auto copy = (dir / "copy.db").string();
  vigil("backup '" + copy + "' --db '" + db + "'", &code);
  EXPECT_EQ(code, 0);
  running.reset();
  auto restored = store::open_sqlite_accounts(copy).value();
  EXPECT_TRUE(restored->find_user("alice"));
  EXPECT_TRUE(restored->find_organisation("acme"));
  fs::remove_all(dir);
}

TEST(Cli, ServeAnswersAndStopsCleanlyOnSigterm) {
  auto dir = fresh_directory();
  auto log = dir / "log";
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(fd, 2);
    dup2(fd, 1);
    std::string db = (dir / "vigil.db").string();
    execl(VIGIL_BINARY, "vigil", "serve", "--listen", "127.0.0.1:0", "--db", db.c_str(), "--log-level", "warn",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  std::smatch match;
  std::regex serving(R"(serving http://127\.0\.0\.1:(\d+))");
  std::string text;
  for (int i = 0; i < 200 && !std::regex_search(text, match, serving); ++i) {
    std::this_thread::sleep_for(25ms);
    text = read_all(log);
  }
  ASSERT_TRUE(std::regex_search(text, match, serving)) << text;
  auto port = static_cast<std::uint16_t>(std::stoi(match[1]));
  EXPECT_EQ(fetch(port, "GET", "/healthz").status, 200);
  Client idle(port);  // an idle keep-alive connection must not delay the exit
  EXPECT_EQ(idle.request("GET", "/readyz").status, 200);
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status)) << read_all(log);
  EXPECT_EQ(WEXITSTATUS(status), 0) << read_all(log);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace vigil::test
