// The real binary: accounts bootstrapped with `vigil org add`, `user add` and
// `token create` are accepted by a server on the same workspace; `vigil serve`
// answers and exits 0 on SIGTERM; `vigil backup` copies a live workspace.
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "server/test_process.h"
#include "server/test_server.h"
#include "store/sqlite_backup.h"

namespace vigil::test {
namespace {

namespace fs = std::filesystem;

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
  auto restored = store::open_accounts(copy).value();
  EXPECT_TRUE(restored->find_user("alice"));
  EXPECT_TRUE(restored->find_organisation("acme"));
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
