#include <fmt/format.h>

#include "store/accounts.h"
#include "store/postgres_backend.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace vigil::store {

Result<std::unique_ptr<Store>> open_store(const std::string& location) {
  if (is_postgres_url(location)) {
    const PostgresBackend* backend = TRY(postgres_backend());
    return backend->open_store(location);
  }
  if (location.empty()) return invalid("--db", "is empty; expected a SQLite file path such as ./vigil.db");
  auto store = TRY(SqliteStore::open(location));
  return std::unique_ptr<Store>(std::move(store));
}

Result<std::unique_ptr<AccountStore>> open_accounts(const std::string& location) {
  if (is_postgres_url(location)) {
    const PostgresBackend* backend = TRY(postgres_backend());
    return backend->open_accounts(location);
  }
  return open_sqlite_accounts(location);
}

}  // namespace vigil::store
