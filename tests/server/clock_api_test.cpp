// POST /api/v1/deadlines and POST /api/v1/significance answer exactly what
// `vigil deadlines` and `vigil significance` print with --format json for the
// same input file (the golden .out files), and name the bad field or parameter.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "server/test_server.h"

namespace vigil::test {
namespace {

using nlohmann::json;

std::string clock_file(const std::string& name) {
  std::ifstream in(std::string(VIGIL_SOURCE_DIR) + "/tests/golden/clock/" + name, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  EXPECT_FALSE(s.str().empty()) << name;
  return s.str();
}

class ClockApi : public testing::Test {
 protected:
  TestServer server;
  std::string token = server.bearer("acme-auditor");
  Reply post(const std::string& target, const std::string& body) {
    return fetch(server.port(), "POST", target, body, {{"Authorization", token}});
  }
  // The 400 problem's list of fields.
  std::vector<std::string> fields(const Reply& reply) {
    EXPECT_EQ(reply.status, 400) << reply.body;
    std::vector<std::string> out;
    if (reply.status != 400) return out;
    json body = json::parse(reply.body);
    for (const auto& e : body["errors"]) out.push_back(e["where"]);
    return out;
  }
};

TEST_F(ClockApi, DeadlinesAreWhatTheCliPrints) {
  auto reply = post("/api/v1/deadlines", clock_file("incident.json"));
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(json::parse(reply.body), json::parse(clock_file("deadlines_berlin_json.out")));
  // The CLI's --convention is the query parameter.
  auto reg = post("/api/v1/deadlines?convention=reg-1182-71", clock_file("weekend.json"));
  ASSERT_EQ(reg.status, 200) << reg.body;
  EXPECT_EQ(json::parse(reg.body), json::parse(clock_file("deadlines_reg1182_json.out")));
  auto elapsed = post("/api/v1/deadlines?convention=elapsed-time", clock_file("weekend.json"));
  ASSERT_EQ(elapsed.status, 200) << elapsed.body;
  EXPECT_EQ(json::parse(elapsed.body), json::parse(clock_file("deadlines_elapsed_weekend_json.out")));
}

TEST_F(ClockApi, BadDeadlineInputNamesTheField) {
  EXPECT_EQ(fields(post("/api/v1/deadlines", clock_file("bad_zone.json"))), std::vector<std::string>{"body: timezone"});
  EXPECT_EQ(fields(post("/api/v1/deadlines", clock_file("unknown_field.json"))),
            std::vector<std::string>{"body: trust_service"});
  EXPECT_EQ(fields(post("/api/v1/deadlines", clock_file("before.json"))),
            std::vector<std::string>{"body: notification_submitted_time"});
  EXPECT_EQ(fields(post("/api/v1/deadlines?convention=calendar", clock_file("incident.json"))),
            std::vector<std::string>{"convention"});
  // Every missing required field at once.
  auto missing = fields(post("/api/v1/deadlines", "{}"));
  EXPECT_NE(std::find(missing.begin(), missing.end(), "body: awareness_time"), missing.end());
  EXPECT_NE(std::find(missing.begin(), missing.end(), "body: timezone"), missing.end());
  EXPECT_EQ(post("/api/v1/deadlines", "not json").status, 400);
  EXPECT_EQ(post("/api/v1/deadlines", "[]").status, 400);
}

TEST_F(ClockApi, SignificanceIsWhatTheCliPrints) {
  auto reply = post("/api/v1/significance", clock_file("cloud.json"));
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(json::parse(reply.body), json::parse(clock_file("significance_cloud_json.out")));
  auto not_covered = post("/api/v1/significance", clock_file("dso.json"));
  ASSERT_EQ(not_covered.status, 200) << not_covered.body;
  EXPECT_EQ(json::parse(not_covered.body), json::parse(clock_file("significance_not_covered_json.out")));
}

}  // namespace
}  // namespace vigil::test
