#include "exercise/play.h"

#include <gtest/gtest.h>

#include "exercise_fixtures.h"

namespace vigil::exercise {
namespace {

std::string play_errors(const std::string& text) {
  auto p = parse_play(text, "play.json");
  EXPECT_FALSE(p.has_value()) << "expected an error";
  return p ? "" : describe(p.error());
}

void expect_play_error(const std::string& text, const std::string& needle) {
  std::string all = play_errors(text);
  EXPECT_NE(all.find(needle), std::string::npos) << "no '" << needle << "' in:\n" << all;
}

TEST(Play, ReadsTheIssueExampleAndSortsActionsByTime) {
  Play p = testing::play_ok(R"({"players": {"ana": "it", "bo": "legal"}, "actions": [
    {"at": "PT2H", "by": "ana", "action": "assess", "facts": {"users_eu_total": 10}, "judgement": "significant"},
    {"at": "PT1H", "by": "ana", "action": "open", "awareness": "PT40M"},
    {"at": "PT5H", "by": "bo", "action": "decide", "tags": ["containment"], "decision": "d", "rationale": "r",
     "options": ["o"], "known": ["k"], "unknown": ["u"], "confidence": "medium"},
    {"at": "PT20H", "by": "ana", "action": "submit", "report": "early-warning", "to": "csirt"},
    {"at": "PT30H", "by": "obs", "action": "rate", "expectation": "E7", "result": "met"}]})");
  ASSERT_EQ(p.actions.size(), 5u);
  EXPECT_EQ(p.actions[0].kind, PlayKind::Open);
  EXPECT_EQ(p.actions[0].awareness, Seconds{2400});
  EXPECT_EQ(p.actions[0].index, 1u);
  EXPECT_EQ(p.actions[1].judgement, true);
  EXPECT_EQ(p.actions[2].confidence, incident::Confidence::Medium);
  EXPECT_EQ(p.actions[3].report, incident::SubmissionType::EarlyWarning);
  EXPECT_EQ(p.actions[3].to, incident::Recipient::Csirt);
  EXPECT_EQ(p.actions[4].result, Rating::Met);
  EXPECT_EQ(p.find_player("bo")->role, "legal");
}

TEST(Play, BadInputIsAnErrorNamingTheField) {
  expect_play_error(R"({"players": {"ana": "lawyer"}, "actions": []})",
                    "play.json: players.ana: 'lawyer' is not a role");
  expect_play_error(R"({"actions": []})", "play.json: players: is required");
  expect_play_error(
      R"({"players": {}, "actions": [{"at": "PT1H", "by": "zoe", "action": "open", "awareness": "PT1H"}]})",
      "play.json: actions[0]: by: 'zoe' is not a player");
  expect_play_error(
      R"({"players": {"ana": "it"}, "actions": [{"at": "PT1H", "by": "ana", "action": "open", "awareness": "PT2H"}]})",
      "actions[0]: awareness: PT2H is later than the open itself");
  expect_play_error(R"({"players": {"ana": "it"}, "actions": [{"at": "PT1H", "by": "ana", "action": "open"}]})",
                    "actions[0]: awareness: is required");
  expect_play_error(
      R"({"players": {"ana": "it"}, "actions": [{"at": "1h", "by": "ana", "action": "open", "awareness": "PT0S"}]})",
      "actions[0]: at: '1h' is not an ISO 8601 duration");
  expect_play_error(R"({"players": {"ana": "it"}, "actions": [{"at": "PT1H", "by": "ana", "action": "panic"}]})",
                    "actions[0]: action");
  expect_play_error(
      R"({"players": {"ana": "it"}, "actions": [{"at": "PT1H", "by": "ana", "action": "submit", "report": "warning", "to": "csirt"}]})",
      "actions[0]: report");
  expect_play_error(
      R"({"players": {"ana": "it"}, "actions": [{"at": "PT1H", "by": "ana", "action": "submit", "report": "final", "to": "press"}]})",
      "actions[0]: to");
  expect_play_error(
      R"({"players": {"ana": "it"}, "actions": [{"at": "PT1H", "by": "ana", "action": "decide", "tags": ["x"], "decision": "d", "confidence": "sure"}]})",
      "actions[0]: confidence");
  expect_play_error(
      R"({"players": {"ana": "it"}, "actions": [{"at": "PT1H", "by": "ana", "action": "open", "awareness": "PT0S", "note": "x"}]})",
      "actions[0]: note: unknown field");
  expect_play_error(R"({"players": {"ana": "it"}, "actions": [], "actions": []})", "play.json");
  expect_play_error(
      R"({"players": {"ana": "it"}, "actions": [{"at": "PT1H", "by": "o", "action": "improvement", "text": "t", "owner": "o", "due": "2026-02-30", "requirements": []}]})",
      "actions[0]: due");
  expect_play_error(R"({"players": {"ana": "it"}, "actions": [], "started_at": "2026-03-28T12:00:00"})", "started_at");
  expect_play_error(
      R"({"players": {"ana": "it"}, "actions": [{"at": "PT1H", "by": "o", "action": "improvement", "text": "t", "owner": "o", "due": "2026-06-30", "requirements": ["rm.crisis"]}]})",
      "actions[0]: requirements: 'rm.crisis' is neither a NIS2 requirement id");
  expect_play_error("[", "play.json");
}

}  // namespace
}  // namespace vigil::exercise
