#include "exercise/sim_clock.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/names.h"

namespace vigil::exercise {

namespace {

tl::unexpected<Error> conflict(std::string_view what, std::string_view why) {
  return tl::unexpected<Error>(Error{ErrorCode::Conflict, std::string(what), std::string(why), {}});
}

SimClock anchored(const SimClock& clock, Instant wall, ClockState state) {
  SimClock next = clock;
  next.anchor_elapsed = elapsed(clock, wall);
  next.anchor_wall = std::max(wall, clock.anchor_wall);
  next.state = state;
  return next;
}

constexpr EnumNames<ClockState, 3> kClockStates{{"running", "paused", "ended"}};

}  // namespace

std::string_view to_string(ClockState state) { return name_of(state, kClockStates); }

Result<ClockState> parse_clock_state(std::string_view text, std::string_view where) {
  if (auto state = value_named(text, kClockStates)) return *state;
  return invalid(std::string(where), fmt::format("'{}' is not a clock state; expected running, paused or ended", text));
}

Result<SimClock> start_clock(Instant origin, std::int64_t speed, Seconds duration, Instant wall) {
  if (speed < 1 || speed > kMaxSpeed) {
    return invalid("speed", fmt::format("{} is not a speed; expected a whole number from 1 (real time) to {} "
                                        "(one exercise hour per second)",
                                        speed, kMaxSpeed));
  }
  if (duration <= Seconds{0}) return invalid("duration", "an exercise needs a positive duration");
  return SimClock{origin, speed, duration, wall, Seconds{0}, ClockState::Running};
}

Seconds elapsed(const SimClock& clock, Instant wall) {
  Seconds at = clock.anchor_elapsed;
  if (clock.state == ClockState::Running && wall > clock.anchor_wall) {
    auto wall_s = (wall - clock.anchor_wall).count();
    // Saturate instead of overflowing: anything past the duration is the duration.
    auto limit = (clock.duration - at).count();
    at += wall_s >= limit / clock.speed + 1 ? Seconds{limit} : Seconds{wall_s * clock.speed};
  }
  return std::min(at, clock.duration);
}

Instant exercise_now(const SimClock& clock, Instant wall) { return clock.origin + elapsed(clock, wall); }

bool at_end(const SimClock& clock, Instant wall) { return elapsed(clock, wall) >= clock.duration; }

Result<SimClock> pause(const SimClock& clock, Instant wall) {
  if (clock.state == ClockState::Ended) return conflict("pause", "the exercise has ended; its clock is frozen");
  if (clock.state == ClockState::Paused) return conflict("pause", "the clock is already paused; resume it first");
  return anchored(clock, wall, ClockState::Paused);
}

Result<SimClock> resume(const SimClock& clock, Instant wall) {
  if (clock.state == ClockState::Ended) return conflict("resume", "the exercise has ended; its clock is frozen");
  if (clock.state == ClockState::Running) return conflict("resume", "the clock is already running");
  return anchored(clock, wall, ClockState::Running);
}

Result<SimClock> jump_to(const SimClock& clock, Instant wall, Seconds target, std::string_view where) {
  if (clock.state == ClockState::Ended) return conflict("jump", "the exercise has ended; its clock is frozen");
  SimClock next = anchored(clock, wall, clock.state);
  if (target <= next.anchor_elapsed) {
    return invalid(std::string(where), fmt::format("{} is not ahead of the exercise clock ({}); the clock only moves "
                                                   "forward",
                                                   format_duration(target), format_duration(next.anchor_elapsed)));
  }
  if (target > clock.duration) {
    return invalid(std::string(where), fmt::format("{} is after the end of the exercise ({})", format_duration(target),
                                                   format_duration(clock.duration)));
  }
  next.anchor_elapsed = target;
  return next;
}

Result<SimClock> end(const SimClock& clock, Instant wall) {
  if (clock.state == ClockState::Ended) return conflict("end", "the exercise has already ended");
  return anchored(clock, wall, ClockState::Ended);
}

const Inject* next_inject(const Scenario& scenario, Seconds at) {
  for (const auto& inject : scenario.injects) {
    if (inject.at > at) return &inject;
  }
  return nullptr;
}

}  // namespace vigil::exercise
