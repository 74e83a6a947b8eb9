// Who may do what in an organisation: the roles a member holds, and the sets
// of roles each kind of act needs. The one place that lists the roles; the
// account tables store a role by its name, the server checks a route's set.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string_view>

#include "core/error.h"

namespace vigil {

// The management body approves under NIS2 Art. 20(1); the auditor reads and
// verifies, never changes.
enum class Role { Admin, Manager, Compliance, Responder, Auditor };

inline constexpr std::string_view kRoleNames[] = {"admin", "manager", "compliance", "responder", "auditor"};
inline constexpr std::size_t kRoleCount = std::size(kRoleNames);

std::string_view to_string(Role role);  // "admin", ...
Result<Role> parse_role(std::string_view text, std::string_view where);

// A set of roles, one bit a role (its value in Role).
using Roles = std::uint8_t;
static_assert(kRoleCount <= 8 * sizeof(Roles));
constexpr Roles role_bit(Role role) { return static_cast<Roles>(1u << static_cast<int>(role)); }
constexpr bool has_role(Roles roles, Role role) { return (roles & role_bit(role)) != 0; }
constexpr Roles kAnyRole = static_cast<Roles>((1u << kRoleCount) - 1);
constexpr Roles kNoRole = 0;

// Who may do what.
constexpr Roles kAdmins = role_bit(Role::Admin);  // accounts and tokens
// NIS2 Art. 20(1): the management body approves the Art. 21 risk-management
// measures and oversees them, and its members can be held liable for it. The
// approval is theirs alone: an admin (who runs the tool) may NOT approve on
// the management body's behalf.
constexpr Roles kManagementBody = role_bit(Role::Manager);
// The documents register, gap assessments and the supplier register.
constexpr Roles kRecordKeepers = kAdmins | role_bit(Role::Compliance);
// Incident records (Art. 23).
constexpr Roles kIncidentWriters = kAdmins | role_bit(Role::Responder);

}  // namespace vigil
