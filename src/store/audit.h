// `vigil audit verify`: re-walks every incident's chain through the IncidentStore
// interface (so it works on every implementation), recomputes each hash,
// replays the entries and checks that the listing row kept beside the log,
// the incident numbering and the evidence content still agree with them.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "store/accounts.h"
#include "store/compliance_store.h"
#include "store/incident_store.h"
#include "store/seal.h"
#include "store/supplier_store.h"

namespace vigil::store {

struct AuditFinding {
  std::string incident_id;  // "" for findings about evidence
  std::int64_t seq = 0;     // the first entry that does not match; 0 when not about one entry
  std::string reason;
};

struct IncidentTrailVerification {
  std::int64_t incidents = 0;
  std::int64_t entries = 0;
  std::int64_t evidence_files = 0;
  std::vector<AuditFinding> findings;  // empty: the trail is intact
  // Where each incident's log ends, and the organisation's last incident
  // number (the numbering chain): what the seals are checked against.
  std::vector<ChainHeadAt> heads;
  bool intact() const { return findings.empty(); }
};

// What verification leaves out when it is given no account store: the
// account tables are then not compared with their trail entries.
inline constexpr std::string_view kAccountsNotChecked =
    "the account tables (users, roles, API tokens) against their trail entries";
// What it always leaves out of the account tables: the trail records that a
// password was reset (and when an Argon2id string is rehashed, nothing), never
// the hash, so no password hash is compared with anything.
inline constexpr std::string_view kPasswordsNotChecked =
    "password hashes (the trail records that a password was reset, never the hash)";

Result<IncidentTrailVerification> verify_workspace(IncidentStore& store, std::string_view org);

// {"intact", "incidents", "entries", "evidence_files", "findings": [{"incident",
// "seq", "reason"}]}: `vigil audit verify --format json` and GET .../audit/verify.
nlohmann::json to_json(const IncidentTrailVerification& report);

// The record trail of one organisation (store/record_trail.h) checked: its
// chain (numbering, links, hashes) and every compliance row against it: each
// register row equals the last value the trail recorded for it, each approval
// and stored assessment (its inputs and outputs by SHA-256) equals the value
// recorded when it was written, and nothing the trail recorded is gone. Rows
// written before the organisation's trail began (its trail.started entry) are
// counted as predating it, not vouched for; with no trail yet, every row is.
struct RecordTrailVerification {
  std::int64_t entries = 0;
  bool started = false;        // the organisation has a trail
  std::int64_t documents = 0;  // register rows checked against the trail
  std::int64_t approvals = 0;
  std::int64_t assessments = 0;
  std::int64_t predating = 0;  // rows older than the trail: not covered
  // Stored supplier register rows (functions + suppliers + dependencies)
  // whose SHA-256 was recomputed and compared with the trail's last import.
  std::int64_t supplier_rows = 0;
  // Stored document contents (each register row's current version) re-hashed
  // and compared with the SHA-256 the row records.
  std::int64_t document_contents = 0;
  // The account tables against the account entries (nullopt: not compared,
  // no account store given).
  struct Accounts {
    std::int64_t users = 0;   // members of the organisation: role and whether disabled checked
    std::int64_t tokens = 0;  // their API tokens: owner, name and whether revoked checked
    // Rows older than the account entries of the trail, not vouched for: a
    // role or token with no entry, created before the organisation's first
    // account entry, on a trail that began without listing its accounts.
    std::int64_t predating = 0;
    // Tokens whose entry predates digests of token hashes: hash not compared.
    std::int64_t undigested = 0;
  };
  std::optional<Accounts> accounts;
  std::vector<std::string> findings;
  std::optional<ChainHeadAt> head;  // where the trail ends (nullopt: no trail yet)
  bool intact() const { return findings.empty(); }
};

// With `suppliers`, the stored supplier register (store/supplier_store.h) is
// checked too: the SHA-256 of its rows, recomputed from the rows themselves,
// must equal its head row's, and the head (revision, SHA-256, counts) the
// value of the trail's last `suppliers.imported` entry.
//
// With `accounts`, the account tables too (store/account_audit.cpp): the
// organisation's members, their roles, whether each is disabled, and their
// API tokens (owner, name, revoked, a digest of the hash) are rebuilt from
// the trail's account entries (and what trail.started listed) and compared
// with the tables; any difference is a finding naming the user or token and
// the field ("user bob: role is admin, the trail says auditor (entry 4)").
Result<RecordTrailVerification> verify_records(ComplianceStore& records, std::string_view org,
                                               SupplierStore* suppliers = nullptr, AccountStore* accounts = nullptr);

// The account part of verify_records, over the organisation's trail entries.
Result<RecordTrailVerification::Accounts> verify_accounts(AccountStore& accounts, std::string_view org,
                                                          std::span<const TrailEntry> trail,
                                                          std::vector<std::string>& findings);

// {"intact", "started", "entries", "documents", "approvals", "assessments",
//  "predating", "supplier_rows", "document_contents", "accounts": {"users",
//  "tokens", "predating", "undigested"} or null, "findings": ["..."]}
nlohmann::json to_json(const RecordTrailVerification& report);

}  // namespace vigil::store
