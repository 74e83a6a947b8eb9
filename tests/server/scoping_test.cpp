// POST /api/v1/scope answers exactly what `vigil scope --format json` prints
// for the same entity, and names every bad field of a bad one.
#include <algorithm>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "server/test_server.h"

namespace vigil::test {
namespace {

using nlohmann::json;

// POSTs a file of the source tree to `target` as acme's auditor.
Reply post_file(TestServer& server, const std::string& target, const std::string& path) {
  const std::string body = source_text(path);
  EXPECT_FALSE(body.empty()) << path;
  return fetch(server.port(), "POST", target, body, {{"Authorization", server.bearer("acme-auditor")}});
}

TEST(Scoping, AnswersWhatTheCliPrints) {
  TestServer server;
  auto reply = post_file(server, "/api/v1/scope", "examples/scope/entity.json");
  ASSERT_EQ(reply.status, 200) << reply.body;
  // The CLI's golden output for the same file.
  auto expected = json::parse(source_text("tests/golden/scope/entity_json.out"));
  EXPECT_EQ(json::parse(reply.body), expected);
}

TEST(Scoping, BadEntityIs400NamingEveryField) {
  TestServer server;
  auto reply = post_file(server, "/api/v1/scope", "examples/scope/bad-entity.json");
  ASSERT_EQ(reply.status, 400) << reply.body;
  auto body = json::parse(reply.body);
  std::string all = body.dump();
  for (auto field : {"entity_types[0]", "employees", "annual_turnover_eur", "balance_sheet_total_eur", "employes"}) {
    EXPECT_NE(all.find(field), std::string::npos) << field << " " << all;
  }
  EXPECT_EQ(body["errors"].size(), 5u) << all;
}

// Art. 2(1) unknown is not "no": an entity that does not say whether it
// provides services in the Union is a 400 naming the field, never OUT OF SCOPE;
// a name with a line feed is refused.
TEST(Scoping, ServicesInEuIsRequiredAndNamesAreOneLine) {
  TestServer server;
  auto scope = [&](const json& body) {
    return fetch(server.port(), "POST", "/api/v1/scope", body.dump(),
                 {{"Authorization", server.bearer("acme-auditor")}});
  };
  json entity = json::parse(R"({"entity_types":["energy.electricity.distribution_system_operator"],"employees":300,
                                "annual_turnover_eur":60000000,"balance_sheet_total_eur":50000000})");
  auto missing = scope(entity);
  ASSERT_EQ(missing.status, 400) << missing.body;
  auto errors = json::parse(missing.body)["errors"];
  ASSERT_EQ(errors.size(), 1u) << missing.body;
  EXPECT_EQ(errors[0]["where"], "body: provides_services_in_eu");
  EXPECT_NE(errors[0]["message"].get<std::string>().find("Art. 2(1)"), std::string::npos) << missing.body;
  entity["provides_services_in_eu"] = nullptr;
  EXPECT_EQ(scope(entity).status, 400);
  entity["provides_services_in_eu"] = true;
  auto ok = scope(entity);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(json::parse(ok.body)["classification"], "essential");
  EXPECT_TRUE(json::parse(ok.body)["assumed_no"].empty()) << ok.body;  // large DSO: essential whatever else
  entity["name"] = "Acme\nResult: OUT OF SCOPE";
  auto two_lines = scope(entity);
  ASSERT_EQ(two_lines.status, 400) << two_lines.body;
  EXPECT_EQ(json::parse(two_lines.body)["errors"][0]["where"], "body: name");
}

TEST(Significance, AnswersWhatTheCliPrintsAndNamesBadFields) {
  TestServer server;
  auto reply = post_file(server, "/api/v1/significance", "tests/golden/incident/data/impact.json");
  ASSERT_EQ(reply.status, 200) << reply.body;
  auto body = json::parse(reply.body);
  EXPECT_EQ(body["significant"], true) << body.dump();
  EXPECT_EQ(body["covered_by_ir_2024_2690"], true);
  EXPECT_FALSE(body["criteria"].empty());
  auto refused = post_file(server, "/api/v1/significance", "tests/golden/incident/data/impact_unknown_field.json");
  EXPECT_TRUE(answered(refused, 400, "users_eu_totl"));
}

// Answers the interview one question at a time, as the web page does: picks
// the option whose label is given, else sends the text as typed.
struct InterviewWalk {
  TestServer& server;
  std::string token;
  json answers = json::array();

