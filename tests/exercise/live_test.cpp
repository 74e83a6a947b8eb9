#include "exercise/live.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "exercise/score.h"
#include "exercise_fixtures.h"
#include "incident/commands.h"
#include "incident/record.h"
#include "test_time.h"
#include "tzdata/zones.h"

namespace vigil::exercise {
namespace {

using namespace std::chrono_literals;
using testing::parse_ok;
using testing::scenario_text;

using vigil::test::at;

const Instant kOrigin = at("2026-03-28T12:00:00+01:00");
const Instant kWall = at("2030-01-01T09:00:00Z");

std::vector<incident::Event> sealed(std::vector<incident::EventDraft> drafts) {
  std::vector<incident::Event> out;
  for (auto& d : drafts) out.push_back(incident::seal("default", "EX-1", out.empty() ? nullptr : &out.back(), d));
  return out;
}

TEST(LiveLog, ReadsPlayersInjectsAndObserverEntries) {
  auto log = read_live_log(sealed({
      live_entry("started", "fac", kWall, 0s, {{"players", {{"ana", "it"}}}}),
      live_entry("player", "fac", kWall, 5min, {{"name", "bo"}, {"role", "legal"}}),
      live_entry("inject", "fac", kWall, 20min,
                 {{"id", "X1"}, {"channel", "phone"}, {"to", {"legal"}}, {"title", ""}, {"text", "A call"}}),
      live_entry("paused", "fac", kWall, 25min, {}),
      live_entry("involved", "bo", kWall, 30min, {{"role", "dpo"}}),
      live_entry("note", "obs", kWall, 40min, {{"text", "fine"}}),
      live_entry("rated", "obs", kWall, 50min, {{"expectation", "E2"}, {"result", "late"}, {"text", ""}}),
  }));
  ASSERT_TRUE(log) << describe(log.error());
  ASSERT_EQ(log->players.size(), 2u);
  EXPECT_EQ(log->players[1].role, "legal");
  ASSERT_EQ(log->ad_hoc.size(), 1u);
  EXPECT_EQ(log->ad_hoc[0].at, 20min);
  ASSERT_EQ(log->recorded.size(), 3u);
  EXPECT_EQ(log->recorded[0].kind, PlayKind::Involve);
  EXPECT_EQ(log->recorded[2].result, Rating::Late);
  EXPECT_FALSE(log->recorded[2].after_end);
}

TEST(LiveLog, ARatingAfterTheEndCountsAndSaysSo) {
  Scenario s = parse_ok(
      scenario_text("\n[[expectations]]\nid = \"E9\"\nobjective = \"O1\"\naction = \"custom\"\ntitle = \"Briefed\"\n"
                    "after = \"I1\"\nwithin = \"PT1H\"\n"));
  auto log = read_live_log(sealed({
      live_entry("started", "fac", kWall, 0s, {{"players", nlohmann::json::object()}}),
      live_entry("rated", "obs", kWall, 50min, {{"expectation", "E9"}, {"result", "met"}, {"text", ""}}),
      live_entry("ended", "fac", kWall, 60min, {}),
      live_entry("rated", "obs", kWall + 1h, 60min,
                 {{"expectation", "E9"}, {"result", "late"}, {"text", "on reflection"}}),
  }));
  ASSERT_TRUE(log) << describe(log.error());
  ASSERT_EQ(log->recorded.size(), 2u);
  EXPECT_FALSE(log->recorded[0].after_end);
  EXPECT_TRUE(log->recorded[1].after_end);
  Play play;
  play.ended_at = 60min;
  play.actions = log->recorded;
  auto result = score(s, play);
  ASSERT_TRUE(result) << describe(result.error());
  const auto& e9 = result->expectations.back();
  EXPECT_EQ(e9.expectation->id, "E9");
  EXPECT_EQ(e9.status, Status::Late);  // the last word counts, made after the end
  EXPECT_TRUE(e9.observer_after_end);
  EXPECT_EQ(e9.reason, "rated by an observer after the exercise ended");
}

TEST(LiveLog, AnEntryWithoutExerciseTimeOrOfUnknownKindIsNamed) {
  auto unknown = read_live_log(sealed({live_entry("teleported", "x", kWall, 0s, {})}));
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().where, "EX-1 entry 1");
  auto bare = read_live_log(sealed({incident::EventDraft{"note", "x", kWall, R"({"text":"t"})"}}));
  ASSERT_FALSE(bare);
  EXPECT_EQ(bare.error().where, "EX-1 entry 1");
}

TEST(LiveLog, PlayersOnlySeeWhatIsAddressedToThemOnceItArrived) {
  Scenario s = parse_ok(scenario_text());  // I1 PT0S to security, I2 PT1H to it
  LiveLog log;
  log.ad_hoc.push_back({30min, "X1", "phone", {"all"}, "", "Everyone", true, "fac"});
  EXPECT_EQ(feed(s, log, 0s, "it").size(), 0u);
  EXPECT_EQ(feed(s, log, 30min, "it").size(), 1u);  // the ad-hoc one, to all
  EXPECT_EQ(feed(s, log, 1h, "it").size(), 2u);     // I2 arrives exactly at its moment
  EXPECT_EQ(feed(s, log, 1h, "security").size(), 2u);
  EXPECT_EQ(feed(s, log, 1h, "").size(), 3u);   // the facilitator sees all
  EXPECT_EQ(feed(s, log, 1h, "")[1].id, "X1");  // in time order
}

TEST(LivePlay, TheIncidentRecordBecomesThePlayAndScoresWithTheSameRules) {
  Scenario s = parse_ok(scenario_text());  // E1 early warning by the deadline; E2 decide containment within 2 h of I2
  incident::Incident r;
  r.id = "INC-1";
  r.exercise = "EX-1";
  r.opened_by = "ana";
  r.opened_at = kOrigin + 70min;
  r.awareness = kOrigin + 1h;
  incident::Decision d;
  d.decided_at = kOrigin + 3h;  // exactly at E2's due moment: met
  d.decided_by = "ana";
  d.decision = "Isolate";
  d.rationale = "spreading";
  d.tags = {"containment"};
  r.decisions.push_back(d);
  incident::Submission sub;
  sub.by = "ana";
  sub.type = incident::SubmissionType::EarlyWarning;
  sub.recipient = incident::Recipient::Csirt;
  sub.submitted_at = kOrigin + 25h + 1s;  // one second after the 24 h deadline: late
  r.submissions.push_back(sub);
  LiveLog log;
  log.players = {{"ana", "it"}};
  Play play = live_play(log, &r, {}, kOrigin);
  ASSERT_EQ(play.actions.size(), 3u);
  EXPECT_EQ(play.actions[0].kind, PlayKind::Open);
  EXPECT_EQ(play.actions[0].awareness, 1h);
  auto scored = score(s, play);
  ASSERT_TRUE(scored) << describe(scored.error());
  ASSERT_EQ(scored->expectations.size(), 2u);
  EXPECT_EQ(scored->expectations[0].status, Status::Late);
  EXPECT_EQ(scored->expectations[1].status, Status::Met);
  // Without the incident nothing was declared: the awareness-anchored deadline is missed.
  Play empty = live_play(log, nullptr, {}, kOrigin);
  auto none = score(s, empty);
  ASSERT_TRUE(none);
  EXPECT_EQ(none->expectations[0].status, Status::Missed);
}

// The exercise's incident as the team opened it at PT10M, aware since PT5M.
incident::Incident exercise_incident() {
  auto opened = incident::open_incident(
      {"Ransomware", kOrigin + 5min, "Europe/Berlin", "digital_infrastructure.cloud_computing_service_provider", false,
       "ana", kOrigin + 10min, std::nullopt, "EX-1"},
      tzdata::zones());
  EXPECT_TRUE(opened);
  std::vector<incident::Event> entries{incident::seal("default", "INC-1", nullptr, *opened)};
  auto record = incident::replay(entries, tzdata::zones());
  EXPECT_TRUE(record) << describe(record.error());
  return *record;
}

incident::EventDraft decision(const incident::Incident& r, std::string by, Instant decided_at) {
  auto d = incident::decide(r, {decided_at,
                                {"Isolate", {}, "spreading", {}, {}, incident::Confidence::Medium, {"containment"}},
                                std::move(by),
                                kOrigin + 2h});
  EXPECT_TRUE(d) << describe(d.error());
  return *d;
}

TEST(LiveEntry, AnActionClaimingAMomentBeforeTheExerciseStartedIsRefused) {
  incident::Incident r = exercise_incident();
  LiveLog log;
  log.players = {{"ana", "it"}};
  // Exactly at the start is inside the exercise; one second before is not.
  EXPECT_TRUE(check_live_entry(log, r, decision(r, "ana", kOrigin), kOrigin, "--by", "--time", tzdata::zones()));
  auto early = check_live_entry(log, r, decision(r, "ana", kOrigin - 1s), kOrigin, "--by", "--time", tzdata::zones());
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().where, "--time");
  EXPECT_NE(early.error().message.find("PT1S before the exercise started"), std::string::npos) << early.error().message;
}

