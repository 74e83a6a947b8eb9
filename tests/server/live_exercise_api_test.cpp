// Live exercises over HTTP: the facilitator starts, steers and
// ends an exercise on a simulated clock, players act on its incident through
// the normal incident routes in exercise time, observers note and rate, and
// the end scores it with the same score() as a tabletop play. Exercise
// records stay out of the real incident list, the dashboard and /metrics.
#include <sqlite3.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "server/test_server.h"

namespace vigil::test {
namespace {

using nlohmann::json;

server::ServerConfig with_metrics() {
  server::ServerConfig config;
  config.metrics_token = "metrics-token-for-the-test";
  return config;
}

class LiveExerciseApi : public testing::Test {
 protected:
  TestServer server{with_metrics()};
  std::map<std::string, std::string> tokens;
  const std::string base = "/api/v1/orgs/acme/exercises";

  std::string token(const std::string& user) {
    auto& t = tokens[user];
    if (t.empty()) t = server.bearer(user);
    return t;
  }
  Reply get(const std::string& user, const std::string& target) {
    return fetch(server.port(), "GET", target, "", {{"Authorization", token(user)}});
  }
  Reply post(const std::string& user, const std::string& target, const json& body = json::object()) {
    return fetch(server.port(), "POST", target, body.dump(),
                 {{"Authorization", token(user)}, {"Content-Type", "application/json"}});
  }
  void advance(std::int64_t seconds) {
    wall += std::chrono::seconds{seconds};
    server.set_now(wall);
  }
  // Starts ransomware-cloud at 60x (a minute of wall time is an hour of exercise).
  json start() {
    auto reply =
        post("acme-manager", base, {{"scenario", "ransomware-cloud"}, {"speed", 60}, {"players", {{"ana", "it"}}}});
    EXPECT_EQ(reply.status, 201) << reply.body;
    return json::parse(reply.body);
  }
  Instant wall = test_now();
};

TEST_F(LiveExerciseApi, TheFacilitatorStartsAndTheClockRunsPausesAndJumpsInExerciseTime) {
  json started = start();
  EXPECT_EQ(started["marking"], "EXERCISE");
  EXPECT_EQ(started["exercise"], "EX-1");
  EXPECT_EQ(started["clock"]["state"], "running");
  EXPECT_EQ(started["clock"]["elapsed"], "PT0S");
  EXPECT_EQ(started["clock"]["now"], "2026-03-27T07:00:00Z");  // the scenario's start, 08:00 in Berlin
  EXPECT_NE(started["clock"]["now_local"].get<std::string>().find("08:00"), std::string::npos);
  EXPECT_EQ(started["started_by"], "acme-manager");
  EXPECT_EQ(started["players"], json({{"ana", "it"}}));
  EXPECT_EQ(started["injects_delivered"], 1);  // I1 at PT0S
  EXPECT_EQ(started["next_inject"], json({{"id", "I2"}, {"at", "PT20M"}}));

  advance(60);  // one wall minute = one exercise hour
  auto status = json::parse(get("acme-auditor", base + "/EX-1").body);
  EXPECT_EQ(status["clock"]["elapsed"], "PT1H");
  EXPECT_EQ(status["injects_delivered"], 3);  // I1, I2 (PT20M), I3 (PT50M)

  auto jumped = post("acme-manager", base + "/EX-1/jump");
  ASSERT_EQ(jumped.status, 200) << jumped.body;
  EXPECT_EQ(json::parse(jumped.body)["clock"]["elapsed"], "PT2H");  // I4

  auto paused = post("acme-admin", base + "/EX-1/pause");
  ASSERT_EQ(paused.status, 200) << paused.body;
  advance(600);
  status = json::parse(get("acme-responder", base + "/EX-1").body);
  EXPECT_EQ(status["clock"]["state"], "paused");
  EXPECT_EQ(status["clock"]["elapsed"], "PT2H");
  EXPECT_EQ(post("acme-manager", base + "/EX-1/pause").status, 409);  // already paused
  ASSERT_EQ(post("acme-manager", base + "/EX-1/resume").status, 200);
  advance(30);
  EXPECT_EQ(json::parse(get("acme-auditor", base + "/EX-1").body)["clock"]["elapsed"], "PT2H30M");

  auto to = post("acme-manager", base + "/EX-1/jump", {{"to", "PT1H"}});  // backwards
  EXPECT_EQ(to.status, 400) << to.body;
  EXPECT_NE(to.body.find("body: to"), std::string::npos) << to.body;

  auto list = json::parse(get("acme-compliance", base).body);
  ASSERT_EQ(list["exercises"].size(), 1u);
  EXPECT_EQ(list["exercises"][0]["exercise"], "EX-1");
  EXPECT_EQ(list["exercises"][0]["state"], "running");
}

TEST_F(LiveExerciseApi, PlayersActOnTheExerciseIncidentInExerciseTimeAndTheEndScoresIt) {
  start();
  advance(60);  // PT1H: 2026-03-27T08:00:00Z
  auto opened = post("acme-responder", base + "/EX-1/incident",
                     {{"title", "Ransomware on the hypervisors"}, {"awareness", "PT50M"}});
  ASSERT_EQ(opened.status, 201) << opened.body;
  json incident = json::parse(opened.body);
  std::string id = incident["id"];
  EXPECT_EQ(incident["exercise"], "EX-1");
  EXPECT_EQ(incident["marking"], "EXERCISE");
  EXPECT_NE(opened.body.find("2026-03-27T07:50:00Z"), std::string::npos) << opened.body;  // awareness at PT50M
  // Its performance figures are marked too: exercise time, never a real incident's.
  auto performance = get("acme-responder", "/api/v1/orgs/acme/incidents/" + id + "/performance");
  ASSERT_EQ(performance.status, 200) << performance.body;
  EXPECT_EQ(json::parse(performance.body)["marking"], "EXERCISE") << performance.body;
  // A decision the API claims for before the exercise began is refused at its field.
  auto backdated = post("acme-responder", "/api/v1/orgs/acme/incidents/" + id + "/decisions",
                        {{"decision", "x"}, {"rationale", "y"}, {"decided_at", "2026-03-27T06:59:59Z"}});
  EXPECT_EQ(backdated.status, 400) << backdated.body;
  EXPECT_NE(backdated.body.find("decided_at"), std::string::npos) << backdated.body;
  EXPECT_EQ(opened.header("Location").value_or(""), "/api/v1/orgs/acme/incidents/" + id);
  EXPECT_EQ(post("acme-responder", base + "/EX-1/incident", {{"title", "again"}, {"awareness", "PT50M"}}).status, 409);

  // The normal incident routes, now on the exercise clock (they answered 409 before).
  advance(60);  // PT2H
  auto submitted = post("acme-responder", "/api/v1/orgs/acme/incidents/" + id + "/submissions",
                        {{"type", "early-warning"}, {"to", "csirt"}});
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  EXPECT_NE(submitted.body.find("2026-03-27T09:00:00Z"), std::string::npos) << submitted.body;  // exercise now
  EXPECT_EQ(submitted.body.find("2026-03-02"), std::string::npos) << "no wall-clock time: " << submitted.body;
  auto draft = get("acme-auditor", "/api/v1/orgs/acme/incidents/" + id + "/report/notification?format=markdown");
  ASSERT_EQ(draft.status, 200) << draft.body;
  EXPECT_NE(draft.body.find("EXERCISE — DO NOT SEND"), std::string::npos);

  // Never with real incidents: the list, the dashboard, the metrics.
  auto real = json::parse(get("acme-auditor", "/api/v1/orgs/acme/incidents?all=true").body);
  EXPECT_TRUE(real["incidents"].empty()) << real.dump();
  auto dashboard = json::parse(get("acme-auditor", "/api/v1/orgs/acme/dashboard").body);
  EXPECT_EQ(dashboard["open_incidents"], 0) << dashboard.dump();
  EXPECT_EQ(dashboard["active_incidents"], 0) << dashboard.dump();
  EXPECT_TRUE(dashboard["incidents"].empty()) << dashboard.dump();
  auto metrics = fetch(server.port(), "GET", "/metrics", "", {{"Authorization", "Bearer metrics-token-for-the-test"}});
  EXPECT_NE(metrics.body.find("vigil_open_incidents 0\n"), std::string::npos) << metrics.body;

  // Team, observers, facilitator.
  auto player = post("acme-manager", base + "/EX-1/players", {{"name", "bo"}, {"role", "legal"}});
  ASSERT_EQ(player.status, 201) << player.body;
  EXPECT_EQ(json::parse(player.body)["players"]["bo"], "legal") << player.body;
  EXPECT_EQ(post("acme-responder", base + "/EX-1/involvements", {{"role", "legal"}}).status, 201);
  EXPECT_EQ(post("acme-compliance", base + "/EX-1/notes", {{"text", "Legal joined late"}}).status, 201);
  auto rated = post("acme-manager", base + "/EX-1/ratings", {{"expectation", "E14"}, {"result", "met"}});
  ASSERT_EQ(rated.status, 201) << rated.body;
  auto injected = post("acme-manager", base + "/EX-1/injects",
                       {{"text", "A journalist calls"}, {"to", {"communications"}}, {"channel", "phone"}});
  ASSERT_EQ(injected.status, 201) << injected.body;
  auto for_comms = json::parse(get("acme-responder", base + "/EX-1/feed?as=communications").body);
  auto for_it = json::parse(get("acme-responder", base + "/EX-1/feed?as=it").body);
  auto has_ad_hoc = [](const json& feed) {
    for (const auto& i : feed["injects"]) {
      if (i["ad_hoc"] == true) return true;
    }
    return false;
  };
  EXPECT_TRUE(has_ad_hoc(for_comms)) << for_comms.dump();
  EXPECT_FALSE(has_ad_hoc(for_it)) << for_it.dump();

  auto ended = post("acme-manager", base + "/EX-1/end");
  ASSERT_EQ(ended.status, 200) << ended.body;
  json end = json::parse(ended.body);
  EXPECT_EQ(end["clock"]["state"], "ended");
  EXPECT_EQ(end["score"]["marking"], "EXERCISE");
  json e14, e1;
  for (const auto& e : end["score"]["expectations"]) {
    if (e["id"] == "E14") e14 = e;
    if (e["id"] == "E1") e1 = e;
  }
  EXPECT_EQ(e14["status"], "met");  // the observer's rating
  EXPECT_EQ(e1["status"], "met");   // opened at PT1H, due PT50M + PT1H
  bool early_warning_on_time = false;
  for (const auto& r : end["score"]["reports"]) {
    if (r.value("report", "") == "early-warning") early_warning_on_time = r.value("on_time", false);
  }
  EXPECT_TRUE(early_warning_on_time) << end["score"]["reports"].dump();

  // Frozen: the incident takes no more writes, the clock no more changes.
  advance(3600);
  EXPECT_EQ(
      post("acme-responder", "/api/v1/orgs/acme/incidents/" + id + "/facts", {{"facts", {{"initial_assessment", "x"}}}})
          .status,
      409);
  EXPECT_EQ(post("acme-manager", base + "/EX-1/resume").status, 409);
  EXPECT_EQ(json::parse(get("acme-auditor", base + "/EX-1").body)["clock"]["elapsed"], "PT2H");

  auto html = get("acme-auditor", base + "/EX-1/report?format=html");
  ASSERT_EQ(html.status, 200);
  EXPECT_EQ(html.header("Content-Type").value_or(""), "text/html; charset=utf-8");
  EXPECT_NE(html.body.find("<svg"), std::string::npos);
  auto report = json::parse(get("acme-auditor", base + "/EX-1/report").body);
  EXPECT_EQ(report["summary"], end["score"]["summary"]);
  auto export_reply = get("acme-auditor", base + "/EX-1/export");
  EXPECT_EQ(export_reply.header("Content-Disposition").value_or(""),
            "attachment; filename=\"EX-1.json\"; filename*=UTF-8''EX-1.json");
  auto exported = json::parse(export_reply.body);
  EXPECT_EQ(exported["format"], "vigil-exercise-export/1");
  EXPECT_EQ(exported["incident"]["incident"]["id"], id);
}

TEST_F(LiveExerciseApi, BadRequestsNameTheirField) {
  auto unknown = post("acme-manager", base, {{"scenario", "ransomware"}});
  EXPECT_EQ(unknown.status, 404) << unknown.body;
  EXPECT_NE(unknown.body.find("body: scenario"), std::string::npos) << unknown.body;
  EXPECT_NE(unknown.body.find("ransomware-cloud"), std::string::npos) << unknown.body;
  auto speed = post("acme-manager", base, {{"scenario", "ransomware-cloud"}, {"speed", 0}});
  EXPECT_EQ(speed.status, 400) << speed.body;
  EXPECT_NE(speed.body.find("body: speed"), std::string::npos) << speed.body;
  auto player = post("acme-manager", base, {{"scenario", "ransomware-cloud"}, {"players", {{"ana", "hacker"}}}});
  EXPECT_EQ(player.status, 400) << player.body;
  EXPECT_NE(player.body.find("players.ana"), std::string::npos) << player.body;
  auto missing = get("acme-auditor", base + "/EX-9");
  EXPECT_EQ(missing.status, 404);
  // The API names its own listing, never a command line.
  EXPECT_NE(missing.body.find("GET /api/v1/orgs/{org}/exercises"), std::string::npos) << missing.body;
  EXPECT_EQ(missing.body.find("vigil exercise"), std::string::npos) << missing.body;
  auto nonsense = get("acme-auditor", base + "/nonsense");
  EXPECT_EQ(nonsense.status, 400);
  // The id is in the path, not the body; named as the route names it.
  EXPECT_EQ(json::parse(nonsense.body)["errors"][0]["where"], "id") << nonsense.body;

  start();
  auto rate = post("acme-compliance", base + "/EX-1/ratings", {{"expectation", "E99"}, {"result", "met"}});
  EXPECT_EQ(rate.status, 400) << rate.body;
  EXPECT_NE(rate.body.find("body: expectation"), std::string::npos) << rate.body;
  auto far = post("acme-compliance", base + "/EX-1/ratings", {{"expectation", "nothing-like-it"}, {"result", "met"}});
  EXPECT_EQ(far.status, 400) << far.body;
  EXPECT_NE(far.body.find("GET /api/v1/exercise/scenarios/ransomware-cloud"), std::string::npos) << far.body;
  auto result = post("acme-compliance", base + "/EX-1/ratings", {{"expectation", "E14"}, {"result", "great"}});
  EXPECT_NE(result.body.find("body: result"), std::string::npos) << result.body;
  auto inject = post("acme-manager", base + "/EX-1/injects", {{"text", "x"}, {"to", {"marketing"}}});
  EXPECT_EQ(inject.status, 400) << inject.body;
  EXPECT_NE(inject.body.find("body: to"), std::string::npos) << inject.body;
  auto note = post("acme-manager", base + "/EX-1/notes", {{"text", "  "}});
  EXPECT_EQ(note.status, 400) << note.body;
  auto awareness = post("acme-responder", base + "/EX-1/incident", {{"title", "t"}, {"awareness", "soon"}});
  EXPECT_EQ(awareness.status, 400) << awareness.body;
  EXPECT_NE(awareness.body.find("body: awareness"), std::string::npos) << awareness.body;
  EXPECT_EQ(get("acme-auditor", base + "/EX-1/report?format=pdf").status, 400);
  EXPECT_EQ(get("acme-auditor", base + "/EX-1/feed?as=marketing").status, 400);
}

TEST_F(LiveExerciseApi, RolesFacilitatePlayAndObserveAsThePolicySays) {
  start();
  // Players cannot steer, observers cannot play, the auditor only reads.
  EXPECT_EQ(post("acme-responder", base + "/EX-1/pause").status, 403);
  EXPECT_EQ(post("acme-compliance", base + "/EX-1/end").status, 403);
  EXPECT_EQ(post("acme-manager", base + "/EX-1/incident", {{"title", "t"}, {"awareness", "PT0S"}}).status, 403);
  EXPECT_EQ(post("acme-auditor", base + "/EX-1/notes", {{"text", "seen"}}).status, 403);
  EXPECT_EQ(post("acme-responder", base, {{"scenario", "ransomware-cloud"}}).status, 403);
  // Another organisation does not see it.
  EXPECT_EQ(get("globex-admin", base + "/EX-1").status, 404);
  EXPECT_EQ(get("globex-admin", "/api/v1/orgs/globex/exercises/EX-1").status, 404);
}

// Documented versus performed: a stored gap assessment takes the
// organisation's ended exercises as results; a running one is not a result.
TEST_F(LiveExerciseApi, AStoredGapAssessmentShowsTheEndedExercisesResults) {
  json soa = json::array({{{"control", "A.5.24"}, {"applicable", "yes"}, {"status", "implemented"}}});
  auto before = post("acme-compliance", "/api/v1/orgs/acme/gap-assessments", {{"soa", soa}, {"as_of", "2026-03-05"}});
  ASSERT_EQ(before.status, 201) << before.body;
  EXPECT_FALSE(json::parse(before.body)["report"].contains("exercises"));  // no exercise: the report as it was

  start();
  advance(60);
  ASSERT_EQ(post("acme-responder", base + "/EX-1/incident", {{"title", "t"}, {"awareness", "PT50M"}}).status, 201);
  auto running = post("acme-compliance", "/api/v1/orgs/acme/gap-assessments", {{"soa", soa}, {"as_of", "2026-03-05"}});
  EXPECT_FALSE(json::parse(running.body)["report"].contains("exercises")) << "a running exercise is no result";
  // Under way: on the dashboard as the exercise list shows it, not yet a result.
  json during = json::parse(get("acme-auditor", "/api/v1/orgs/acme/dashboard").body)["exercises"];
  EXPECT_EQ(during["ended"], 0) << during.dump();
  EXPECT_EQ(during["under_way"], 1) << during.dump();
  ASSERT_EQ(during["live"].size(), 1u) << during.dump();
  EXPECT_EQ(during["live"][0]["exercise"], "EX-1");
  EXPECT_EQ(during["live"][0]["state"], "running");
  EXPECT_EQ(during["live"][0]["scenario"], "ransomware-cloud");
  EXPECT_TRUE(during["live"][0]["incident"].is_string()) << during.dump();
  for (const auto& row : during["requirements"]) EXPECT_TRUE(row["latest"].is_null()) << row.dump();
  // Played to its end (an exercise ended before its final report was due
  // would not count as testing: below).
  ASSERT_EQ(post("acme-manager", base + "/EX-1/jump", {{"to", "P35D"}}).status, 200);
  ASSERT_EQ(post("acme-manager", base + "/EX-1/end").status, 200);

  auto after = post("acme-compliance", "/api/v1/orgs/acme/gap-assessments", {{"soa", soa}, {"as_of", "2026-03-05"}});
  ASSERT_EQ(after.status, 201) << after.body;
  json report = json::parse(after.body)["report"];
  ASSERT_TRUE(report.contains("exercises")) << report.dump();
  EXPECT_EQ(report["inputs"]["exercises"], json::array({"EX-1"}));
  json handling;
  for (const auto& row : report["exercises"]) {
    if (row["requirement"] == "rm.incident_handling") handling = row;
  }
  ASSERT_TRUE(handling.is_object()) << report["exercises"].dump();
  EXPECT_EQ(handling["latest"]["source"], "EX-1");
  EXPECT_EQ(handling["latest"]["ended"], "2026-03-02");  // the day it was ended (wall clock), not exercise time
  EXPECT_EQ(handling["testing_overdue"], false);

  // The dashboard: the latest result per requirement, overdue flags, the exercises under way.
  auto dashboard = json::parse(get("acme-auditor", "/api/v1/orgs/acme/dashboard").body);
  const json& exercises = dashboard["exercises"];
  EXPECT_EQ(exercises["ended"], 1) << exercises.dump();
  EXPECT_EQ(exercises["under_way"], 0);
  EXPECT_TRUE(exercises["live"].empty()) << "an ended exercise is no longer under way: " << exercises.dump();
  bool handled = false;
  for (const auto& row : exercises["requirements"]) {
    // Exercised within 12 months: not overdue; never exercised: overdue.
    EXPECT_EQ(row["testing_overdue"], row["latest"].is_null()) << row.dump();
    if (row["requirement"] == "rm.incident_handling") {
      handled = true;
      EXPECT_EQ(row["latest"]["source"], "EX-1") << row.dump();
      EXPECT_EQ(row["testing_due"], "2027-03-02") << row.dump();
    }
  }
  EXPECT_TRUE(handled) << exercises.dump();
  EXPECT_TRUE(exercises["performance_trend"].empty()) << "no real incident: " << exercises.dump();

  // A second exercise ended an hour in: ended early, before the awareness
  // inject, so not counted as testing, and said so beside the requirement.
  advance(60);
  auto second =
      post("acme-manager", base, {{"scenario", "ransomware-cloud"}, {"speed", 60}, {"players", {{"ana", "it"}}}});
  ASSERT_EQ(second.status, 201) << second.body;
  advance(1);
  auto ended = post("acme-manager", base + "/EX-2/end");
  ASSERT_EQ(ended.status, 200) << ended.body;
  EXPECT_EQ(json::parse(ended.body)["score"]["ended_early"], true) << ended.body;
  json again = json::parse(get("acme-auditor", "/api/v1/orgs/acme/dashboard").body)["exercises"];
  bool listed = false;
  for (const auto& row : again["requirements"]) {
    if (row["requirement"] != "rm.incident_handling") continue;
    EXPECT_EQ(row["latest"]["source"], "EX-1") << row.dump();
    ASSERT_EQ(row["not_counted"].size(), 1u) << row.dump();
    EXPECT_EQ(row["not_counted"][0]["source"], "EX-2") << row.dump();
    EXPECT_NE(row["not_counted"][0]["reason"].get<std::string>().find("not counted as testing"), std::string::npos)
        << row.dump();
    listed = true;
  }
  EXPECT_TRUE(listed) << again.dump();
}

// audit verify walks every exercise log: intact, then edited with plain SQL.
TEST_F(LiveExerciseApi, AuditVerifyWalksTheExerciseLogsAndFindsAnEditMadeWithPlainSql) {
  start();
  ASSERT_EQ(post("acme-compliance", base + "/EX-1/notes", {{"text", "Legal joined late"}}).status, 201);
  auto intact = json::parse(get("acme-auditor", "/api/v1/orgs/acme/audit/verify").body);
  EXPECT_EQ(intact["intact"], true) << intact.dump();
  EXPECT_EQ(intact["exercises"]["exercises"], 1);
  EXPECT_EQ(intact["exercises"]["entries"], 2);
  EXPECT_EQ(json::parse(get("globex-admin", "/api/v1/orgs/globex/audit/verify").body)["exercises"]["exercises"], 0);

  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(server.server().services().config.db.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "UPDATE exercise_events SET payload = replace(payload, 'Legal joined late', 'All went well') "
                         "WHERE exercise_id = 'EX-1' AND seq = 2",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto broken = json::parse(get("acme-auditor", "/api/v1/orgs/acme/audit/verify").body);
  EXPECT_EQ(broken["intact"], false) << broken.dump();
  ASSERT_EQ(broken["exercises"]["findings"].size(), 1u) << broken.dump();
  EXPECT_EQ(broken["exercises"]["findings"][0]["exercise"], "EX-1");
  EXPECT_EQ(broken["exercises"]["findings"][0]["seq"], 2);
  EXPECT_EQ(get("acme-auditor", base + "/EX-1/export").status, 409);

  // The scenario as played, changed in its row: the SHA-256 no longer matches.
  ASSERT_EQ(sqlite3_open(server.server().services().config.db.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE exercises SET scenario_text = scenario_text || ' ' WHERE exercise_id = 'EX-1'",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  broken = json::parse(get("acme-auditor", "/api/v1/orgs/acme/audit/verify").body);
  EXPECT_EQ(broken["exercises"]["findings"].size(), 2u) << broken.dump();
}

// A player's name is one line of safe text (it appears in every report of
// the exercise): ESC and U+202E are refused, naming the field and character.
TEST_F(LiveExerciseApi, PlayerNamesRefuseControlAndBidiCharacters) {
  auto esc = post("acme-manager", base, {{"scenario", "ransomware-cloud"}, {"players", {{"a\x1b[2J", "it"}}}});
  EXPECT_EQ(esc.status, 400) << esc.body;
  EXPECT_NE(esc.body.find("U+001B ESCAPE at character 2"), std::string::npos) << esc.body;
  EXPECT_EQ(esc.body.find('\x1b'), std::string::npos) << esc.body;
  auto rlo = post("acme-manager", base, {{"scenario", "ransomware-cloud"}, {"players", {{"a\xE2\x80\xAE", "it"}}}});
  EXPECT_EQ(rlo.status, 400) << rlo.body;
  EXPECT_NE(rlo.body.find("U+202E RIGHT-TO-LEFT OVERRIDE at character 2"), std::string::npos) << rlo.body;
  start();
  auto added = post("acme-manager", base + "/EX-1/players", {{"name", "b\xE2\x80\x8B"}, {"role", "legal"}});
  EXPECT_EQ(added.status, 400) << added.body;
  EXPECT_NE(added.body.find("U+200B ZERO WIDTH SPACE at character 2"), std::string::npos) << added.body;
  auto note = post("acme-manager", base + "/EX-1/notes", {{"text", "saw\xE2\x80\xA9it"}});
  EXPECT_EQ(note.status, 400) << note.body;
  EXPECT_NE(note.body.find("U+2029 PARAGRAPH SEPARATOR at character 4"), std::string::npos) << note.body;
}

}  // namespace
}  // namespace vigil::test
