// The exercise routes answer exactly what `vigil exercise scenarios | show |
// score --format json|html` prints (the golden .out files), and locate every
// error of a bad play in the request body.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "server/test_server.h"

namespace vigil::test {
namespace {

using nlohmann::json;

json exercise_golden(const std::string& name) {
  return json::parse(source_text("tests/golden/exercise/" + name + ".out"));
}

class ExerciseApi : public AuditorApi {
 protected:
  static std::string score_body(const std::string& scenario, const json& play) {
    return json{{"scenario", scenario}, {"play", play}}.dump();
  }
  static json perfect_play() { return json::parse(source_text("tests/exercise/plays/qtsp-signing-key.json")); }
};

TEST_F(ExerciseApi, ListAndShowAreWhatTheCliPrints) {
  auto list = get("/api/v1/exercise/scenarios");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.header("Content-Type").value_or(""), "application/json");
  EXPECT_EQ(json::parse(list.body), exercise_golden("scenarios_json"));
  auto show = get("/api/v1/exercise/scenarios/qtsp-signing-key");
  ASSERT_EQ(show.status, 200) << show.body;
  EXPECT_EQ(json::parse(show.body), exercise_golden("show_json"));
}

TEST_F(ExerciseApi, ScoringThePerfectPlayIsWhatTheCliPrints) {
  auto reply = post("/api/v1/exercise/score", score_body("qtsp-signing-key", perfect_play()));
  ASSERT_EQ(reply.status, 200) << reply.body;
  auto body = json::parse(reply.body);
  EXPECT_EQ(body, exercise_golden("score_perfect_json"));
  EXPECT_EQ(body["summary"]["met"], body["summary"]["total"]);
  EXPECT_EQ(body["marking"], "EXERCISE");
}

TEST_F(ExerciseApi, HtmlIsTheSelfContainedAfterActionReportUnderAStrictPolicy) {
  auto reply = post("/api/v1/exercise/score?format=html", score_body("qtsp-signing-key", perfect_play()));
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.header("Content-Type").value_or(""), "text/html; charset=utf-8");
  EXPECT_NE(reply.header("Content-Security-Policy").value_or("").find("default-src 'none'"), std::string::npos);
  EXPECT_NE(reply.body.find("EXERCISE"), std::string::npos);
  EXPECT_NE(reply.body.find("<svg"), std::string::npos);
  auto bad = post("/api/v1/exercise/score?format=pdf", score_body("qtsp-signing-key", perfect_play()));
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_NE(bad.body.find("expected json or html"), std::string::npos) << bad.body;
}

TEST_F(ExerciseApi, UnknownScenarioIs404) {
  auto show = get("/api/v1/exercise/scenarios/ransomware");
  EXPECT_EQ(show.status, 404) << show.body;
  EXPECT_NE(show.body.find("ransomware-cloud"), std::string::npos) << show.body;
  auto scored = post("/api/v1/exercise/score", score_body("no-such-scenario", perfect_play()));
  EXPECT_EQ(scored.status, 404) << scored.body;
  EXPECT_NE(scored.body.find("body: scenario"), std::string::npos) << scored.body;
}

TEST_F(ExerciseApi, BadPlayIs400NamingEachFieldInTheBody) {
  json play = perfect_play();
  play["actions"][3]["at"] = "3h";
  auto reply = post("/api/v1/exercise/score", score_body("qtsp-signing-key", play));
  ASSERT_EQ(reply.status, 400) << reply.body;
  EXPECT_NE(reply.body.find("body: play.actions[3].at"), std::string::npos) << reply.body;

  auto several = post("/api/v1/exercise/score",
                      score_body("qtsp-signing-key", json::parse(source_text("tests/golden/exercise/play_bad.json"))));
  ASSERT_EQ(several.status, 400) << several.body;
  auto body = json::parse(several.body);
  std::string wheres;
  for (const auto& e : body["errors"]) wheres += e["where"].get<std::string>() + "\n";
  EXPECT_NE(wheres.find("body: play.players.bo"), std::string::npos) << several.body;
  EXPECT_NE(wheres.find("body: play.actions[1].at"), std::string::npos) << several.body;

  for (const char* shape : {"[]", R"({"scenario": "qtsp-signing-key"})", R"({"scenario": 1, "play": {}})",
                            R"({"scenario": "qtsp-signing-key", "play": {}, "extra": 1})", "not json"}) {
    auto r = post("/api/v1/exercise/score", shape);
    EXPECT_EQ(r.status, 400) << shape << " " << r.body;
  }
}

TEST_F(ExerciseApi, SignInIsRequired) {
  EXPECT_EQ(fetch(server.port(), "GET", "/api/v1/exercise/scenarios").status, 401);
  EXPECT_EQ(fetch(server.port(), "GET", "/api/v1/exercise/scenarios/qtsp-signing-key").status, 401);
  EXPECT_EQ(fetch(server.port(), "POST", "/api/v1/exercise/score", score_body("qtsp-signing-key", perfect_play()),
                  {{"Content-Type", "application/json"}})
                .status,
            401);
}

}  // namespace
}  // namespace vigil::test
