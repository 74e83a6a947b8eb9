// The upload limits are the documented ones: the limit the
// served OpenAPI document gives each upload (x-vigil-max-body-bytes), the one
// docs/SECURITY.md states and what the server does agree: a body one byte
// under the limit and one at it are accepted, one byte over is a 413 whose
// detail names the limit.
#include <fstream>
#include <regex>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "server/test_server.h"

namespace vigil::test {
namespace {

using nlohmann::json;

constexpr char kEvidence[] = "/api/v1/orgs/{org}/incidents/{id}/evidence";
constexpr char kContent[] = "/api/v1/orgs/{org}/documents/{name}/content";

std::uint64_t served_limit(TestServer& server, const std::string& pattern) {
  auto reply = fetch(server.port(), "GET", "/api/v1/openapi.json");
  EXPECT_EQ(reply.status, 200);
  const json op = json::parse(reply.body)["paths"][pattern]["post"];
  EXPECT_TRUE(op.contains("x-vigil-max-body-bytes")) << pattern;
  return op.value("x-vigil-max-body-bytes", std::uint64_t{0});
}

// "| Evidence uploads | `max_evidence_bytes`, 25 MiB ..." -> 25 MiB in bytes.
std::uint64_t documented_limit(const std::string& row) {
  std::ifstream in(std::string(VIGIL_SOURCE_DIR) + "/docs/SECURITY.md");
  std::stringstream text;
  text << in.rdbuf();
  std::smatch m;
  const std::string all = text.str();
  const std::regex line("\\| " + row + " \\|[^|\\n]*?(\\d+) (KiB|MiB)");
  if (!std::regex_search(all, m, line)) {
    ADD_FAILURE() << "docs/SECURITY.md has no limit row '" << row << "'";
    return 0;
  }
  return std::stoull(m[1]) * (m[2] == "MiB" ? 1024 * 1024 : 1024);
}

TEST(BodyLimits, TheDefaultsInOpenApiAreTheDocumentedOnes) {
  TestServer server;
  EXPECT_EQ(served_limit(server, kEvidence), documented_limit("Evidence uploads"));
  EXPECT_EQ(served_limit(server, kEvidence), 25u * 1024 * 1024);
  EXPECT_EQ(served_limit(server, kContent), documented_limit("Document content uploads"));
  auto reply = fetch(server.port(), "GET", "/api/v1/openapi.json");
  const json session = json::parse(reply.body)["paths"]["/api/v1/session"]["post"];
  EXPECT_EQ(session["x-vigil-max-body-bytes"], 16 * 1024);
  const json incidents = json::parse(reply.body)["paths"]["/api/v1/orgs/{org}/incidents"]["post"];
  EXPECT_EQ(incidents["x-vigil-max-body-bytes"].get<std::uint64_t>(), documented_limit("JSON bodies"));
}

class LimitAt : public testing::Test {
 protected:
  // A configured evidence limit (--max-evidence-bytes) small enough to send.
  static server::ServerConfig config() {
    server::ServerConfig c;
    c.max_evidence_bytes = 300 * 1024;
    return c;
  }
  TestServer server{config()};
  std::string token = server.bearer("acme-compliance");
  std::string responder = server.bearer("acme-responder");

  Reply post(const std::string& target, std::size_t size, const std::string& auth) {
    Client client(server.port());
    std::string head = "POST " + target + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + auth +
                       "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + std::to_string(size) +
                       "\r\n\r\n";
    if (!client.send(head) || !client.send(std::string(size, 'x'))) return Reply{};
    return client.read_reply(std::chrono::milliseconds(20000));
  }
};

TEST_F(LimitAt, EvidenceOneByteUnderAndAtTheConfiguredLimitIsStoredOneOverIs413NamingIt) {
  const std::uint64_t limit = served_limit(server, kEvidence);
  ASSERT_EQ(limit, 300u * 1024);
  auto opened = fetch(server.port(), "POST", "/api/v1/orgs/acme/incidents",
                      R"({"title":"t","awareness_time":"2026-03-01T10:00:00Z","timezone":"UTC",)"
                      R"("entity_type":"digital_infrastructure.cloud_computing_service_provider"})",
                      {{"Authorization", responder}});
  ASSERT_EQ(opened.status, 201) << opened.body;
  const std::string id = json::parse(opened.body)["id"];
  const std::string target = "/api/v1/orgs/acme/incidents/" + id + "/evidence?description=limit&file_name=a.bin";
  EXPECT_EQ(post(target, limit - 1, responder).status, 201);
  auto at = post(target + "2", limit, responder);
  EXPECT_EQ(at.status, 201) << at.body;
  auto over = post(target + "3", limit + 1, responder);
  EXPECT_EQ(over.status, 413) << over.body;
  EXPECT_NE(over.body.find("at most " + std::to_string(limit) + " bytes"), std::string::npos) << over.body;
}

TEST_F(LimitAt, DocumentContentOneByteUnderAndAtTheLimitIsStoredOneOverIs413NamingIt) {
  const std::uint64_t limit = served_limit(server, kContent);
  ASSERT_EQ(limit, 10u * 1024 * 1024);
  EXPECT_EQ(post("/api/v1/orgs/acme/documents/Policy/content?version=1", limit - 1, token).status, 201);
  auto at = post("/api/v1/orgs/acme/documents/Policy/content?version=2", limit, token);
  EXPECT_EQ(at.status, 201) << at.body;
  auto over = post("/api/v1/orgs/acme/documents/Policy/content?version=3", limit + 1, token);
  EXPECT_EQ(over.status, 413) << over.body;
  EXPECT_NE(over.body.find("at most " + std::to_string(limit) + " bytes"), std::string::npos) << over.body;
}

}  // namespace
}  // namespace vigil::test
