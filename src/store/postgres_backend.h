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
#include "store/accounts.h"
#include "store/compliance_store.h"
#include "store/store.h"

namespace vigil::store {

// Bumped whenever Store, AccountStore, ComplianceStore or this struct change shape, so that a
// stale plugin beside a newer binary is refused instead of misbehaving.
inline constexpr int kPostgresBackendAbi = 3;  // 2: open_compliance; 3: AccountStore::set_password_hash

struct PostgresBackend {
  int abi = kPostgresBackendAbi;
  Result<std::unique_ptr<Store>> (*open_store)(const std::string& url) = nullptr;
  Result<std::unique_ptr<AccountStore>> (*open_accounts)(const std::string& url) = nullptr;
  Result<std::unique_ptr<ComplianceStore>> (*open_compliance)(const std::string& url) = nullptr;
};

// The entry point the plugin exports (extern "C", so dlsym finds it by name).
inline constexpr const char* kPostgresBackendSymbol = "vigil_postgres_backend";
inline constexpr const char* kPostgresPluginFile = "vigil-postgres.so";

// "postgresql://..." or "postgres://...".
bool is_postgres_url(std::string_view location);

// The back end, loaded once per process. Linked in directly when the program
// carries src/postgres itself (the storage tests); otherwise looked up as
// vigil-postgres.so in $VIGIL_PLUGIN_DIR, beside the executable, and in the
// installed library directory (<prefix>/lib/vigil). The error names every
// place searched and why loading failed.
Result<const PostgresBackend*> postgres_backend();

}  // namespace vigil::store
