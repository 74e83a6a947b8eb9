#include "core/money.h"

#include <limits>

#include <fmt/format.h>

#include "core/text.h"

namespace vigil {

Result<Cents> parse_euros(std::string_view text, std::string_view where) {
  auto bad = [&](std::string_view why) {
    return invalid(std::string(where), fmt::format("'{}' is not an amount in euros ({}); expected e.g. 43000000 "
                                                   "or 1250.50",
                                                   excerpt(text), why));
  };
  if (text.empty()) return bad("empty");
  if (text.front() == '-') return bad("must not be negative");
  std::int64_t whole = 0;
  std::size_t pos = 0;
  constexpr std::int64_t kMaxWhole = std::numeric_limits<std::int64_t>::max() / 100 - 1;
  for (; pos < text.size() && text[pos] != '.'; ++pos) {
    char c = text[pos];
    if (c < '0' || c > '9') return bad("not a number");
    whole = whole * 10 + (c - '0');
    if (whole > kMaxWhole) return bad("too large");
  }
  if (pos == 0) return bad("not a number");
  std::int64_t cents = 0;
  if (pos < text.size()) {
    std::string_view frac = text.substr(pos + 1);
    if (frac.empty() || frac.size() > 2) return bad("at most two decimals");
    for (char c : frac) {
      if (c < '0' || c > '9') return bad("not a number");
    }
    cents = (frac[0] - '0') * 10 + (frac.size() == 2 ? frac[1] - '0' : 0);
  }
  return Cents{whole * 100 + cents};
}

std::string format_euros_plain(Cents amount) {
  std::int64_t v = amount.value;
  bool negative = v < 0;
  if (negative) v = -v;
  if (v % 100 == 0) return fmt::format("{}{}", negative ? "-" : "", v / 100);
  return fmt::format("{}{}.{:02}", negative ? "-" : "", v / 100, v % 100);
}

std::string format_euros(Cents amount) {
  std::int64_t v = amount.value < 0 ? -amount.value : amount.value;
  std::string whole = fmt::format("{}", v / 100);
  std::string grouped;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i != 0 && (whole.size() - i) % 3 == 0) grouped += ' ';
    grouped += whole[i];
  }
  std::string out = fmt::format("EUR {}{}", amount.value < 0 ? "-" : "", grouped);
  if (v % 100 != 0) out += fmt::format(".{:02}", v % 100);
  return out;
}

}  // namespace vigil
