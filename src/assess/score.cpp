#include "assess/score.h"

#include <fmt/format.h>

namespace vigil::assess {

int Tally::score_tenths() const {
  if (total <= 0) return 0;
  // 1000 * (met + partial / 2) / total, in integers: numerator and denominator
  // both doubled, then rounded half up by adding half the denominator.
  const long long numerator = 2000LL * met + 1000LL * partial;
  const long long denominator = 2LL * total;
  return static_cast<int>((numerator + denominator / 2) / denominator);
}

std::string format_tenths(int tenths) { return fmt::format("{}.{}", tenths / 10, tenths % 10); }

std::optional<int> parse_percent_tenths(std::string_view text) {
  int whole = 0, tenth = 0;
  std::size_t i = 0, digits = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9' && digits < 4) {
    whole = whole * 10 + (text[i++] - '0');
    ++digits;
  }
  if (digits == 0) return std::nullopt;
  if (i < text.size() && text[i] == '.') {
    ++i;
    if (i + 1 != text.size() || text[i] < '0' || text[i] > '9') return std::nullopt;
    tenth = text[i++] - '0';
  }
  if (i != text.size()) return std::nullopt;
  int value = whole * 10 + tenth;
  if (value > 1000) return std::nullopt;
  return value;
}

}  // namespace vigil::assess
