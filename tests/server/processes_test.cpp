// Whole `vigil serve` processes: the demo seeds a workspace whose printed
// credentials work, and two servers on one PostgreSQL database serve one
// consistent state, with concurrent edits caught by If-Match.
#include <fstream>
#include <map>
#include <regex>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "server/test_process.h"
#include "server/test_server.h"
#include "store/postgres_scratch.h"

namespace vigil::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

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
  ASSERT_TRUE(std::regex_search(out, token, std::regex(R"(API token of demo-admin \(shown only now\): (\S+))"))) << out;
  EXPECT_NE(out.find("http://127.0.0.1:" + std::to_string(demo.port())), std::string::npos) << out;
  for (const char* user : {"demo-admin", "demo-manager", "demo-compliance", "demo-responder", "demo-auditor"}) {
    EXPECT_NE(out.find(user), std::string::npos) << user;
  }

  // The token reads the dashboard: two open incidents, one with an early warning sent.
  auto dashboard = fetch(demo.port(), "GET", "/api/v1/orgs/nebulon/dashboard", "", bearer(token[1]));
  ASSERT_EQ(dashboard.status, 200) << dashboard.body;
  // The example's register and two assessments a quarter apart: a score trend to draw.
  auto compliance = json::parse(dashboard.body)["compliance"];
  EXPECT_EQ(compliance["gap_assessments"], 2) << compliance;
  ASSERT_EQ(compliance["score_trend"].size(), 2u) << compliance;
  EXPECT_LT(compliance["score_trend"][0]["overall"].get<double>(),
            compliance["score_trend"][1]["overall"].get<double>());
  EXPECT_EQ(compliance["latest_gap_assessment"]["score"]["overall"], 79.0)
      << compliance;  // as `vigil gap` on examples/
  EXPECT_GT(compliance["documents"]["approved"].get<int>(), 0) << compliance;
  EXPECT_GT(compliance["approvals"].get<int>(), 0) << compliance;
  // An exercise ended six weeks ago: documented versus performed has results to show, rated P, S and M.
  auto exercises = json::parse(dashboard.body)["exercises"];
  EXPECT_EQ(exercises["ended"], 1) << exercises;
  EXPECT_EQ(exercises["under_way"], 0) << exercises;
  std::map<std::string, std::string> ratings;
  for (const auto& row : exercises["requirements"]) {
    if (row["latest"].is_object()) ratings[row["requirement"]] = row["latest"]["rating"];
  }
  EXPECT_EQ(ratings["rm.incident_handling"], "P") << exercises;
  EXPECT_EQ(ratings["rep.early_warning"], "S") << exercises;
  EXPECT_EQ(ratings["rm.crisis_management"], "M") << exercises;
  // The latency trend: the four real incidents (two of them closed), never the exercise's incident.
  ASSERT_EQ(exercises["performance_trend"].size(), 4u) << exercises;
  EXPECT_EQ(exercises["performance_trend"][0]["awareness_to_early_warning_s"], 9 * 3600) << exercises;
  EXPECT_EQ(exercises["performance_trend"][1]["awareness_to_early_warning_s"], 30 * 3600) << exercises;
  auto incidents = fetch(demo.port(), "GET", "/api/v1/orgs/nebulon/incidents", "", bearer(token[1]));
  ASSERT_EQ(incidents.status, 200) << incidents.body;
  auto list = json::parse(incidents.body)["incidents"];
  ASSERT_EQ(list.size(), 2u) << incidents.body;  // the active ones; the closed ones only with ?all=true
  auto all = fetch(demo.port(), "GET", "/api/v1/orgs/nebulon/incidents?all=true", "", bearer(token[1]));
  EXPECT_EQ(json::parse(all.body)["incidents"].size(), 4u) << all.body;

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
  auto first_edit =
      fetch(b.port(), "POST", "/api/v1/orgs/acme/incidents/" + id + "/decisions", decision.dump(), headers);
  ASSERT_EQ(first_edit.status, 201) << first_edit.body;
  auto stale_edit =
      fetch(a.port(), "POST", "/api/v1/orgs/acme/incidents/" + id + "/decisions", decision.dump(), headers);
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

TEST(Demo, RemovesItsTemporaryWorkspaceOnExitUnlessKept) {
  auto dir = fresh_directory();
  for (bool keep : {false, true}) {
    std::vector<std::string> args{"--demo"};
    if (keep) args.push_back("--keep-demo");
    ServeProcess demo(dir, keep ? "kept" : "removed", args);
    ASSERT_NE(demo.port(), 0) << demo.err();
    std::smatch match;
    const std::string err = demo.err();
    ASSERT_TRUE(std::regex_search(err, match, std::regex(R"(database (\S+)/vigil\.db\))"))) << err;
    const std::filesystem::path workspace = match[1].str();
    EXPECT_TRUE(std::filesystem::exists(workspace / "vigil.db"));
    EXPECT_EQ(demo.stop(), 0);
    EXPECT_EQ(std::filesystem::exists(workspace), keep) << workspace;
    std::filesystem::remove_all(workspace);
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace vigil::test
