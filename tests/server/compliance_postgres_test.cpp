// The compliance records through two servers sharing one PostgreSQL database:
// what one writes the other reads, assessment and approval
// numbers are shared, and a register edit made through one server on a stale
// ETag is refused by the other. Skipped without scripts/with-postgres.sh.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "catalog/catalog.h"
#include "core/sha256.h"
#include "server/soa_support.h"
#include "server/test_server.h"
#include "store/postgres_scratch.h"

namespace vigil::test {
namespace {

using nlohmann::json;
using Headers = std::vector<std::pair<std::string, std::string>>;

std::unique_ptr<server::Server> start_on(const std::string& url) {
  server::ServerConfig config;
  config.listen = "127.0.0.1:0";
  config.db = url;
  config.io_threads = 1;
  config.workers = 2;
  config.log_level = "off";
  server::ServerOptions options;
  options.clock = [] { return test_now(); };
  options.hash_cost = server::HashCost::Interactive;
  options.logger = server::json_logger("off");
  auto started = server::Server::start(config, options);
  EXPECT_TRUE(started) << describe(started.error());
  return started ? std::move(*started) : nullptr;
}

std::string token_for(server::Server& s, const std::string& username, store::Role role) {
  auto& accounts = *s.services().accounts;
  auto hash = server::hash_password(kPassword, server::HashCost::Interactive).value();
  auto user = accounts.add_user(username, hash, test_now()).value();
  EXPECT_TRUE(accounts.grant(user.id, "acme", role, store::AccountChange{"test", test_now()}));
  std::string token = server::random_token();
  accounts.add_token(server::sha256_hex(token), user.id, "test", store::AccountChange{"test", test_now()}).value();
  return "Bearer " + token;
}

TEST(ComplianceOnPostgres, TwoServersShareOneRegisterAndOneHistory) {
  auto url = store::test::postgres_server();
  if (!url) GTEST_SKIP() << store::test::kNoPostgres;
  store::test::ScratchSchema schema(*url);
  auto a = start_on(schema.url());
  auto b = start_on(schema.url());
  ASSERT_TRUE(a && b);
  ASSERT_TRUE(a->services().accounts->add_organisation("acme", "Acme Energy", {"root (command line)", {}}));
  const std::string compliance = token_for(*a, "carol", store::Role::Compliance);
  const std::string manager = token_for(*a, "margaret", store::Role::Manager);
  auto call = [](server::Server& s, const std::string& method, const std::string& path, const std::string& token,
                 const std::string& body = {}, Headers extra = {}) {
    extra.emplace_back("Authorization", token);
    return fetch(s.port(), method, "/api/v1/orgs/acme" + path, body, extra);
  };

  // Assessments written through both servers share one numbering and one history.
  ASSERT_EQ(call(*a, "POST", "/gap-assessments", compliance, json{{"soa", soa_all("planned")}}.dump()).status, 201);
  auto second = call(*b, "POST", "/gap-assessments", compliance, json{{"soa", soa_all("implemented")}}.dump());
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_EQ(json::parse(second.body)["id"], 2);
  auto history = json::parse(call(*a, "GET", "/gap-assessments", manager).body)["assessments"];
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0]["id"], 2);
  EXPECT_EQ(call(*a, "GET", "/gap-assessments/2/report.html", manager).status, 200);

  // A register row created through A, edited through B; A's stale edit is refused.
  const std::string path = "/documents/Incident%20response%20plan";
  auto created = call(*a, "PUT", path, compliance, json{{"status", "draft"}, {"version", "1"}}.dump());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string etag = created.header("ETag").value_or("");
  auto edit = json{{"status", "draft"}, {"version", "2"}}.dump();
  EXPECT_EQ(call(*b, "PUT", path, compliance, edit, {{"If-Match", etag}}).status, 200);
  EXPECT_EQ(call(*a, "PUT", path, compliance, edit, {{"If-Match", etag}}).status, 412);

  // Content uploaded through A is what the manager approves through B.
  const std::string text = "Incident response plan v2";
  ASSERT_EQ(call(*a, "POST", path + "/content?version=2", compliance, text).status, 201);
  json approval = {{"subject_kind", "document"},
                   {"subject_name", "Incident response plan"},
                   {"version", "2"},
                   {"sha256", std::string(64, '0')}};
  EXPECT_EQ(call(*b, "POST", "/approvals", manager, approval.dump()).status, 409);
  approval["sha256"] = sha256_hex(text);
  ASSERT_EQ(call(*b, "POST", "/approvals", manager, approval.dump()).status, 201);
  auto row = json::parse(call(*a, "GET", path, manager).body);
  EXPECT_EQ(row["status"], "approved");
  EXPECT_EQ(row["approved_by"], "margaret");
  EXPECT_EQ(call(*a, "GET", path + "/content", manager).body, text);
  auto block = json::parse(call(*a, "GET", "/dashboard", manager).body)["compliance"];
  EXPECT_EQ(block["approvals"], 1);
  EXPECT_EQ(block["documents"]["approved"], 1);
  EXPECT_EQ(block["score_trend"].size(), 2u);
}

}  // namespace
}  // namespace vigil::test
