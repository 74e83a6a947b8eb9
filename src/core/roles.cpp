#include "core/roles.h"

#include <string>

#include <fmt/format.h>

namespace vigil {

std::string_view to_string(Role role) { return kRoleNames[static_cast<int>(role)]; }

Result<Role> parse_role(std::string_view text, std::string_view where) {
  for (std::size_t i = 0; i < kRoleCount; ++i) {
    if (kRoleNames[i] == text) return static_cast<Role>(i);
  }
  std::string valid;
  for (auto name : kRoleNames) valid += (valid.empty() ? "" : ", ") + std::string(name);
  return invalid(std::string(where), fmt::format("unknown role '{}' (valid: {})", text, valid));
}

}  // namespace vigil
