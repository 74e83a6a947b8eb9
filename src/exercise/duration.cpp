#include "exercise/duration.h"

#include <cstdint>

#include <fmt/format.h>

namespace vigil::exercise {

namespace {

Result<Seconds> bad(std::string_view text, std::string_view where, std::string_view why) {
  return invalid(std::string(where),
                 fmt::format("'{}' is not an ISO 8601 duration: {} (valid: PT4H, PT30M, P1DT2H, PT90S)",
                             text.size() > 40 ? std::string(text.substr(0, 40)) + "…" : std::string(text), why));
}

}  // namespace

Result<Seconds> parse_duration(std::string_view text, std::string_view where) {
  if (text.empty()) return bad(text, where, "it is empty");
  if (text[0] == '-') return bad(text, where, "a negative duration is not an offset");
  if (text[0] != 'P') return bad(text, where, "it must start with 'P'");
  bool in_time = false, any = false;
  char last_unit = 0;
  std::int64_t total = 0;
  // The units in the order ISO 8601 requires them.
  constexpr std::string_view kOrder = "WDHMS";
  std::size_t i = 1;
  while (i < text.size()) {
    if (text[i] == 'T') {
      if (in_time) return bad(text, where, "'T' appears twice");
      in_time = true;
      ++i;
      if (i == text.size()) return bad(text, where, "nothing follows 'T'");
      continue;
    }
    std::size_t start = i;
    std::int64_t number = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      number = number * 10 + (text[i] - '0');
      if (number > kMaxDuration.count()) return bad(text, where, "it is longer than 10 years");
      ++i;
    }
    if (i == start) {
      if (i < text.size() && (text[i] == '.' || text[i] == ',')) return bad(text, where, "fractions are not supported");
      return bad(text, where, fmt::format("a number is expected at position {}", i + 1));
    }
    if (i == text.size()) return bad(text, where, "the last number has no unit");
    char unit = text[i];
    if (unit == '.' || unit == ',') return bad(text, where, "fractions are not supported");
    std::int64_t factor = 0;
    if (!in_time) {
      if (unit == 'Y') return bad(text, where, "years have no fixed length; give days or hours");
      if (unit == 'M') return bad(text, where, "months have no fixed length (minutes go after 'T': PT30M)");
      if (unit == 'W') factor = 7 * 86400;
      if (unit == 'D') factor = 86400;
      if (unit == 'H' || unit == 'S')
        return bad(text, where, fmt::format("'{}' must follow 'T' (PT{}{})", unit, number, unit));
    } else {
      if (unit == 'H') factor = 3600;
      if (unit == 'M') factor = 60;
      if (unit == 'S') factor = 1;
      if (unit == 'D' || unit == 'W') return bad(text, where, fmt::format("'{}' must come before 'T'", unit));
    }
    if (factor == 0) return bad(text, where, fmt::format("'{}' is not a unit (W, D, H, M, S)", unit));
    if (last_unit != 0 && kOrder.find(unit) <= kOrder.find(last_unit)) {
      return bad(text, where, "units must appear once each, largest first");
    }
    last_unit = unit;
    total += number * factor;
    if (total > kMaxDuration.count()) return bad(text, where, "it is longer than 10 years");
    any = true;
    ++i;
  }
  if (!any) return bad(text, where, "it has no number");
  return Seconds{total};
}

std::string format_duration(Seconds span) {
  std::int64_t s = span.count();
  std::string sign;
  if (s < 0) {
    sign = "-";
    s = -s;
  }
  if (s == 0) return "PT0S";
  std::string out = sign + "PT";
  if (s / 3600) out += fmt::format("{}H", s / 3600);
  if (s / 60 % 60) out += fmt::format("{}M", s / 60 % 60);
  if (s % 60) out += fmt::format("{}S", s % 60);
  return out;
}

}  // namespace vigil::exercise
