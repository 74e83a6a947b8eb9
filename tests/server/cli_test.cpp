// The real binary: accounts bootstrapped with `vigil org add`, `user add` and
// `token create` are accepted by a server on the same workspace; `vigil serve`
// answers and exits 0 on SIGTERM; `vigil backup` copies a live workspace.
#include <fstream>
#include <memory>
#include <optional>
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

// A server on an ephemeral port over the workspace `db` (its clock fixed at `now`, when given).
std::unique_ptr<server::Server> serve(const std::string& db, std::optional<Instant> now = std::nullopt) {
  server::ServerConfig config;
  config.listen = "127.0.0.1:0";
  config.db = db;
  server::ServerOptions options;
  options.logger = quiet_logger();
  if (now) options.clock = [at = *now] { return at; };
  return server::Server::start(config, options).value();
}

// A fresh workspace directory per test, <dir>/vigil.db, removed afterwards.
class Cli : public testing::Test {
 protected:
  void TearDown() override { fs::remove_all(dir); }
  const fs::path dir = fresh_directory();
  const std::string db = (dir / "vigil.db").string();
};

TEST_F(Cli, BootstrappedAccountsWorkAgainstTheServer) {
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
}

// C.9: every account command names the workspace it used in its JSON output.
TEST_F(Cli, AccountCommandsNameTheirWorkspaceInJson) {
  std::ofstream(dir / "pw") << kPassword << "\n";
  // The command's JSON answer; it exits 0 and names the workspace.
  auto answer = [&](const std::string& command, const std::string& input = "") {
    int code = -1;
    std::string line = command + " --format json --db '" + db + "'";
    if (!input.empty()) line += " < '" + input + "'";
    auto out = nlohmann::json::parse(vigil(line, &code));
    EXPECT_EQ(code, 0) << command;
    EXPECT_EQ(out["workspace"], db) << command;
    return out;
  };
  answer("org add acme");
  answer("user add dora --org acme --role auditor", (dir / "pw").string());
  answer("token create --user dora --name ci");
  auto users = answer("user list --org acme");
  EXPECT_EQ(users["org"], "acme");
  ASSERT_EQ(users["users"].size(), 1u);
  EXPECT_EQ(users["users"][0]["username"], "dora");
  auto tokens = answer("token list --user dora");
  EXPECT_EQ(tokens["user"], "dora");
  ASSERT_EQ(tokens["tokens"].size(), 1u);
  EXPECT_EQ(tokens["tokens"][0]["name"], "ci");
}

// A gap assessment stored through the API exports as OSCAL from the workspace.
TEST_F(Cli, AStoredAssessmentExportsAsOscal) {
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
}

