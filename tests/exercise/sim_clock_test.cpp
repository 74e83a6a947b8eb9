#include "exercise/sim_clock.h"

#include <gtest/gtest.h>

#include "exercise_fixtures.h"
#include "incident/deadlines.h"

namespace vigil::exercise {
namespace {

using namespace std::chrono_literals;
using testing::locate;
using testing::parse_ok;
using testing::scenario_text;

Instant at(std::string_view text) { return *parse_rfc3339(text, "t"); }

const Instant kOrigin = at("2026-03-28T12:00:00+01:00");
const Instant kWall = at("2030-01-01T09:00:00Z");

SimClock started(std::int64_t speed, Seconds duration = Seconds{96h}) {
  auto c = start_clock(kOrigin, speed, duration, kWall);
  EXPECT_TRUE(c.has_value());
  return *c;
}

TEST(SimClock, RunsAtSpeedFromTimeZero) {
  SimClock c = started(1);
  EXPECT_EQ(elapsed(c, kWall), 0s);
  EXPECT_EQ(exercise_now(c, kWall), kOrigin);
  EXPECT_EQ(elapsed(c, kWall + 90s), 90s);
  SimClock fast = started(60);
  EXPECT_EQ(elapsed(fast, kWall + 1s), 60s);
  EXPECT_EQ(elapsed(fast, kWall + 90s), 90min);
  EXPECT_EQ(exercise_now(fast, kWall + 60s), kOrigin + 1h);
}

TEST(SimClock, SpeedBoundaries) {
  EXPECT_TRUE(start_clock(kOrigin, 1, 1h, kWall).has_value());
  EXPECT_TRUE(start_clock(kOrigin, kMaxSpeed, 1h, kWall).has_value());
  auto zero = start_clock(kOrigin, 0, 1h, kWall);
  ASSERT_FALSE(zero.has_value());
  EXPECT_EQ(zero.error().where, "speed");
  EXPECT_NE(zero.error().message.find("1 (real time) to 3600"), std::string::npos);
  EXPECT_FALSE(start_clock(kOrigin, kMaxSpeed + 1, 1h, kWall).has_value());
  EXPECT_FALSE(start_clock(kOrigin, -5, 1h, kWall).has_value());
  EXPECT_FALSE(start_clock(kOrigin, 1, 0s, kWall).has_value());
}

TEST(SimClock, WallTimeBeforeTheAnchorDoesNotRunBackwards) {
  SimClock c = started(10);
  EXPECT_EQ(elapsed(c, kWall - 1h), 0s);
}

TEST(SimClock, StopsAtTheDurationWithoutOverflow) {
  SimClock c = started(kMaxSpeed, Seconds{96h});
  EXPECT_EQ(elapsed(c, kWall + 95s), 95h);
  EXPECT_FALSE(at_end(c, kWall + 95s));
  EXPECT_EQ(elapsed(c, kWall + 96s), 96h);
  EXPECT_TRUE(at_end(c, kWall + 96s));
  EXPECT_EQ(elapsed(c, kWall + 97s), 96h);
  EXPECT_EQ(elapsed(c, Instant{std::chrono::seconds{INT64_MAX / 4}}), 96h);
}

TEST(SimClock, PauseFreezesAndResumeContinuesFromThere) {
  SimClock c = started(60);
  auto paused = pause(c, kWall + 10s);  // 10 min of exercise time
  ASSERT_TRUE(paused.has_value());
  EXPECT_EQ(paused->state, ClockState::Paused);
  EXPECT_EQ(elapsed(*paused, kWall + 10s), 10min);
  EXPECT_EQ(elapsed(*paused, kWall + 1h), 10min);  // an hour of coffee costs no exercise time
  auto resumed = resume(*paused, kWall + 1h);
  ASSERT_TRUE(resumed.has_value());
  EXPECT_EQ(elapsed(*resumed, kWall + 1h), 10min);
  EXPECT_EQ(elapsed(*resumed, kWall + 1h + 1s), 11min);
  // Twice in a row is a conflict that says what to do.
  auto again = pause(*paused, kWall + 2h);
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::Conflict);
  EXPECT_FALSE(resume(*resumed, kWall + 2h).has_value());
}

TEST(SimClock, JumpMovesForwardOnlyAndKeepsThePause) {
  SimClock c = started(1);
  auto jumped = jump_to(c, kWall + 30s, 2h, "--to");
  ASSERT_TRUE(jumped.has_value());
  EXPECT_EQ(elapsed(*jumped, kWall + 30s), 2h);
  EXPECT_EQ(elapsed(*jumped, kWall + 40s), 2h + 10s);
  // Exactly the current time is not ahead; one second later is.
  auto same = jump_to(*jumped, kWall + 40s, 2h + 10s, "--to");
  ASSERT_FALSE(same.has_value());
  EXPECT_EQ(same.error().where, "--to");
  EXPECT_TRUE(jump_to(*jumped, kWall + 40s, 2h + 11s, "--to").has_value());
  // To the end exactly is fine; past it is not.
  EXPECT_TRUE(jump_to(c, kWall, 96h, "--to").has_value());
  EXPECT_FALSE(jump_to(c, kWall, 96h + 1s, "--to").has_value());
  auto paused = pause(c, kWall + 5s);
  auto paused_jump = jump_to(*paused, kWall + 50s, 1h, "--to");
  ASSERT_TRUE(paused_jump.has_value());
  EXPECT_EQ(paused_jump->state, ClockState::Paused);
  EXPECT_EQ(elapsed(*paused_jump, kWall + 2h), 1h);
}

TEST(SimClock, EndFreezesForGood) {
  SimClock c = started(60);
  auto ended = end(c, kWall + 2s);
  ASSERT_TRUE(ended.has_value());
  EXPECT_EQ(elapsed(*ended, kWall + 1000s), 2min);
  EXPECT_FALSE(resume(*ended, kWall + 3s).has_value());
  EXPECT_FALSE(pause(*ended, kWall + 3s).has_value());
  EXPECT_FALSE(jump_to(*ended, kWall + 3s, 3h, "--to").has_value());
  EXPECT_FALSE(end(*ended, kWall + 3s).has_value());
}

TEST(SimClock, NextInjectIsStrictlyAfterTheClock) {
  Scenario s = parse_ok(scenario_text());  // I1 at PT0S, I2 at PT1H
  ASSERT_EQ(s.injects.size(), 2u);
  EXPECT_EQ(next_inject(s, 0s)->id, "I2");
  EXPECT_EQ(next_inject(s, 59min)->id, "I2");
  EXPECT_EQ(next_inject(s, 1h), nullptr);
  // Jump to the next inject: the clock then shows it as arrived.
  SimClock c = started(1);
  auto jumped = jump_to(c, kWall, next_inject(s, elapsed(c, kWall))->at, "jump");
  EXPECT_EQ(elapsed(*jumped, kWall), 1h);
}

TEST(SimClock, DaylightSavingInsideTheExerciseMovesOnlyTheLocalTime) {
  // Berlin changes to summer time on 29 March 2026 at 02:00 CET (01:00 UTC).
  const date::time_zone* berlin = locate("Europe/Berlin");
  ASSERT_NE(berlin, nullptr);
  Instant origin = at("2026-03-29T00:30:00+01:00");
  auto c = start_clock(origin, 60, Seconds{48h}, kWall);
  ASSERT_TRUE(c.has_value());
  // Two wall minutes at 60x: two exercise hours, so 02:30 CET would be 03:30 CEST.
  Instant now = exercise_now(*c, kWall + 120s);
  EXPECT_EQ(now, at("2026-03-29T01:30:00Z"));
  EXPECT_EQ(incident::format_local(now, *berlin), incident::format_local(at("2026-03-29T03:30:00+02:00"), *berlin));
  // The 24-hour early warning from an awareness declared then is 24 elapsed hours later.
  auto later = jump_to(*c, kWall + 120s, Seconds{26h}, "jump");
  EXPECT_EQ(exercise_now(*later, kWall + 120s) - now, 24h);
}

}  // namespace
}  // namespace vigil::exercise
