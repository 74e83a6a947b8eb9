// Workspace verification as one application service: what `vigil audit
// verify` (src/cli/audit_command.cpp) and GET /api/v1/orgs/{org}/audit/verify
// (src/server/incident_routes.cpp) both do, written once. For one
// organisation: every incident's chain, listing row, numbering and evidence
// (store/audit.h), its record trail against the compliance records and the
// supplier register, every live exercise's log (store/exercise_store.h), and
// the seal of each of those chains (store/seal.h) against its actual head.
//
// It says what it checked and nothing more: a chain without a seal is listed
// as not sealed, and without a public key no seal is vouched for.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/error.h"
#include "store/accounts.h"
#include "store/audit.h"
#include "store/chain_seals.h"
#include "store/compliance_store.h"
#include "store/exercise_store.h"
#include "store/incident_store.h"
#include "store/seal.h"
#include "store/supplier_store.h"
#include "store/workspace_trail.h"

namespace vigil::application {

struct VerifiedStores {
  store::IncidentStore& incidents;
  store::ComplianceStore& compliance;
  store::SupplierStore* suppliers = nullptr;  // nullptr: the supplier register is not checked
  store::ExerciseStore* exercises = nullptr;  // nullptr: no exercise logs are checked
  store::SealRecords* seals = nullptr;        // nullptr: treated as no seal at all
  store::AccountStore* accounts = nullptr;    // nullptr: the account tables are not checked
};

struct OrganisationVerification {
  std::string org;
  store::IncidentTrailVerification incidents;
  store::RecordTrailVerification records;
  store::ExerciseTrailVerification exercises;
  // Seal findings are also added to the part of the chain they concern
  // (incident, record trail, exercise), so each part's findings list all.
  store::SealVerification seals;
  // The organisation holds a copy of the seal of the workspace's chain of
  // organisations (store/workspace_trail.h), checked with its other seals.
  bool workspace_sealed = false;
  bool intact() const { return incidents.intact() && records.intact() && exercises.intact(); }
};

// `key`: the public key the seals are checked against (nullptr: none given).
Result<OrganisationVerification> verify_organisation(const VerifiedStores& stores, std::string_view org,
                                                     const store::PublicKey* key);

// The API's AuditVerification body for one organisation (and each entry of
// the CLI's "organisations"): the incident report's fields, "records",
// "exercises", "seals" and "not_checked" (`key_sources` as for not_checked).
nlohmann::json to_json(const OrganisationVerification& verified, std::string_view key_sources);

// {"key_id", "checked", "unchecked", "unsealed": ["acme INC-2", ...], "set_covered", "findings": [...]}
// (set_covered false: the organisation was sealed before its set of sealed
// chains was signed, so a deleted seal cannot be told from a chain never sealed).
nlohmann::json to_json(const store::SealVerification& seals);

// The text line of one organisation: "acme: intact: incidents: ...; record
// trail: ...; exercise logs: ...; seals: ...".
std::string summary_line(const OrganisationVerification& verified);

// The text line of the workspace's chain of organisations (store/
// workspace_trail.h) checked against the organisations table, with the
// seal copies the organisations `verified` hold: "workspace: intact: chain of
// organisations: 3 entries, 2 organisations checked against it; seal: ...".
std::string workspace_line(const store::WorkspaceTrailVerification& workspace,
                           std::span<const OrganisationVerification> verified);

// What verification of these organisations leaves out, for the "Not
// checked:" line and "not_checked". `key_sources`: "" when the seals were
// checked, else where the adapter takes a public key from, in its own words.
std::string not_checked(std::span<const OrganisationVerification> verified, std::string_view key_sources);

}  // namespace vigil::application
