// The demo workspace (`vigil serve --demo`): the example organisation of
// examples/ (Nebulon Cloud Services GmbH, a medium-sized cloud provider), one
// user per role, four incidents (two open, whose Art. 23 clocks run relative
// to `now`, two closed for the latency trend), the documents register with
// its Art. 20(1) approvals, two gap assessments a quarter apart, an ended live
// exercise and the supplier register. Seeded through the same stores and
// domain calls the API and the CLI use. The credentials are the adapter's:
// it makes the password and the API token and passes their hashes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "store/accounts.h"
#include "store/compliance_store.h"
#include "store/exercise_store.h"
#include "store/incident_store.h"
#include "store/supplier_store.h"

namespace vigil::application {

inline constexpr std::string_view kDemoOrganisation = "nebulon";
inline constexpr std::string_view kDemoOrganisationName = "Nebulon Cloud Services GmbH";

struct DemoUser {
  std::string username;
  store::Role role;
};

// demo-admin, demo-manager, demo-compliance, demo-responder, demo-auditor: one per role.
std::vector<DemoUser> demo_users();

struct DemoStores {
  store::AccountStore& accounts;
  store::IncidentStore& incidents;
  store::ComplianceStore& compliance;
  store::SupplierStore& suppliers;
  store::ExerciseStore* exercises = nullptr;  // none: no exercise is seeded
};

struct DemoAccess {
  std::string password_hash;     // shared by the demo users (as the account store keeps hashes)
  std::string api_token_sha256;  // of demo-admin's API token
  std::string granted_by;        // the account trail's actor, e.g. "vigil serve --demo"
};

struct DemoSeed {
  bool already_seeded = false;  // the workspace had the demo organisation: nothing was written
  std::string organisation;
  std::vector<DemoUser> users;
  std::vector<std::string> incidents;  // the open incidents' ids (two closed ones are seeded too)
  std::string exercise;                // the ended exercise's id; empty without an exercise store
};

// True when the workspace already holds the demo organisation.
bool demo_seeded(store::AccountStore& accounts);

// Seeds the demo organisation, unless the workspace holds it already (then
// nothing is written). `now` anchors the incidents' awareness times, so their
// deadlines are live whenever the demo starts.
Result<DemoSeed> seed_demo(const DemoStores& stores, const DemoAccess& access, Instant now);

}  // namespace vigil::application
