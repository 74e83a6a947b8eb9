// The real binary: accounts bootstrapped with `vigil org add`, `user add` and
// `token create` are accepted by a server on the same workspace; `vigil serve`
// answers and exits 0 on SIGTERM; `vigil backup` copies a live workspace.
#include <fstream>
#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "server/test_process.h"
#include "server/test_server.h"
#include "store/sqlite_backup.h"

namespace vigil::test {
namespace {

namespace fs = std::filesystem;

// `vigil org add acme`, `user add <user> --role <role>` and `token create` on
// the workspace <dir>/vigil.db; returns the token.
std::string bootstrap_token(const fs::path& dir, const std::string& user, const std::string& role) {
  const auto db = (dir / "vigil.db").string();
  std::ofstream(dir / "pw") << kPassword << "\n";
  int code = 0;
  vigil("org add acme --name 'Acme Energy' --db '" + db + "'", &code);
  EXPECT_EQ(code, 0);
  vigil("user add " + user + " --org acme --role " + role + " --db '" + db + "' < '" + (dir / "pw").string() + "'",
        &code);
  EXPECT_EQ(code, 0);
  auto token_json = vigil("token create --user " + user + " --name ci --format json --db '" + db + "'", &code);
  EXPECT_EQ(code, 0) << token_json;
  if (code != 0) return "";
  return nlohmann::json::parse(token_json)["token"];
}

// A server on an ephemeral port over the workspace `db`.
std::unique_ptr<server::Server> serve(const std::string& db) {
  server::ServerConfig config;
  config.listen = "127.0.0.1:0";
  config.db = db;
  server::ServerOptions options;
  options.logger = quiet_logger();
  return server::Server::start(config, options).value();
}

TEST(Cli, BootstrappedAccountsWorkAgainstTheServer) {
  auto dir = fresh_directory();
  auto db = (dir / "vigil.db").string();
  const std::string token = bootstrap_token(dir, "alice", "responder");
  ASSERT_FALSE(token.empty());
  auto running = serve(db);
  auto me = fetch(running->port(), "GET", "/api/v1/orgs/acme", {}, {{"Authorization", "Bearer " + token}});
  EXPECT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(nlohmann::json::parse(me.body)["role"], "responder");
  auto login = fetch(running->port(), "POST", "/api/v1/session",
                     nlohmann::json{{"username", "alice"}, {"password", kPassword}}.dump());
  EXPECT_EQ(login.status, 201);

  // A backup taken while the server runs holds the accounts.
  auto copy = (dir / "copy.db").string();
  int code = 0;
  vigil("backup '" + copy + "' --db '" + db + "'", &code);
  EXPECT_EQ(code, 0);
  running.reset();
  auto restored = store::open_accounts(copy).value();
  EXPECT_TRUE(restored->find_user("alice"));
  EXPECT_TRUE(restored->find_organisation("acme"));
  fs::remove_all(dir);
}

// A gap assessment stored through the API exports as OSCAL from the workspace.
TEST(Cli, AStoredAssessmentExportsAsOscal) {
  auto dir = fresh_directory();
  auto db = (dir / "vigil.db").string();
  const std::string token = bootstrap_token(dir, "carol", "compliance");
  ASSERT_FALSE(token.empty());
  int code = 0;
  {
    auto running = serve(db);
    nlohmann::json body{
        {"as_of", "2026-03-01"},
        {"soa",
         nlohmann::json::array({{{"control", "A.8.24"}, {"applicable", "yes"}, {"status", "partially_implemented"}}})}};
    auto stored = fetch(running->port(), "POST", "/api/v1/orgs/acme/gap-assessments", body.dump(),
                        {{"Authorization", "Bearer " + token}});
    ASSERT_EQ(stored.status, 201) << stored.body;
  }
  auto exported = vigil("export oscal assessment-results --assessment 1 --org acme --db '" + db + "'", &code);
  ASSERT_EQ(code, 0) << exported;
  auto document = nlohmann::json::parse(exported);
  ASSERT_TRUE(document.contains("assessment-results")) << exported.substr(0, 400);
  EXPECT_NE(exported.find("2026-03-01"), std::string::npos);
  auto poam = vigil("export oscal poam --assessment 1 --org acme --db '" + db + "'", &code);
  ASSERT_EQ(code, 0) << poam;
  EXPECT_TRUE(nlohmann::json::parse(poam).contains("plan-of-action-and-milestones"));
  vigil("export oscal poam --assessment 2 --org acme --db '" + db + "' 2>/dev/null", &code);
  EXPECT_EQ(code, 3);  // no such assessment
  vigil("export oscal poam --db '" + db + "' 2>/dev/null", &code);
  EXPECT_EQ(code, 2);  // neither --soa nor --assessment
  fs::remove_all(dir);
}

TEST(Cli, ServeAnswersAndStopsCleanlyOnSigterm) {
  auto dir = fresh_directory();
  ServeProcess serve(dir, "serve", {"--db", (dir / "vigil.db").string()});
  ASSERT_NE(serve.port(), 0) << serve.err();
  EXPECT_EQ(fetch(serve.port(), "GET", "/healthz").status, 200);
  Client idle(serve.port());  // an idle keep-alive connection must not delay the exit
  EXPECT_EQ(idle.request("GET", "/readyz").status, 200);
  EXPECT_EQ(serve.stop(), 0) << serve.err();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace vigil::test
