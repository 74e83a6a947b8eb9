// POST /api/v1/scope answers exactly what `vigil scope --format json` prints
// for the same entity, and names every bad field of a bad one.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "server/test_server.h"

namespace vigil::test {
namespace {

using nlohmann::json;

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(Scoping, AnswersWhatTheCliPrints) {
  TestServer server;
  std::string entity = slurp(std::string(VIGIL_SOURCE_DIR) + "/examples/scope/entity.json");
  ASSERT_FALSE(entity.empty());
  auto reply = fetch(server.port(), "POST", "/api/v1/scope", entity, {{"Authorization", server.bearer("acme-auditor")}});
  ASSERT_EQ(reply.status, 200) << reply.body;
  // The CLI's golden output for the same file.
  auto expected = json::parse(slurp(std::string(VIGIL_SOURCE_DIR) + "/tests/golden/scope/entity_json.out"));
  EXPECT_EQ(json::parse(reply.body), expected);
}

TEST(Scoping, BadEntityIs400NamingEveryField) {
  TestServer server;
  std::string entity = slurp(std::string(VIGIL_SOURCE_DIR) + "/examples/scope/bad-entity.json");
  ASSERT_FALSE(entity.empty());
  auto reply = fetch(server.port(), "POST", "/api/v1/scope", entity, {{"Authorization", server.bearer("acme-auditor")}});
  ASSERT_EQ(reply.status, 400) << reply.body;
  auto body = json::parse(reply.body);
  std::string all = body.dump();
  for (auto field : {"entity_types[0]", "employees", "annual_turnover_eur", "balance_sheet_total_eur", "employes"}) {
    EXPECT_NE(all.find(field), std::string::npos) << field << " " << all;
  }
  EXPECT_EQ(body["errors"].size(), 5u) << all;
}

TEST(Significance, AnswersWhatTheCliPrintsAndNamesBadFields) {
  TestServer server;
  auto token = server.bearer("acme-auditor");
  std::string impact = slurp(std::string(VIGIL_SOURCE_DIR) + "/tests/golden/incident/data/impact.json");
  auto reply = fetch(server.port(), "POST", "/api/v1/significance", impact, {{"Authorization", token}});
  ASSERT_EQ(reply.status, 200) << reply.body;
  auto body = json::parse(reply.body);
  EXPECT_EQ(body["significant"], true) << body.dump();
  EXPECT_EQ(body["covered_by_ir_2024_2690"], true);
  EXPECT_FALSE(body["criteria"].empty());
  std::string bad = slurp(std::string(VIGIL_SOURCE_DIR) + "/tests/golden/incident/data/impact_unknown_field.json");
  auto refused = fetch(server.port(), "POST", "/api/v1/significance", bad, {{"Authorization", token}});
  ASSERT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find("users_eu_totl"), std::string::npos) << refused.body;
}

}  // namespace
}  // namespace vigil::test
