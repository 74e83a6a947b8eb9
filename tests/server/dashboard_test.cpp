// The dashboard summary and the incident gauges of /metrics: open incidents,
// their next deadline and the overdue count, per organisation.
#include <chrono>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/time.h"
#include "incident/incident.h"
#include "server/test_server.h"
#include "tzdata/zones.h"

namespace vigil::test {
namespace {

using nlohmann::json;

void open_incident(TestServer& server, const std::string& token, const std::string& awareness) {
  auto reply = fetch(server.port(), "POST", "/api/v1/orgs/acme/incidents", incident_body("outage", awareness).dump(),
                     {{"Authorization", token}});
  ASSERT_EQ(reply.status, 201) << reply.body;
}

TEST(Dashboard, CountsOpenIncidentsAndOverdueReports) {
  server::ServerConfig config;
  config.metrics_token = "metrics-token-0123456789";
  config.metrics_org_labels = true;
  TestServer server(config);
  auto responder = server.bearer("acme-responder");
  // Test clock: 2026-03-02T09:00Z. Aware two days ago: the 24 h early warning
  // (Art. 23(4)(a)) is overdue. Aware an hour ago: it is not.
  open_incident(server, responder, "2026-02-28T09:00:00Z");
  open_incident(server, responder, "2026-03-02T08:00:00Z");
  auto reply = fetch(server.port(), "GET", "/api/v1/orgs/acme/dashboard", "",
                     {{"Authorization", server.bearer("acme-auditor")}});
  ASSERT_EQ(reply.status, 200) << reply.body;
  auto body = json::parse(reply.body);
  EXPECT_EQ(body["open_incidents"], 2);
  EXPECT_EQ(body["overdue_reports"], 1);
  ASSERT_EQ(body["incidents"].size(), 2u);
  EXPECT_EQ(body["incidents"][0]["id"], "INC-1");  // earliest due first
  EXPECT_EQ(body["incidents"][0]["overdue"], true);
  EXPECT_EQ(body["incidents"][1]["overdue"], false);
  EXPECT_EQ(body["next_due"], "2026-03-01T09:00:00Z");

  // globex has none of it.
  auto other = fetch(server.port(), "GET", "/api/v1/orgs/globex/dashboard", "",
                     {{"Authorization", server.bearer("globex-admin")}});
  EXPECT_EQ(json::parse(other.body)["open_incidents"], 0);
  EXPECT_TRUE(json::parse(other.body)["next_due"].is_null());

  auto metrics =
      fetch(server.port(), "GET", "/metrics", "", {{"Authorization", "Bearer " + config.metrics_token}}).body;
  EXPECT_NE(metrics.find("vigil_open_incidents{org=\"acme\"} 2\n"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("vigil_overdue_deadlines{org=\"acme\"} 1\n"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("vigil_open_incidents{org=\"globex\"} 0\n"), std::string::npos) << metrics;
}

// The latency trend: the 20 real incidents with the latest awareness, oldest
// first, whatever order they were opened in; each with its latencies, null
// until a report is sent.
TEST(Dashboard, TheLatencyTrendHoldsTheTwentyLatestIncidentsByAwarenessOldestFirst) {
  TestServer server;
  auto responder = server.bearer("acme-responder");
  // 22 incidents, aware 1..22 hours before the test clock (2026-03-02T09:00Z), opened newest first.
  for (int hours = 1; hours <= 22; ++hours) {
    open_incident(server, responder, format_utc(test_now() - std::chrono::hours(hours)));
  }
  auto submitted = fetch(server.port(), "POST", "/api/v1/orgs/acme/incidents/INC-1/submissions",
                         json{{"type", "early-warning"}, {"to", "csirt"}}.dump(), {{"Authorization", responder}});
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  auto reply = fetch(server.port(), "GET", "/api/v1/orgs/acme/dashboard", "",
                     {{"Authorization", server.bearer("acme-auditor")}});
  ASSERT_EQ(reply.status, 200) << reply.body;
  const json trend = json::parse(reply.body)["exercises"]["performance_trend"];
  ASSERT_EQ(trend.size(), 20u) << trend.dump();
  EXPECT_EQ(trend.front()["incident"], "INC-20") << "aware 20 hours ago: the oldest kept";
  EXPECT_EQ(trend.front()["awareness"], "2026-03-01T13:00:00Z");
  EXPECT_EQ(trend.back()["incident"], "INC-1") << "aware an hour ago: the newest";
  EXPECT_EQ(trend.back()["awareness_to_early_warning_s"], 3600) << "INC-1's early warning, sent now";
  EXPECT_TRUE(trend.front()["awareness_to_early_warning_s"].is_null());
  for (std::size_t i = 1; i < trend.size(); ++i) {
    EXPECT_LT(trend[i - 1]["awareness"].get<std::string>(), trend[i]["awareness"].get<std::string>());
  }
}

// The rendered dashboard is kept for the current second (server/dashboard_cache.h):
// a write through the server shows at once, a write behind its back (another
// server on the same database) within the second.
TEST(Dashboard, AWriteThroughTheServerShowsAtOnceOneBehindItsBackWithinTheSecond) {
  TestServer server;
  auto responder = server.bearer("acme-responder");
  auto auditor = server.bearer("acme-auditor");
  auto read = [&] {
    auto reply = fetch(server.port(), "GET", "/api/v1/orgs/acme/dashboard", "", {{"Authorization", auditor}});
    EXPECT_EQ(reply.status, 200) << reply.body;
    return json::parse(reply.body);
  };
  EXPECT_EQ(read()["open_incidents"], 0);
  open_incident(server, responder, "2026-03-02T08:00:00Z");  // the clock has not moved
  EXPECT_EQ(read()["open_incidents"], 1);

  // Written straight into the store, as another server would: the memo of this second stands...
  auto draft = incident::open_incident(incident::OpenRequest{"behind the back", test_now(), "Europe/Berlin",
                                                             "digital_infrastructure.cloud_computing_service_provider",
                                                             false, "other-server", test_now()},
                                       tzdata::zones());
  ASSERT_TRUE(draft);
  ASSERT_TRUE(server.server().services().incidents->open_incident("acme", *draft));
  EXPECT_EQ(read()["open_incidents"], 1);
  // ...and the next second shows it.
  server.set_now(test_now() + std::chrono::seconds{1});
  auto later = read();
  EXPECT_EQ(later["open_incidents"], 2);
  EXPECT_EQ(later["as_of"], "2026-03-02T09:00:01Z");
}

// The incident of a live exercise (its opened entry names the
// exercise) is in no real listing: not GET .../incidents, not the dashboard
// counts, not the metrics. It is still readable by its id.
TEST(Dashboard, ExerciseIncidentsAreNeverCountedWithRealOnes) {
  TestServer server;
  auto responder = server.bearer("acme-responder");
  open_incident(server, responder, "2026-03-02T08:00:00Z");
  auto started = fetch(server.port(), "POST", "/api/v1/orgs/acme/exercises", R"({"scenario":"ransomware-cloud"})",
                       {{"Authorization", server.bearer("acme-manager")}, {"Content-Type", "application/json"}});
  ASSERT_EQ(started.status, 201) << started.body;
  auto draft = incident::open_incident(incident::OpenRequest{"played", test_now(), "Europe/Berlin",
                                                             "digital_infrastructure.cloud_computing_service_provider",
                                                             false, "ana", test_now(), std::nullopt, "EX-1"},
                                       tzdata::zones());
  ASSERT_TRUE(draft);
  ASSERT_TRUE(server.server().services().incidents->open_incident("acme", *draft));
  server.set_now(test_now() + std::chrono::seconds{1});
  auto dashboard = fetch(server.port(), "GET", "/api/v1/orgs/acme/dashboard", "", {{"Authorization", responder}});
  ASSERT_EQ(dashboard.status, 200) << dashboard.body;
  auto counts = json::parse(dashboard.body);
  EXPECT_EQ(counts["open_incidents"], 1);
  EXPECT_EQ(counts["incidents"].size(), 1u);
  auto list = fetch(server.port(), "GET", "/api/v1/orgs/acme/incidents?all=true", "", {{"Authorization", responder}});
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.body.find("played"), std::string::npos) << list.body;
  EXPECT_NE(list.body.find("INC-1"), std::string::npos) << list.body;
  auto one = fetch(server.port(), "GET", "/api/v1/orgs/acme/incidents/INC-2", "", {{"Authorization", responder}});
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(json::parse(one.body)["exercise"], "EX-1");
  // Writes through the API run on the exercise's clock (one second after its
  // start, the scenario's 2026-03-27T07:00:00Z), not the wall clock.
  auto close = fetch(server.port(), "POST", "/api/v1/orgs/acme/incidents/INC-2/close", R"({"summary":"done"})",
                     {{"Authorization", responder}, {"Content-Type", "application/json"}});
  ASSERT_EQ(close.status, 200) << close.body;
  EXPECT_NE(close.body.find("2026-03-27T07:00:01Z"), std::string::npos) << close.body;
  EXPECT_EQ(close.body.find("2026-03-02T09:00:01Z"), std::string::npos) << close.body;
  EXPECT_EQ(json::parse(fetch(server.port(), "GET", "/api/v1/orgs/acme/dashboard", "", {{"Authorization", responder}})
                            .body)["open_incidents"],
            1);
}

TEST(Dashboard, UnknownOrganisationIs404) {
  TestServer server;
  auto reply = fetch(server.port(), "GET", "/api/v1/orgs/nobody/dashboard", "",
                     {{"Authorization", server.bearer("acme-admin")}});
  EXPECT_EQ(reply.status, 404);
}

}  // namespace
}  // namespace vigil::test