// `vigil gap --record` stores what POST .../gap-assessments stores: the same
// report (but for where the SoA came from), scores, author and time, on the
// organisation's trail; -f json prints the route's answer.
TEST_F(Cli, GapRecordStoresWhatThePostRouteStores) {
  const std::string token = bootstrap_token(dir, "carol", "compliance");
  ASSERT_FALSE(token.empty());
  const Instant at = parse_rfc3339("2026-03-02T10:00:00Z", "test").value();
  const nlohmann::json soa = nlohmann::json::array(
      {{{"control", "A.8.24"}, {"applicable", "yes"}, {"status", "partially_implemented"}},
       {{"control", "A.5.24"}, {"applicable", "yes"}, {"status", "implemented"}, {"owner", "CISO"}}});
  const nlohmann::json documents =
      nlohmann::json::array({{{"document", "Incident response plan"}, {"status", "draft"}}});
  nlohmann::json api;
  {
    auto running = serve(db, at);
    auto posted = fetch(running->port(), "POST", "/api/v1/orgs/acme/gap-assessments",
                        nlohmann::json{{"as_of", "2026-03-01"}, {"soa", soa}, {"documents", documents}}.dump(),
                        {{"Authorization", "Bearer " + token}});
    ASSERT_EQ(posted.status, 201) << posted.body;
    api = nlohmann::json::parse(posted.body);
  }
  std::ofstream(dir / "soa.json") << soa.dump();
  std::ofstream(dir / "documents.json") << documents.dump();
  int code = 0;
  const std::string out = (dir / "recorded.json").string();
  auto said =
      vigil("gap --soa '" + (dir / "soa.json").string() + "' --documents '" + (dir / "documents.json").string() +
                "' --as-of 2026-03-01 --record --by carol --org acme --db '" + db + "' -f json -o '" + out + "'",
            &code, "VIGIL_NOW=2026-03-02T10:00:00Z");
  ASSERT_EQ(code, 0) << said;
  EXPECT_EQ(said, "vigil: recorded as gap assessment 2 of organisation acme (as of 2026-03-01, by carol)\n");
  nlohmann::json cli = nlohmann::json::parse(read_all(out));
  EXPECT_EQ(api["id"], 1);
  EXPECT_EQ(cli["id"], 2);
  const nlohmann::json recorded = cli["report"];
  // Where each input came from differs (a file, the request body); the rest is one use case.
  ASSERT_EQ(cli["report"]["unmatched_documents"].size(), 1u);
  EXPECT_EQ(cli["report"]["unmatched_documents"][0]["name"], api["report"]["unmatched_documents"][0]["name"]);
  EXPECT_NE(cli["report"]["unmatched_documents"][0]["where"].get<std::string>().find("documents.json"),
            std::string::npos);
  cli["id"] = api["id"];
  // The command names its workspace (C.9); the route's answer has no need to.
  EXPECT_EQ(cli["workspace"], db);
  cli.erase("workspace");
  EXPECT_EQ(cli["report"]["inputs"]["soa"], (dir / "soa.json").string());
  for (auto* side : {&cli, &api}) {
    (*side)["report"].erase("unmatched_documents");
    (*side)["report"]["inputs"].erase("soa");
  }
  EXPECT_EQ(nlohmann::json::diff(api, cli),
            nlohmann::json::array());  // same report, scores, author and time: one use case

  auto running = serve(db, at);
  const std::vector<std::pair<std::string, std::string>> auth{{"Authorization", "Bearer " + token}};
  auto stored = fetch(running->port(), "GET", "/api/v1/orgs/acme/gap-assessments/2", {}, auth);
  ASSERT_EQ(stored.status, 200) << stored.body;
  EXPECT_EQ(nlohmann::json::parse(stored.body), recorded);
  auto trail = fetch(running->port(), "GET", "/api/v1/orgs/acme/audit/events?subject=assessment:2", {}, auth);
  ASSERT_EQ(trail.status, 200) << trail.body;
  const auto entries = nlohmann::json::parse(trail.body)["events"];
  ASSERT_EQ(entries.size(), 1u) << trail.body;
  EXPECT_EQ(entries[0]["actor"], "carol");
  running.reset();

  // Without --documents the organisation's stored register is assessed, as by the route;
  // -v names the workspace and organisation, as every command using one does.
  said = vigil("gap --soa '" + (dir / "soa.json").string() + "' --record --by carol --db '" + db +
                   "' --org acme -v -f json -o '" + out + "'",
               &code, "VIGIL_NOW=2026-03-02T10:00:00Z");
  ASSERT_EQ(code, 0) << said;
  EXPECT_NE(said.find("vigil: workspace " + db + ", organisation acme\n"), std::string::npos) << said;
  EXPECT_EQ(nlohmann::json::parse(read_all(out))["id"], 3);

  // VIGIL_DB and VIGIL_ORG stand for --db and --org, as for every command:
  // the assessment lands in that workspace (not in ./vigil.db).
  said = vigil("gap --soa '" + (dir / "soa.json").string() + "' --record --by carol -v -f json -o '" + out + "'", &code,
               "VIGIL_NOW=2026-03-02T11:00:00Z VIGIL_DB='" + db + "' VIGIL_ORG=acme");
  ASSERT_EQ(code, 0) << said;
  EXPECT_NE(said.find("vigil: workspace " + db + ", organisation acme\n"), std::string::npos) << said;
  EXPECT_EQ(nlohmann::json::parse(read_all(out))["id"], 4);
}

// What a command prints must reach its reader: standard output on a full
// device is an I/O error (exit 5) with a message, not a silent success.
TEST(CliStandardOutput, AFullDeviceIsAnError) {
  if (!fs::is_character_file("/dev/full")) GTEST_SKIP() << "no /dev/full";
  const std::string command = std::string("'") + VIGIL_BINARY + "' catalog articles 2>&1 >/dev/full";
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string said;
  char buffer[512];
  for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) said.append(buffer, n);
  const int status = pclose(pipe);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 5) << said;
  EXPECT_NE(said.find("vigil: standard output: write failed"), std::string::npos) << said;
}

