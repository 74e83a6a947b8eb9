// The simulated clock of a live exercise: exercise time runs at `speed` times
// real time from the exercise's origin (its time zero), can be paused,
// resumed, jumped forward (to the next inject) and ended. Pure: every function
// takes the wall-clock time it is asked at (`wall`, read by the CLI or the
// server at the edge) and returns a new clock; nothing here reads a clock.
//
// Exercise time is elapsed time, like scenario offsets (duration.h): an hour
// of exercise time is 3600 s whatever daylight-saving change the scenario's
// time zone has inside it; only the local rendering (format_local) moves.
// The clock stops at the scenario's duration: time past the end is not
// exercise time, the facilitator ends the exercise there.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/error.h"
#include "core/time.h"
#include "exercise/duration.h"
#include "exercise/scenario.h"

namespace vigil::exercise {

// 1x to 3600x real time (one hour of exercise per second at most).
inline constexpr std::int64_t kMaxSpeed = 3600;

enum class ClockState { Running, Paused, Ended };
std::string_view to_string(ClockState state);  // "running" | "paused" | "ended"
Result<ClockState> parse_clock_state(std::string_view text, std::string_view where);

struct SimClock {
  Instant origin{};           // exercise time zero, as an instant (the scenario's start, or the one given)
  std::int64_t speed = 1;     // exercise seconds per wall-clock second
  Seconds duration{0};        // the scenario's duration: the clock stops there
  Instant anchor_wall{};      // the wall-clock time of the last start, pause, resume, jump or end
  Seconds anchor_elapsed{0};  // exercise time elapsed at anchor_wall
  ClockState state = ClockState::Running;
  bool operator==(const SimClock&) const = default;
};

// A running clock at exercise time zero. Errors: "speed" outside 1..3600,
// a duration that is not positive.
Result<SimClock> start_clock(Instant origin, std::int64_t speed, Seconds duration, Instant wall);

// Exercise time elapsed at `wall`: the anchor's, plus (wall - anchor) x speed
// while running, at most `duration`. A wall time before the anchor (a clock
// set back) counts as the anchor: exercise time never runs backwards.
Seconds elapsed(const SimClock& clock, Instant wall);
// The exercise's "now": origin + elapsed. What incident commands on an
// exercise incident use as their current time.
Instant exercise_now(const SimClock& clock, Instant wall);
// Whether the clock has reached the scenario's end (it runs no further).
bool at_end(const SimClock& clock, Instant wall);

// Each change re-anchors at `wall`. Errors name `what` ("pause", ...) and the
// state that forbids it: pausing a paused clock, resuming a running one,
// anything on an ended one (Conflict).
Result<SimClock> pause(const SimClock& clock, Instant wall);
Result<SimClock> resume(const SimClock& clock, Instant wall);
// Moves exercise time forward to `target` (an offset); a paused clock stays
// paused. Errors: a target not after the current elapsed time, or after the
// duration (InvalidInput, naming `where`).
Result<SimClock> jump_to(const SimClock& clock, Instant wall, Seconds target, std::string_view where);
// Freezes the clock for good at its elapsed time.
Result<SimClock> end(const SimClock& clock, Instant wall);

// The first scenario inject strictly after `elapsed`, or nullptr.
const Inject* next_inject(const Scenario& scenario, Seconds elapsed);

}  // namespace vigil::exercise
