// ISO 8601 durations as exercises use them: the offset of an inject or an
// action from the exercise start, and an expectation's window ("PT4H",
// "P1DT2H30M", "PT90S"). Offsets are elapsed time, so a day (D) is exactly
// 24 hours and a week (W) 7 days, whatever daylight-saving change falls inside
// the exercise; years and months (Y, M before T) have no fixed length and are
// refused, as are fractions and negative durations (an offset is to the second).
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/time.h"

namespace vigil::exercise {

using Seconds = std::chrono::seconds;

// At most 10 years in total: a longer offset is a typo, not an exercise.
inline constexpr Seconds kMaxDuration{10LL * 366 * 24 * 3600};

// The offset of `at` from `origin` (negative when before it).
inline Seconds offset_of(Instant at, Instant origin) { return std::chrono::duration_cast<Seconds>(at - origin); }

// "PnW", "PnDTnHnMnS" (any part optional, at least one present, T only before
// H, M, S). `where` names the field in the error ("scenario.toml:12: at").
Result<Seconds> parse_duration(std::string_view text, std::string_view where);

// The canonical form: days are not used (so the reader never wonders whether a
// day means 24 hours): "PT0S", "PT40M", "PT26H30M", "PT744H0M5S" is written
// "PT744H5S". Negative spans are written with a leading '-' ("-PT15M"), the
// ISO 8601-2 extension, for lags where the team was early.
std::string format_duration(Seconds span);

}  // namespace vigil::exercise
