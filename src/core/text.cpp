#include "core/text.h"

#include <algorithm>
#include <cctype>

namespace vigil {

std::string to_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

std::size_t edit_distance(std::string_view a_in, std::string_view b_in) {
  std::string a = to_lower(a_in), b = to_lower(b_in);
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

std::vector<std::string> nearest(std::string_view query, std::span<const std::string_view> candidates,
                                 std::size_t limit) {
  std::string q = to_lower(query);
  struct Scored {
    std::size_t score;
    std::string_view id;
  };
  std::vector<Scored> scored;
  scored.reserve(candidates.size());
  for (std::string_view c : candidates) {
    std::string lc = to_lower(c);
    std::size_t score = edit_distance(q, lc) * 4;
    // Shared leading characters matter most for hierarchical ids (A.8.2 vs A.8.24).
    std::size_t common = 0;
    while (common < q.size() && common < lc.size() && q[common] == lc[common]) ++common;
    score = score > common ? score - common : 0;
    if (!q.empty() && lc.find(q) != std::string::npos) score = score / 2;
    scored.push_back({score, c});
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const Scored& x, const Scored& y) { return x.score < y.score; });
  // Reasonably close: within roughly half the query's length in edits.
  const std::size_t cutoff = std::max<std::size_t>(q.size() * 2 + 4, 8);
  std::vector<std::string> out;
  for (const Scored& s : scored) {
    if (out.size() >= limit || s.score > cutoff) break;
    out.emplace_back(s.id);
  }
  return out;
}

std::string or_list(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += (i + 1 == items.size()) ? " or " : ", ";
    out += items[i];
  }
  return out;
}

}  // namespace vigil
