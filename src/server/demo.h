// `vigil serve --demo`: a workspace to try Vigil on (application/demo.h seeds
// it). The server makes the demo users' fresh random password and the admin's
// API token, and prints them with what to try.
#pragma once

#include <string>
#include <vector>

#include "application/demo.h"
#include "core/error.h"
#include "core/time.h"
#include "server/services.h"

namespace vigil::server {

inline constexpr std::string_view kDemoOrganisation = application::kDemoOrganisation;

using application::DemoUser;

struct DemoSeed {
  bool already_seeded = false;  // the workspace had the demo organisation: nothing was written
  std::string organisation;
  std::string password;   // shared by the demo users; empty when already seeded
  std::string api_token;  // of the admin user; empty when already seeded
  std::vector<DemoUser> users;
  std::vector<std::string> incidents;  // the open incidents' ids (two closed ones are seeded too)
  std::string exercise;                // the ended exercise's id; empty without an exercise store
};

// Seeds through the same stores and domain calls the API uses. `now` anchors
// the incidents' awareness times, so their deadlines are live whenever the
// demo starts.
Result<DemoSeed> seed_demo(Services& services, Instant now);

// The text `vigil serve --demo` prints: URL, users, password, token, and what to try.
std::string describe_demo(const DemoSeed& seed, const std::string& base_url);

}  // namespace vigil::server
