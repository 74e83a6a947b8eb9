// Money is an integer number of euro cents, so thresholds such as "more than
// EUR 500 000" compare exactly.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.h"

namespace vigil {

struct Cents {
  std::int64_t value = 0;
  friend auto operator<=>(const Cents&, const Cents&) = default;
};

constexpr Cents euros(std::int64_t whole) { return Cents{whole * 100}; }

// "1234", "1234.5", "1234.56" (at most two decimals, not negative).
Result<Cents> parse_euros(std::string_view text, std::string_view where);

// "1234.56" (plain, for machine formats); "EUR 1 234 567.89" for people.
std::string format_euros_plain(Cents amount);
std::string format_euros(Cents amount);

}  // namespace vigil
