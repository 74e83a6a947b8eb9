// The request pipeline through a real socket: security headers, request ids,
// problem documents, health, metrics and the OpenAPI document.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "server/test_server.h"

namespace vigil::test {
namespace {

using nlohmann::json;

TEST(Api, HealthzAnswersWithSecurityHeaders) {
  TestServer server;
  auto reply = fetch(server.port(), "GET", "/healthz");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(json::parse(reply.body)["status"], "ok");
  EXPECT_NE(reply.header("Content-Security-Policy").value_or("").find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(reply.header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(reply.header("X-Frame-Options"), "DENY");
  EXPECT_EQ(reply.header("Referrer-Policy"), "no-referrer");
  EXPECT_EQ(reply.header("Cache-Control"), "no-store");
  EXPECT_EQ(reply.header("X-Request-Id").value_or("").size(), 16u);
}

TEST(Api, ReadyzChecksTheDatabase) {
  TestServer server;
  EXPECT_EQ(fetch(server.port(), "GET", "/readyz").status, 200);
}

TEST(Api, KeepsAPlainCallerRequestIdAndReplacesAHostileOne) {
  TestServer server;
  EXPECT_EQ(fetch(server.port(), "GET", "/healthz", {}, {{"X-Request-Id", "abc-123"}}).header("X-Request-Id"),
            "abc-123");
  auto replaced = fetch(server.port(), "GET", "/healthz", {}, {{"X-Request-Id", "a\"b"}}).header("X-Request-Id");
  EXPECT_NE(replaced, "a\"b");
}

TEST(Api, UnknownPathIsA404ProblemDocument) {
  TestServer server;
  auto reply = fetch(server.port(), "GET", "/api/v1/nothing");
  EXPECT_EQ(reply.status, 404);
  EXPECT_EQ(reply.header("Content-Type"), "application/problem+json");
  auto body = json::parse(reply.body);
  EXPECT_EQ(body["status"], 404);
  EXPECT_EQ(body["title"], "Not Found");
  EXPECT_EQ(body["request_id"], reply.header("X-Request-Id").value());
}

TEST(Api, WrongMethodIs405WithAllow) {
  TestServer server;
  auto reply = fetch(server.port(), "PUT", "/healthz", "{}");
  EXPECT_EQ(reply.status, 405);
  EXPECT_EQ(reply.header("Allow"), "GET");
}

TEST(Api, OversizeBodyIs413Problem) {
  server::ServerConfig config;
  config.max_body_bytes = 2048;
  TestServer server(config);
  auto reply = fetch(server.port(), "POST", "/api/v1/session", std::string(20000, ' '));
  EXPECT_EQ(reply.status, 413);
  EXPECT_EQ(reply.header("Content-Type"), "application/problem+json");
  EXPECT_EQ(reply.header("X-Content-Type-Options"), "nosniff");
}

TEST(Api, OversizeHeadersAre431Problem) {
  server::ServerConfig config;
  config.max_header_bytes = 2048;
  TestServer server(config);
  auto reply = fetch(server.port(), "GET", "/healthz", {}, {{"X-Big", std::string(3000, 'x')}});
  EXPECT_EQ(reply.status, 431);
  EXPECT_EQ(reply.header("Content-Type"), "application/problem+json");
}

TEST(Api, BadJsonIs400ProblemNamingTheField) {
  TestServer server;
  auto reply = fetch(server.port(), "POST", "/api/v1/session", R"({"username":"x","pasword":"y"})");
  EXPECT_EQ(reply.status, 400);
  auto body = json::parse(reply.body);
  std::string all = body.dump();
  EXPECT_NE(all.find("password"), std::string::npos) << all;  // required field missing
  EXPECT_NE(all.find("pasword"), std::string::npos) << all;   // unknown field
  EXPECT_GE(body["errors"].size(), 2u);
}

TEST(Api, MetricsCountRequestsByRoutePatternAndStatus) {
  server::ServerConfig config;
  config.metrics_token = "metrics-token-0123456789";
  TestServer server(config);
  fetch(server.port(), "GET", "/healthz");
  fetch(server.port(), "GET", "/api/v1/orgs/acme");  // 401, counted under its pattern
  auto reply = fetch(server.port(), "GET", "/metrics", {}, {{"Authorization", "Bearer " + config.metrics_token}});
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.header("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_NE(reply.body.find(R"(vigil_http_requests_total{method="GET",route="/healthz",status="200"} 1)"),
            std::string::npos)
      << reply.body;
  EXPECT_NE(reply.body.find(R"(vigil_http_requests_total{method="GET",route="/api/v1/orgs/{org}",status="401"} 1)"),
            std::string::npos)
      << reply.body;
  EXPECT_NE(reply.body.find(R"(vigil_http_request_duration_seconds_count{route="/healthz"} 1)"), std::string::npos);
}

TEST(Api, LogsOneJsonLinePerRequestWithItsId) {
  TestServer server;
  auto reply = fetch(server.port(), "GET", "/healthz");
  auto id = reply.header("X-Request-Id").value();
  std::string log = server.log();
  auto at = log.find("\"request_id\":\"" + id + "\"");
  ASSERT_NE(at, std::string::npos) << log;
  auto start = log.rfind('\n', at);
  auto line = log.substr(start == std::string::npos ? 0 : start + 1, log.find('\n', at) - (start + 1));
  auto parsed = json::parse(line);
  EXPECT_EQ(parsed["route"], "/healthz");
  EXPECT_EQ(parsed["status"], 200);
}

// Every route of the table is in the OpenAPI document and nothing else is.
TEST(Api, OpenApiDocumentsExactlyTheRouteTable) {
  TestServer server;
  auto reply = fetch(server.port(), "GET", "/api/v1/openapi.json");
  ASSERT_EQ(reply.status, 200);
  auto doc = json::parse(reply.body);
  EXPECT_EQ(doc["openapi"], "3.1.0");
  std::set<std::string> documented, routed;
  for (const auto& [path, operations] : doc["paths"].items()) {
    for (const auto& [method, operation] : operations.items()) {
      documented.insert(method + " " + path);
      EXPECT_FALSE(operation.value("summary", "").empty()) << method << " " << path;
    }
  }
  for (const auto& route : server.server().app().router().routes()) {
    std::string method = route.method;
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    routed.insert(method + " " + route.pattern);
  }
  EXPECT_EQ(documented, routed);
  // Each documented operation is really served (not "no such resource").
  for (const auto& op : documented) {
    std::string method = op.substr(0, op.find(' '));
    std::string path = op.substr(op.find(' ') + 1);
    for (char& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    std::string concrete;
    for (auto segment : server::path_segments(path)) {
      concrete += "/" + std::string(segment.front() == '{' ? "x" : segment);
    }
    auto r = fetch(server.port(), method, concrete, method == "GET" || method == "DELETE" ? "" : "{}");
    EXPECT_NE(r.status, 405) << op;
    if (r.status == 404) {
      EXPECT_EQ(r.body.find("no such resource"), std::string::npos) << op;
    }
  }
}

}  // namespace
}  // namespace vigil::test
