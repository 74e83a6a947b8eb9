#include "server/demo.h"

#include <fmt/format.h>

#include "core/sha256.h"
#include "core/text.h"
#include "server/credentials.h"

namespace vigil::server {

Result<DemoSeed> seed_demo(Services& services, Instant now) {
  DemoSeed seed;
  application::DemoAccess access;
  if (!application::demo_seeded(*services.accounts)) {  // hashing the password is slow by design: only when needed
    seed.password = random_token().substr(0, 20);
    seed.api_token = random_token();
    access.password_hash = TRY(hash_password(seed.password, services.hash_cost));
    access.api_token_sha256 = sha256_hex(seed.api_token);
    access.granted_by = "vigil serve --demo";
  }
  const application::DemoStores stores{*services.accounts, *services.incidents, *services.compliance,
                                       *services.suppliers, services.exercises.get()};
  const application::DemoSeed seeded = TRY(application::seed_demo(stores, access, now));
  seed.already_seeded = seeded.already_seeded;
  if (seed.already_seeded) {
    seed.password.clear();
    seed.api_token.clear();
  }
  seed.organisation = seeded.organisation;
  seed.users = seeded.users;
  seed.incidents = seeded.incidents;
  seed.exercise = seeded.exercise;
  return seed;
}

std::string describe_demo(const DemoSeed& seed, const std::string& base_url) {
  std::string out = fmt::format("Vigil demo: {}\n", base_url);
  if (seed.already_seeded) {
    out += fmt::format(
        "The workspace already holds the demo organisation '{}'; its credentials were printed when it was "
        "seeded.\nStart with a fresh --db to seed it again.\n",
        excerpt(seed.organisation));
    return out;
  }
  out += fmt::format("Organisation: {} ({})\n", seed.organisation, application::kDemoOrganisationName);
  out += fmt::format("Users (password for all: {}):\n", seed.password);
  for (const DemoUser& user : seed.users) {
    out += fmt::format("  {:<16} {}\n", user.username, store::to_string(user.role));
  }
  out += fmt::format("API token of demo-admin (shown only now): {}\n", seed.api_token);
  out += fmt::format("Incidents: {}\n", fmt::join(seed.incidents, ", "));
  if (!seed.exercise.empty()) out += fmt::format("Exercise (ended, scored): {}\n", seed.exercise);
  out += fmt::format("Open {}/ in a browser and sign in as one of these users.\n", base_url);
  out += fmt::format("Try:\n  curl -H 'Authorization: Bearer {}' {}/api/v1/orgs/{}/dashboard\n", seed.api_token,
                     base_url, seed.organisation);
  return out;
}

}  // namespace vigil::server
