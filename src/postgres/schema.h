// Brings a PostgreSQL workspace to the schema this vigil knows: the same
// ordered migrations as SQLite (store/migrations, then the account tables'),
// applied in one transaction under an advisory lock, so two servers starting
// at once against one database never apply a migration twice.
#pragma once

#include "core/error.h"
#include "postgres/database.h"

namespace vigil::store::postgres {

enum class Tables { Workspace, WorkspaceAndAccounts };

Result<void> migrate(Database& db, Tables tables);

// The highest workspace migration applied (0 for an empty schema).
Result<int> schema_version(Database& db);

// Rewrites every incident's listing row from its entries (postgres_store.cpp),
// for the migrations that ask for it.
Result<void> rederive_listing_rows(Transaction& tx);

}  // namespace vigil::store::postgres