// `vigil dashboard -f json` is the API's dashboard of the same organisation at
// the same instant; the text names the same counts. It never creates a workspace.
TEST_F(Cli, DashboardIsTheApiDashboard) {
  const std::string token = bootstrap_token(dir, "alice", "responder");
  ASSERT_FALSE(token.empty());
  const std::string now = "VIGIL_NOW=2025-03-30T12:00:00Z";
  int code = 0;
  // `command` by alice in acme of the workspace, at `now`: true when it succeeds.
  const auto by_alice = [&](const std::string& command) {
    auto said = vigil(command + " --by alice --org acme --db '" + db + "'", &code, now);
    EXPECT_EQ(code, 0) << command << ": " << said;
    return code == 0;
  };
  const std::string cloud = "--entity-type digital_infrastructure.cloud_computing_service_provider";
  ASSERT_TRUE(
      by_alice("incident open --title Outage --awareness 2025-03-29T09:15:00Z --timezone Europe/Berlin " + cloud));
  // INC-2's early warning was due 2025-03-29T09:00:00Z and went 1 h 45 min late.
  ASSERT_TRUE(by_alice("incident open --title Leak --awareness 2025-03-28T09:00:00Z --timezone UTC " + cloud));
  ASSERT_TRUE(by_alice("incident submit INC-2 early-warning --to csirt --time 2025-03-29T10:45:00Z"));
  // The rules cannot tell INC-1's significance from the entity type alone.
  std::ofstream(dir / "facts.json") << R"({"entity_type": "digital_infrastructure.cloud_computing_service_provider"})";
  ASSERT_TRUE(by_alice("incident assess INC-1 --input '" + (dir / "facts.json").string() + "'"));
  std::ofstream(dir / "soa.json")
      << R"([{"control": "A.5.24", "applicable": "yes", "status": "implemented", "owner": "CISO"}])";
  ASSERT_TRUE(
      by_alice("gap --soa '" + (dir / "soa.json").string() + "' --record -o '" + (dir / "report.txt").string() + "'"));

  auto json_text = vigil("dashboard -f json --org acme --db '" + db + "'", &code, now);
  ASSERT_EQ(code, 0) << json_text;
  const auto cli = nlohmann::json::parse(json_text);
  {
    auto running = serve(db, parse_rfc3339("2025-03-30T12:00:00Z", "test").value());
    auto api = fetch(running->port(), "GET", "/api/v1/orgs/acme/dashboard", {}, {{"Authorization", "Bearer " + token}});
    ASSERT_EQ(api.status, 200) << api.body;
    EXPECT_EQ(cli, nlohmann::json::parse(api.body));
  }
  EXPECT_EQ(cli["open_incidents"], 2);
  EXPECT_EQ(cli["overdue_reports"], 1);  // INC-1's early warning was due 24 h after awareness
  EXPECT_EQ(cli["compliance"]["gap_assessments"], 1);

  auto text = vigil("dashboard --org acme --db '" + db + "'", &code, now);
  ASSERT_EQ(code, 0) << text;
  EXPECT_NE(text.find("Dashboard of acme (Acme Energy), as of 2025-03-30T12:00:00Z"), std::string::npos) << text;
  EXPECT_NE(text.find("Incidents: 2 open, 2 active, 1 overdue report, "), std::string::npos) << text;
  EXPECT_NE(text.find("OVERDUE"), std::string::npos) << text;
  // The columns of `incident list`: significance (and any override) and lateness.
  EXPECT_NE(text.find("Significant"), std::string::npos) << text;
  EXPECT_NE(text.find("undetermined"), std::string::npos) << text;
  EXPECT_NE(text.find("early-warning late by 1 h 45 min"), std::string::npos) << text;
  EXPECT_NE(text.find("Latest gap assessment: 1 as of 2025-03-30"), std::string::npos) << text;

  const auto missing = dir / "none.db";
  auto refused = vigil("dashboard --db '" + missing.string() + "'", &code, now);
  EXPECT_EQ(code, 3) << refused;
  EXPECT_NE(refused.find("no Vigil workspace at"), std::string::npos) << refused;
  EXPECT_FALSE(fs::exists(missing));
}

TEST_F(Cli, ServeAnswersAndStopsCleanlyOnSigterm) {
  ServeProcess serve(dir, "serve", {"--db", db});
  ASSERT_NE(serve.port(), 0) << serve.err();
  EXPECT_EQ(fetch(serve.port(), "GET", "/healthz").status, 200);
  Client idle(serve.port());  // an idle keep-alive connection must not delay the exit
  EXPECT_EQ(idle.request("GET", "/readyz").status, 200);
  EXPECT_EQ(serve.stop(), 0) << serve.err();
}

}  // namespace
}  // namespace vigil::test
