// Instants and calendar dates. Inside Vigil time is an absolute UTC instant;
// time zones appear only where a person reads or types a time, and in the one
// calendar rule that needs them (see incident/deadlines). Parsing is strict:
// an RFC 3339 timestamp must carry its offset, because a bare local time is
// ambiguous for a legal deadline.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include <date/date.h>

#include "core/error.h"

namespace vigil {

using Instant = std::chrono::sys_seconds;
using Date = date::year_month_day;

// "2025-03-30T01:30:00+01:00", "2025-03-30T00:30:00Z", optional fraction of a
// second (must be zero: deadlines are kept to the second, nothing is dropped).
// `where` names the field in the error message.
Result<Instant> parse_rfc3339(std::string_view text, std::string_view where);

// "2025-03-30T00:30:00Z".
std::string format_utc(Instant instant);

// "2025-03-30" (a valid calendar date; 2025-02-29 is an error).
Result<Date> parse_date(std::string_view text, std::string_view where);
std::string format_date(Date date);

// The UTC calendar date of an instant.
Date utc_date(Instant instant);

}  // namespace vigil
