// Sealed chain heads over HTTP: a server with --seal-key seals every chain
// its writes touch (one signature per group commit), GET .../audit/verify
// checks each seal against the server's public key and says which chains it
// checked, and the export carries the seal. A rollback done with plain SQL is
// a finding naming the incident.
#include <filesystem>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "server/test_server.h"
#include "store/open_sql.h"
#include "store/seal.h"

namespace vigil::test {
namespace {

using nlohmann::json;

const std::string kBase = "/api/v1/orgs/acme/incidents";

// A key in a directory of its own, made before the server starts.
server::ServerConfig sealed_config(const std::filesystem::path& dir) {
  server::ServerConfig config;
  config.seal_key = (dir / "seal.key").string();
  EXPECT_TRUE(store::Sealer::generate(config.seal_key));
  return config;
}

class SealedServer : public testing::Test {
 protected:
  std::filesystem::path key_dir = fresh_directory();
  TestServer server{sealed_config(key_dir)};
  std::string responder = server.bearer("acme-responder");
  std::string auditor = server.bearer("acme-auditor");

  ~SealedServer() override { std::filesystem::remove_all(key_dir); }

  Reply post(const std::string& path, const json& body) {
    return fetch(server.port(), "POST", path, body.dump(), {{"Authorization", responder}});
  }
  Reply get(const std::string& path) { return fetch(server.port(), "GET", path, "", {{"Authorization", auditor}}); }
  void open_and_decide() {
    auto opened = post(kBase, incident_body("Outage"));
    ASSERT_EQ(opened.status, 201) << opened.body;
    auto decided = post(kBase + "/INC-1/decisions", json{{"decision", "isolate"}, {"rationale", "spread"}});
    ASSERT_EQ(decided.status, 201) << decided.body;
  }
  void tamper(const std::string& statements) {
    auto db = store::open_sql(server.server().services().config.db);
    ASSERT_TRUE(db) << describe(db.error());
    auto done =
        (*db)->run(store::sql::Access::Write, [&](store::sql::Transaction& tx) { return tx.execute(statements); });
    ASSERT_TRUE(done) << describe(done.error());
  }
};

TEST_F(SealedServer, AuditVerifyChecksEverySealAgainstTheServersKey) {
  open_and_decide();
  auto reply = get("/api/v1/orgs/acme/audit/verify");
  ASSERT_EQ(reply.status, 200) << reply.body;
  auto body = json::parse(reply.body);
  EXPECT_EQ(body["intact"], true) << reply.body;
  const auto key_id = server.server().services().sealer->public_key().id();
  EXPECT_EQ(body["seals"]["key_id"], key_id);
  // INC-1, the numbering, the record trail (the seeded accounts' grants),
  // acme's copy of the seal of the workspace's chain of organisations (acme
  // was added with the server's key) and the set of sealed chains.
  EXPECT_EQ(body["seals"]["checked"], 5) << reply.body;
  EXPECT_EQ(body["seals"]["set_covered"], true);
  // The seeded accounts are checked against their trail entries.
  EXPECT_GE(body["records"]["accounts"]["users"].get<int>(), 1) << reply.body;
  EXPECT_EQ(body["seals"]["unsealed"], json::array());
  EXPECT_EQ(body["not_checked"].get<std::string>().find("chain seals"), std::string::npos);

  auto exported = get(kBase + "/INC-1/export");
  ASSERT_EQ(exported.status, 200) << exported.body;
  auto seal = json::parse(exported.body)["seal"];
  EXPECT_EQ(seal["key_id"], key_id);
  EXPECT_EQ(seal["seq"], 2);
  EXPECT_EQ(seal["head"], json::parse(exported.body)["chain_head"]["hash"]);
}

TEST_F(SealedServer, ARolledBackChainIsAFindingNamingTheIncident) {
  open_and_decide();
  tamper(
      "DELETE FROM incident_events WHERE incident_id = 'INC-1' AND seq = 2; "
      "UPDATE incidents SET event_count = 1, head_hash = (SELECT hash FROM incident_events WHERE incident_id = "
      "'INC-1' AND seq = 1) WHERE incident_id = 'INC-1'");
  auto reply = get("/api/v1/orgs/acme/audit/verify");
  ASSERT_EQ(reply.status, 200) << reply.body;
  auto body = json::parse(reply.body);
  EXPECT_EQ(body["intact"], false);
  ASSERT_EQ(body["findings"].size(), 1u) << reply.body;
  EXPECT_EQ(body["findings"][0]["incident"], "INC-1");
  EXPECT_EQ(body["findings"][0]["seq"], nullptr);
  EXPECT_EQ(body["findings"][0]["reason"],
            "seal: sealed head says entry 2, chain ends at entry 1: entries were removed (the chain was rolled back)");
  ASSERT_EQ(body["seals"]["findings"].size(), 1u);
  EXPECT_EQ(body["seals"]["findings"][0]["kind"], "incident");
  EXPECT_EQ(body["seals"]["findings"][0]["chain"], "INC-1");
}

// Every seal of the organisation deleted with plain SQL: no seal disagrees
// with its chain any more, but the server's key says the chains are sealed
// with it, so each chain without a seal is a finding.
TEST_F(SealedServer, EverySealDeletedIsTamperingUnderTheServersKey) {
  open_and_decide();
  tamper("DELETE FROM chain_seals WHERE org_id = 'acme'");
  auto reply = get("/api/v1/orgs/acme/audit/verify");
  ASSERT_EQ(reply.status, 200) << reply.body;
  auto body = json::parse(reply.body);
  EXPECT_EQ(body["intact"], false) << reply.body;
  EXPECT_EQ(body["seals"]["unsealed"].size(), 3u) << reply.body;  // INC-1, the numbering, the record trail
  ASSERT_EQ(body["seals"]["findings"].size(), 4u) << reply.body;
  EXPECT_EQ(body["seals"]["findings"][0]["kind"], "sealed_chains");
  EXPECT_NE(body["seals"]["findings"][0]["reason"].get<std::string>().find("no seals at all"), std::string::npos);
  for (std::size_t i = 1; i < 4; ++i) {
    EXPECT_EQ(body["seals"]["findings"][i]["reason"].get<std::string>().rfind("not sealed, though a public key", 0), 0u)
        << reply.body;
  }
}

// Without a key the server seals nothing and vouches for no seal.
TEST(UnsealedServer, SaysTheChainsAreNotSealed) {
  TestServer server;
  auto responder = server.bearer("acme-responder");
  auto opened = fetch(server.port(), "POST", kBase, incident_body("Outage").dump(), {{"Authorization", responder}});
  ASSERT_EQ(opened.status, 201);
  auto reply = fetch(server.port(), "GET", "/api/v1/orgs/acme/audit/verify", "",
                     {{"Authorization", server.bearer("acme-auditor")}});
  auto body = json::parse(reply.body);
  EXPECT_EQ(body["seals"]["key_id"], nullptr);
  EXPECT_EQ(body["seals"]["checked"], 0);
  EXPECT_EQ(body["seals"]["unsealed"].size(), 3u) << reply.body;
  EXPECT_NE(body["not_checked"].get<std::string>().find("chain seals"), std::string::npos);
  auto exported = fetch(server.port(), "GET", kBase + "/INC-1/export", "", {{"Authorization", responder}});
  EXPECT_EQ(json::parse(exported.body)["seal"], nullptr);
}

}  // namespace
}  // namespace vigil::test
