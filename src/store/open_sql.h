// Opens the sql::Database of a workspace: a postgresql:// URL through the
// plugin (store/postgres_backend.h), anything else as a SQLite file path.
// The workspace migrations are applied on open. Its write transactions seal
// the chains they write with `sealer` (store/chain_seals.h); without one they
// seal nothing and refuse to write to an organisation whose chains are sealed.
#pragma once

#include <memory>
#include <string>

#include "core/error.h"
#include "store/seal.h"
#include "store/sql.h"

namespace vigil::store {

// Errors: InvalidInput for an empty location; the plugin's error when it
// cannot be loaded; Io when the database cannot be opened or migrated.
Result<std::unique_ptr<sql::Database>> open_sql(const std::string& location, SealerRef sealer = nullptr);

}  // namespace vigil::store
