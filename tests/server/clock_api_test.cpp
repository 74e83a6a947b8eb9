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
  auto text = source_text("tests/golden/clock/" + name);
  EXPECT_FALSE(text.empty()) << name;
  return text;
}

class ClockApi : public AuditorApi {
 protected:
  // The 400 problem's list of fields.
  std::vector<std::string> fields(const Reply& reply) {
    EXPECT_EQ(reply.status, 400) << reply.body;
    std::vector<std::string> out;
    if (reply.status != 400) return out;
    json body = json::parse(reply.body);
    for (const auto& e : body["errors"]) out.push_back(e["where"]);
    return out;
  }
  // POSTs the input file to `target`: the answer is the CLI's golden JSON output.
  void expect_cli_output(const std::string& target, const std::string& input, const std::string& golden) {
    auto reply = post(target, clock_file(input));
    ASSERT_EQ(reply.status, 200) << target << " " << input << ": " << reply.body;
    EXPECT_EQ(json::parse(reply.body), json::parse(clock_file(golden))) << target << " " << input;
  }
};

TEST_F(ClockApi, DeadlinesAreWhatTheCliPrints) {
  expect_cli_output("/api/v1/deadlines", "incident.json", "deadlines_berlin_json.out");
  // The CLI's --convention is the query parameter.
  expect_cli_output("/api/v1/deadlines?convention=reg-1182-71", "weekend.json", "deadlines_reg1182_json.out");
  expect_cli_output("/api/v1/deadlines?convention=elapsed-time", "weekend.json", "deadlines_elapsed_weekend_json.out");
}

TEST_F(ClockApi, BadDeadlineInputNamesTheField) {
  EXPECT_EQ(fields(post("/api/v1/deadlines", clock_file("bad_zone.json"))), std::vector<std::string>{"body: timezone"});
  EXPECT_EQ(fields(post("/api/v1/deadlines", clock_file("unknown_field.json"))),
            std::vector<std::string>{"body: trust_service"});
  EXPECT_EQ(fields(post("/api/v1/deadlines", clock_file("before.json"))),
            std::vector<std::string>{"body: notification_submitted_time"});
  // Year 1 is a slip (as the incident record says), not an incident overdue by 739 951 days.
  EXPECT_EQ(fields(post("/api/v1/deadlines", R"({"awareness_time": "0001-03-01T09:00:00Z", "timezone": "UTC"})")),
            std::vector<std::string>{"body: awareness_time"});
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
  expect_cli_output("/api/v1/significance", "cloud.json", "significance_cloud_json.out");
  expect_cli_output("/api/v1/significance", "dso.json", "significance_not_covered_json.out");
}

}  // namespace
}  // namespace vigil::test
