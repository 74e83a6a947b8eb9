// The workspace's chain of organisations: which organisations the workspace
// holds, as one hash-chained log (the workspace_trail table, migration 11)
// appended in the same transaction as the organisation's row. Every other
// chain belongs to an organisation and goes with it when all of its rows are
// deleted with plain SQL; this one does not, so `vigil audit verify` can
// name an organisation that vanished (and one that appeared outside Vigil).
//
// Entry n holds the canonical JSON (keys sorted, no whitespace)
//   {"at","by","event","name","org"}
// with event "organisation added" (by: who, "<login> (command line)" from
// `vigil org add`) or "organisation recorded at migration" (by: null: an
// organisation that existed when the chain began; who added it is unknown).
// Its hash is the lower-case hex SHA-256 of
//   {"entry":<the entry as stored>,"prev":"<hash of entry n-1>","seq":n}
// (entry 1: prev = 64 zeros).
//
// With a seal key the chain's head is sealed like the organisations' chains
// (store/chain_seals.h): each organisation that has seals keeps a copy of the
// seal (kind kWorkspaceChain), rewritten by every `org add`, and the copy is
// in that organisation's signed set of sealed chains. A workspace whose
// organisations were sealed before this chain existed has it sealed from its
// next `org add` with the key.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/error.h"
#include "core/time.h"
#include "store/accounts.h"
#include "store/seal.h"
#include "store/sql.h"

namespace vigil::store {

inline constexpr std::string_view kOrganisationAdded = "organisation added";
inline constexpr std::string_view kOrganisationRecordedAtMigration = "organisation recorded at migration";

struct WorkspaceEntry {
  std::int64_t seq = 0;
  std::string entry;  // canonical JSON, hashed exactly as stored
  std::string prev_hash;
  std::string hash;
};

// The hash of an entry from its seq, entry and prev_hash.
std::string workspace_entry_hash(const WorkspaceEntry& entry);

// The organisation's copy of the chain's seal.
ChainId workspace_chain(std::string_view org);

// Appends "organisation added" for `org` inside `tx`, the write that inserts
// its row: the chain is numbered one writer at a time (PostgreSQL: a table
// lock), and the chain is touched as a chain of the new organisation and of
// every organisation that has seals, each under its row lock, so that a key
// seals the new head in all of them and a write without the key to a sealed
// workspace is refused.
Result<void> record_organisation(sql::Transaction& tx, std::string_view org, std::string_view name, std::string_view by,
                                 Instant at);

// Migration 11: every organisation there is, by org_id, as "organisation
// recorded at migration" at `at` (RFC 3339).
Result<void> record_existing_organisations(sql::Transaction& tx, std::string_view at);

// The chain's head, as the head of `chain` (a HeadReader, store/chain_seals.h).
Result<std::optional<ChainHeadAt>> read_workspace_head(sql::Transaction& tx, const ChainId& chain);

struct WorkspaceFinding {
  std::string org;       // the organisation concerned ("" when none)
  std::int64_t seq = 0;  // the entry concerned (0: none)
  std::string reason;
};

// What checking the chain against the organisations table found.
struct WorkspaceTrailVerification {
  std::int64_t entries = 0;
  std::int64_t organisations = 0;          // organisations in the workspace, each checked against the chain
  std::int64_t recorded_at_migration = 0;  // of those, on the chain since it began (not who added them)
  std::vector<WorkspaceFinding> findings;
  std::optional<std::int64_t> head_seq;  // nullopt: no entries
  std::string head_hash;
  bool intact() const { return findings.empty(); }
};

// Pure: the chain's numbering, links and hashes; each entry readable; each
// organisation on the chain once and present, with the name the chain
// recorded; each organisation present on the chain.
WorkspaceTrailVerification check_workspace_trail(std::span<const WorkspaceEntry> entries,
                                                 std::span<const Organisation> organisations);

// {"intact", "entries", "organisations", "recorded_at_migration",
//  "findings": [{"organisation", "seq", "reason"}]}
nlohmann::json to_json(const WorkspaceTrailVerification& report);

// Reads the chain and the organisations in one transaction and checks them.
Result<WorkspaceTrailVerification> verify_workspace_trail(sql::Database& db);
Result<WorkspaceTrailVerification> verify_workspace_trail(const std::string& location);

}  // namespace vigil::store