TEST(LiveEntry, OnlyPlayersActWhenTheExerciseHasPlayers) {
  incident::Incident r = exercise_incident();
  LiveLog log;
  log.players = {{"ana", "it"}, {"bo", "legal"}};
  EXPECT_TRUE(check_live_entry(log, r, decision(r, "bo", kOrigin + 1h), kOrigin, "by", "decided_at", tzdata::zones()));
  auto stranger =
      check_live_entry(log, r, decision(r, "nobody", kOrigin + 1h), kOrigin, "by", "decided_at", tzdata::zones());
  ASSERT_FALSE(stranger);
  EXPECT_EQ(stranger.error().where, "by");
  EXPECT_NE(stranger.error().message.find("'nobody' is not a player of this exercise (players: ana, bo)"),
            std::string::npos)
      << stranger.error().message;
  EXPECT_FALSE(check_player(log, "Ana", "--by"));  // names are exact
  // An exercise without players has no one to check against.
  EXPECT_TRUE(check_live_entry(LiveLog{}, r, decision(r, "nobody", kOrigin + 1h), kOrigin, "by", "decided_at",
                               tzdata::zones()));
}

TEST(LivePlay, PlayerArgumentsNameTheField) {
  EXPECT_TRUE(parse_player("ana=it", "--player"));
  EXPECT_EQ(parse_player("ana", "--player").error().where, "--player");
  EXPECT_EQ(parse_player("=it", "--player").error().where, "--player");
  EXPECT_FALSE(parse_player("ana=wizard", "--player"));
}

}  // namespace
}  // namespace vigil::exercise
