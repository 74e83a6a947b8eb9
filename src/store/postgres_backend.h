// The PostgreSQL back end lives in a plugin (vigil-postgres.so, built from
// src/postgres) that is loaded only when a postgresql:// workspace is opened:
// libpq brings in some 30 shared libraries (Kerberos, LDAP, GnuTLS...) whose
// relocation would otherwise cost every command, SQLite or not, about 3 ms of
// start-up. This header is the whole contract between the two sides.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/error.h"
#include "store/sql.h"

namespace vigil::store {

// Bumped whenever sql::Database (store/sql.h) or this struct change shape, so
// that a stale plugin beside a newer binary is refused instead of
// misbehaving. 2: open_compliance; 3: AccountStore::set_password_hash; 4:
// open_sql replaces open_compliance and open_accounts (the repositories of
// store/ run over sql::Database); 5: open_store is gone (the incident store
// runs over open_sql too), Dialect::lock_migrations, the migration runner
// moved into the binary; 6: sql::Transaction holds its Dialect (no virtual
// dialect()).
inline constexpr int kPostgresBackendAbi = 6;

struct PostgresBackend {
  static constexpr int kAbi = kPostgresBackendAbi;
  int abi = kPostgresBackendAbi;
  // The connection pool every repository of store/ runs over, migrated.
  Result<std::unique_ptr<sql::Database>> (*open_sql)(const std::string& url) = nullptr;
};

// The entry point the plugin exports (extern "C", so dlsym finds it by name).
inline constexpr const char* kPostgresBackendSymbol = "vigil_postgres_backend";
inline constexpr const char* kPostgresPluginFile = "vigil-postgres.so";

// "postgresql://..." or "postgres://...".
bool is_postgres_url(std::string_view location);

// The back end, loaded once per process. Linked in directly when the program
// carries src/postgres itself (the storage tests); otherwise looked up as
// vigil-postgres.so (plugin/loader.h: $VIGIL_PLUGIN_DIR, beside the executable,
// the installed library directory). The error names every place searched and
// why loading failed.
Result<const PostgresBackend*> postgres_backend();

}  // namespace vigil::store
