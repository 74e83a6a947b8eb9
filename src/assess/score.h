// The readiness score: (met + half of partial) / total, as a percentage with
// one decimal. It is kept in integer tenths of a percent so that it rounds the
// same way everywhere and compares exactly (--fail-under 80 on 79.95 % fails).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vigil::assess {

struct Tally {
  int total = 0;
  int met = 0;
  int partial = 0;
  int gap = 0;

  // Tenths of a percent, rounded half up: 2 met + 1 partial of 4 = 625 (62.5 %);
  // 1 met of 3 = 333 (33.3 %); 2 of 3 = 667. 0 when total is 0.
  int score_tenths() const;
};

// 625 -> "62.5", 1000 -> "100.0".
std::string format_tenths(int tenths);

// "80", "80.5", "0" -> tenths of a percent between 0 and 1000; nullopt when
// not such a number (more than one decimal, negative, above 100).
std::optional<int> parse_percent_tenths(std::string_view text);

}  // namespace vigil::assess