  json ask() {
    auto reply = fetch(server.port(), "POST", "/api/v1/scope/interview", json{{"answers", answers}}.dump(),
                       {{"Authorization", token}});
    EXPECT_EQ(reply.status, 200) << reply.body;
    return json::parse(reply.body);
  }
  // Answers the current question (which must be `id`) and returns the next reply.
  json reply(const json& current, const std::string& id, const std::string& text) {
    EXPECT_EQ(current["question"]["id"], id) << current.dump();
    std::string answer = text;
    const json& options = current["question"]["options"];
    for (std::size_t i = 0; i < options.size(); ++i) {
      if (options[i] == text) answer = std::to_string(i + 1);
    }
    answers.push_back(json{{"question", id}, {"answer", answer}});
    return ask();
  }
};

TEST(ScopingInterview, OutsideTheUnionEndsAfterOneQuestion) {
  TestServer server;
  InterviewWalk walk{server, server.bearer("acme-auditor")};
  json first = walk.ask();
  EXPECT_EQ(first["question"]["id"], "provides_services_in_eu");
  EXPECT_EQ(first["question"]["kind"], "yes_no");
  json done = walk.reply(first, "provides_services_in_eu", "no");
  EXPECT_TRUE(done["question"].is_null()) << done.dump();
  EXPECT_EQ(done["result"]["classification"], "out_of_scope") << done.dump();
  EXPECT_EQ(done["entity"]["provides_services_in_eu"], false);
}

// A cloud provider with 300 staff: large by staff alone, so turnover and
// balance sheet are never asked; the entity returned reads back through
// POST /scope to the same result.
TEST(ScopingInterview, SkipsWhatCannotChangeTheResultAndItsEntityReadsBack) {
  TestServer server;
  InterviewWalk walk{server, server.bearer("acme-auditor")};
  json r = walk.ask();
  r = walk.reply(r, "provides_services_in_eu", "yes");
  EXPECT_EQ(r["question"]["kind"], "choice");
  r = walk.reply(r, "sector", "Digital infrastructure");
  r = walk.reply(r, "entity_type", "Cloud computing service provider");
  r = walk.reply(r, "sector", "No further activity");
  std::vector<std::string> asked;
  while (!r["question"].is_null()) {
    const std::string id = r["question"]["id"];
    asked.push_back(id);
    ASSERT_LT(asked.size(), 20u) << r.dump();
    r = walk.reply(r, id, id == "employees" ? "300" : id == "group_worldwide_turnover_eur" ? "" : "no");
  }
  EXPECT_NE(std::find(asked.begin(), asked.end(), "employees"), asked.end());
  EXPECT_EQ(std::find(asked.begin(), asked.end(), "annual_turnover_eur"), asked.end());
  EXPECT_EQ(r["not_asked"], json::array({"annual_turnover_eur", "balance_sheet_total_eur"}));
  EXPECT_EQ(r["result"]["classification"], "essential") << r.dump();
  EXPECT_EQ(r["entity"]["entity_types"], json::array({"digital_infrastructure.cloud_computing_service_provider"}));
  EXPECT_EQ(r["entity"]["employees"], "300");
}

TEST(ScopingInterview, AnEntityWithEveryFigureReadsBackToTheSameResult) {
  TestServer server;
  auto token = server.bearer("acme-auditor");
  InterviewWalk walk{server, token};
  json r = walk.ask();
  r = walk.reply(r, "provides_services_in_eu", "yes");
  r = walk.reply(r, "sector", "Digital infrastructure");
  r = walk.reply(r, "entity_type", "Cloud computing service provider");
  r = walk.reply(r, "sector", "No further activity");
  while (!r["question"].is_null()) {
    const std::string id = r["question"]["id"];
    r = walk.reply(r, id,
                   id == "employees"                      ? "49.5"
                   : id == "annual_turnover_eur"          ? "9000000.5"
                   : id == "balance_sheet_total_eur"      ? "8000000"
                   : id == "group_worldwide_turnover_eur" ? "12000000"
                                                          : "no");
  }
  EXPECT_EQ(r["entity"]["employees"], "49.5");
  EXPECT_EQ(r["entity"]["annual_turnover_eur"], "9000000.50");
  auto again = fetch(server.port(), "POST", "/api/v1/scope", r["entity"].dump(), {{"Authorization", token}});
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(json::parse(again.body), r["result"]);
}

TEST(ScopingInterview, NamesTheAnswerAtFault) {
  TestServer server;
  auto token = server.bearer("acme-auditor");
  auto post = [&](const json& body) {
    return fetch(server.port(), "POST", "/api/v1/scope/interview", body.dump(), {{"Authorization", token}});
  };
  auto wrong_id = post(json{{"answers", {{{"question", "employees"}, {"answer", "3"}}}}});
  ASSERT_EQ(wrong_id.status, 400);
  EXPECT_NE(wrong_id.body.find("body: answers[0]: question"), std::string::npos) << wrong_id.body;
  EXPECT_NE(wrong_id.body.find("provides_services_in_eu"), std::string::npos) << wrong_id.body;
  auto bad_answer = post(json{{"answers", {{{"question", "provides_services_in_eu"}, {"answer", "maybe"}}}}});
  ASSERT_EQ(bad_answer.status, 400);
  EXPECT_NE(bad_answer.body.find("answer yes or no"), std::string::npos) << bad_answer.body;
  auto bad_choice = post(json{
      {"answers",
       {{{"question", "provides_services_in_eu"}, {"answer", "yes"}}, {{"question", "sector"}, {"answer", "999"}}}}});
  ASSERT_EQ(bad_choice.status, 400);
  EXPECT_NE(bad_choice.body.find("body: answers[1]: answer"), std::string::npos) << bad_choice.body;
  auto after_end = post(
      json{{"answers",
            {{{"question", "provides_services_in_eu"}, {"answer", "no"}}, {{"question", "sector"}, {"answer", "1"}}}}});
  ASSERT_EQ(after_end.status, 400);
  EXPECT_NE(after_end.body.find("complete"), std::string::npos) << after_end.body;
  EXPECT_EQ(post(json{{"answers", "yes"}}).status, 400);
  EXPECT_EQ(post(json::object()).status, 400);
  EXPECT_EQ(post(json{{"answers", json::array({1})}}).status, 400);
  auto anonymous = fetch(server.port(), "POST", "/api/v1/scope/interview", R"({"answers":[]})");
  EXPECT_EQ(anonymous.status, 401);
}

}  // namespace
}  // namespace vigil::test
