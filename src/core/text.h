// Small text helpers shared by every input parser: suggesting the nearest
// valid ids when a user mistypes one ("did you mean A.8.24?").
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vigil {

// Edit distance (insertions, deletions, substitutions, adjacent swaps),
// case-insensitive.
std::size_t edit_distance(std::string_view a, std::string_view b);

// Up to `limit` candidates closest to `query`, best first; candidates that share
// a prefix with the query or contain it rank ahead of far-off ones. Returns
// nothing when nothing is reasonably close.
std::vector<std::string> nearest(std::string_view query, std::span<const std::string_view> candidates,
                                 std::size_t limit = 3);

// "A.8.24, A.8.25 or A.8.26" (for error messages); "" when empty.
std::string or_list(const std::vector<std::string>& items);

std::string to_lower(std::string_view text);
std::string_view trim(std::string_view text);

}  // namespace vigil
