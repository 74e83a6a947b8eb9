// GET /api/v1/orgs/{org}/incidents/{id}/performance: the latencies of
// `vigil incident performance` (incident/performance.h) over the API, for any
// member role; an unknown incident is 404.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "server/test_server.h"

namespace vigil::test {
namespace {

using nlohmann::json;

const std::string kPerformanceBase = "/api/v1/orgs/acme/incidents";

TEST(IncidentPerformance, LatenciesAndOnTimeOverTheApi) {
  TestServer server;
  std::string responder = server.bearer("acme-responder");
  std::string auditor = server.bearer("acme-auditor");
  auto opened =
      fetch(server.port(), "POST", kPerformanceBase,
            incident_body("Storage outage", "2026-03-01T09:00:00+01:00").dump(), {{"Authorization", responder}});
  ASSERT_EQ(opened.status, 201) << opened.body;
  // The early warning one second after its 24-hour deadline.
  auto submitted =
      fetch(server.port(), "POST", kPerformanceBase + "/INC-1/submissions",
            json{{"type", "early-warning"}, {"to", "csirt"}, {"submitted_at", "2026-03-02T08:00:01Z"}}.dump(),
            {{"Authorization", responder}});
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  auto reply = fetch(server.port(), "GET", kPerformanceBase + "/INC-1/performance", "", {{"Authorization", auditor}});
  ASSERT_EQ(reply.status, 200) << reply.body;
  auto body = json::parse(reply.body);
  EXPECT_EQ(body["incident"], "INC-1");
  EXPECT_EQ(body["latencies"]["awareness_to_early_warning_s"], 86401);
  EXPECT_TRUE(body["latencies"]["awareness_to_notification_s"].is_null());
  EXPECT_EQ(body["reports"][0]["on_time"], false);
  EXPECT_EQ(body["reports"][0]["late_by_s"], 1);
  EXPECT_TRUE(body["reports"][1]["on_time"].is_null());
  auto missing =
      fetch(server.port(), "GET", kPerformanceBase + "/INC-42/performance", "", {{"Authorization", auditor}});
  EXPECT_EQ(missing.status, 404) << missing.body;
}

}  // namespace
}  // namespace vigil::test
