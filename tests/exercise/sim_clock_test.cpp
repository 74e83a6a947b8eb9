#include "exercise/sim_clock.h"

#include <gtest/gtest.h>

#include "exercise_fixtures.h"
#include "incident/deadlines.h"
#include "test_time.h"

namespace vigil::exercise {
namespace {

using namespace std::chrono_literals;
using testing::locate;
using testing::parse_ok;
using testing::scenario_text;

using vigil::test::at;

const Instant kClockOrigin = at("2026-03-28T12:00:00+01:00");
const Instant kClockWall = at("2030-01-01T09:00:00Z");

SimClock started(std::int64_t speed, Seconds duration = Seconds{96h}) {
  auto c = start_clock(kClockOrigin, speed, duration, kClockWall);
  EXPECT_TRUE(c.has_value());
  return *c;
}

TEST(SimClock, RunsAtSpeedFromTimeZero) {
  SimClock c = started(1);
  EXPECT_EQ(elapsed(c, kClockWall), 0s);
  EXPECT_EQ(exercise_now(c, kClockWall), kClockOrigin);
  EXPECT_EQ(elapsed(c, kClockWall + 90s), 90s);
  SimClock fast = started(60);
  EXPECT_EQ(elapsed(fast, kClockWall + 1s), 60s);
  EXPECT_EQ(elapsed(fast, kClockWall + 90s), 90min);
  EXPECT_EQ(exercise_now(fast, kClockWall + 60s), kClockOrigin + 1h);
}

TEST(SimClock, SpeedBoundaries) {
  EXPECT_TRUE(start_clock(kClockOrigin, 1, 1h, kClockWall).has_value());
  EXPECT_TRUE(start_clock(kClockOrigin, kMaxSpeed, 1h, kClockWall).has_value());
  auto zero = start_clock(kClockOrigin, 0, 1h, kClockWall);
  ASSERT_FALSE(zero.has_value());
  EXPECT_EQ(zero.error().where, "speed");
  EXPECT_NE(zero.error().message.find("1 (real time) to 3600"), std::string::npos);
  EXPECT_FALSE(start_clock(kClockOrigin, kMaxSpeed + 1, 1h, kClockWall).has_value());
  EXPECT_FALSE(start_clock(kClockOrigin, -5, 1h, kClockWall).has_value());
  EXPECT_FALSE(start_clock(kClockOrigin, 1, 0s, kClockWall).has_value());
}

TEST(SimClock, WallTimeBeforeTheAnchorDoesNotRunBackwards) {
  SimClock c = started(10);
  EXPECT_EQ(elapsed(c, kClockWall - 1h), 0s);
}

TEST(SimClock, StopsAtTheDurationWithoutOverflow) {
  SimClock c = started(kMaxSpeed, Seconds{96h});
  EXPECT_EQ(elapsed(c, kClockWall + 95s), 95h);
  EXPECT_FALSE(at_end(c, kClockWall + 95s));
  EXPECT_EQ(elapsed(c, kClockWall + 96s), 96h);
  EXPECT_TRUE(at_end(c, kClockWall + 96s));
  EXPECT_EQ(elapsed(c, kClockWall + 97s), 96h);
  EXPECT_EQ(elapsed(c, Instant{std::chrono::seconds{INT64_MAX / 4}}), 96h);
}

TEST(SimClock, PauseFreezesAndResumeContinuesFromThere) {
  SimClock c = started(60);
  auto paused = pause(c, kClockWall + 10s);  // 10 min of exercise time
  ASSERT_TRUE(paused.has_value());
  EXPECT_EQ(paused->state, ClockState::Paused);
  EXPECT_EQ(elapsed(*paused, kClockWall + 10s), 10min);
  EXPECT_EQ(elapsed(*paused, kClockWall + 1h), 10min);  // an hour of coffee costs no exercise time
  auto resumed = resume(*paused, kClockWall + 1h);
  ASSERT_TRUE(resumed.has_value());
  EXPECT_EQ(elapsed(*resumed, kClockWall + 1h), 10min);
  EXPECT_EQ(elapsed(*resumed, kClockWall + 1h + 1s), 11min);
  // Twice in a row is a conflict that says what to do.
  auto again = pause(*paused, kClockWall + 2h);
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::Conflict);
  EXPECT_FALSE(resume(*resumed, kClockWall + 2h).has_value());
}

TEST(SimClock, JumpMovesForwardOnlyAndKeepsThePause) {
  SimClock c = started(1);
  auto jumped = jump_to(c, kClockWall + 30s, 2h, "--to");
  ASSERT_TRUE(jumped.has_value());
  EXPECT_EQ(elapsed(*jumped, kClockWall + 30s), 2h);
  EXPECT_EQ(elapsed(*jumped, kClockWall + 40s), 2h + 10s);
  // Exactly the current time is not ahead; one second later is.
  auto same = jump_to(*jumped, kClockWall + 40s, 2h + 10s, "--to");
  ASSERT_FALSE(same.has_value());
  EXPECT_EQ(same.error().where, "--to");
  EXPECT_TRUE(jump_to(*jumped, kClockWall + 40s, 2h + 11s, "--to").has_value());
  // To the end exactly is fine; past it is not.
  EXPECT_TRUE(jump_to(c, kClockWall, 96h, "--to").has_value());
  EXPECT_FALSE(jump_to(c, kClockWall, 96h + 1s, "--to").has_value());
  auto paused = pause(c, kClockWall + 5s);
  auto paused_jump = jump_to(*paused, kClockWall + 50s, 1h, "--to");
  ASSERT_TRUE(paused_jump.has_value());
  EXPECT_EQ(paused_jump->state, ClockState::Paused);
  EXPECT_EQ(elapsed(*paused_jump, kClockWall + 2h), 1h);
}

TEST(SimClock, EndFreezesForGood) {
  SimClock c = started(60);
  auto ended = end(c, kClockWall + 2s);
  ASSERT_TRUE(ended.has_value());
  EXPECT_EQ(elapsed(*ended, kClockWall + 1000s), 2min);
  EXPECT_FALSE(resume(*ended, kClockWall + 3s).has_value());
  EXPECT_FALSE(pause(*ended, kClockWall + 3s).has_value());
  EXPECT_FALSE(jump_to(*ended, kClockWall + 3s, 3h, "--to").has_value());
  EXPECT_FALSE(end(*ended, kClockWall + 3s).has_value());
}

TEST(SimClock, NextInjectIsStrictlyAfterTheClock) {
  Scenario s = parse_ok(scenario_text());  // I1 at PT0S, I2 at PT1H
  ASSERT_EQ(s.injects.size(), 2u);
  EXPECT_EQ(next_inject(s, 0s)->id, "I2");
  EXPECT_EQ(next_inject(s, 59min)->id, "I2");
  EXPECT_EQ(next_inject(s, 1h), nullptr);
  // Jump to the next inject: the clock then shows it as arrived.
  SimClock c = started(1);
  auto jumped = jump_to(c, kClockWall, next_inject(s, elapsed(c, kClockWall))->at, "jump");
  EXPECT_EQ(elapsed(*jumped, kClockWall), 1h);
}

TEST(SimClock, DaylightSavingInsideTheExerciseMovesOnlyTheLocalTime) {
  // Berlin changes to summer time on 29 March 2026 at 02:00 CET (01:00 UTC).
  const date::time_zone* berlin = locate("Europe/Berlin");
  ASSERT_NE(berlin, nullptr);
  Instant origin = at("2026-03-29T00:30:00+01:00");
  auto c = start_clock(origin, 60, Seconds{48h}, kClockWall);
  ASSERT_TRUE(c.has_value());
  // Two wall minutes at 60x: two exercise hours, so 02:30 CET would be 03:30 CEST.
  Instant now = exercise_now(*c, kClockWall + 120s);
  EXPECT_EQ(now, at("2026-03-29T01:30:00Z"));
  EXPECT_EQ(incident::format_local(now, *berlin), incident::format_local(at("2026-03-29T03:30:00+02:00"), *berlin));
  // The 24-hour early warning from an awareness declared then is 24 elapsed hours later.
  auto later = jump_to(*c, kClockWall + 120s, Seconds{26h}, "jump");
  EXPECT_EQ(exercise_now(*later, kClockWall + 120s) - now, 24h);
}

}  // namespace
}  // namespace vigil::exercise
