// Where seals are kept (the chain_seals table, migration 10) and how a write
// gets one: every repository that appends to a chain says so with
// touch_chain() inside its write transaction; the database that open_sql()
// returns wraps the engine's and, when the work succeeded and before it
// commits, reads the head of every chain touched and seals them all with one
// signature (store/seal.h). The seal is in the same commit as the entries.
// A group commit (store/group_commit_store.h) is one transaction, so it signs
// once for all the chains of its batch; a write rolled back to its savepoint
// leaves no seal behind, since the heads are read at the end.
//
// Without a key nothing is sealed, and a write to an organisation whose chains
// are sealed is refused: its seals would fall behind the chains and verify
// would (rightly) report them as tampered.
#pragma once

#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "store/seal.h"
#include "store/sql.h"

namespace vigil::store {

// Reads a chain's head inside the transaction (nullopt: the chain has no entry).
using HeadReader = Result<std::optional<ChainHeadAt>> (*)(sql::Transaction&, const ChainId&);

// The head of a chain kept as rows (seq, hash) of `table`: the row of highest
// seq among the organisation's, and with `id_column` = the chain's id unless
// `id_column` is empty (one chain per organisation). A HeadReader's body:
//   return last_row_head(tx, chain, "incident_events", "incident_id");
Result<std::optional<ChainHeadAt>> last_row_head(sql::Transaction& tx, const ChainId& chain, std::string_view table,
                                                 std::string_view id_column = {});

// Marks the chain as written by this transaction. A no-op on a transaction
// of a database that does not seal (one a test built over the engine directly).
void touch_chain(sql::Transaction& tx, ChainId chain, HeadReader read_head);

// `db` (migrated) wrapped so that its Write transactions seal the chains they
// touch with `sealer` (nullptr: no key; see above).
std::unique_ptr<sql::Database> sealing_database(std::unique_ptr<sql::Database> db, SealerRef sealer);

// The seals of one organisation, every kind of chain.
Result<std::vector<Seal>> read_seals(sql::Transaction& tx, std::string_view org);
// The seal of one chain (nullopt: not sealed).
Result<std::optional<Seal>> read_seal(sql::Transaction& tx, const ChainId& chain);

// Reading the seals back (audit verify, exports), over the workspace's database.
class SealRecords {
 public:
  explicit SealRecords(std::unique_ptr<sql::Database> db) : db_(std::move(db)) {}
  Result<std::vector<Seal>> seals(std::string_view org);
  Result<std::optional<Seal>> seal(const ChainId& chain);
  // The head of the workspace's chain of organisations, as `org`'s copy
  // (store/workspace_trail.h; nullopt: the chain has no entries).
  Result<std::optional<ChainHeadAt>> workspace_head(std::string_view org);

 private:
  std::unique_ptr<sql::Database> db_;
};
Result<std::unique_ptr<SealRecords>> open_seals(const std::string& location);

}  // namespace vigil::store
