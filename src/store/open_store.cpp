#include <fmt/format.h>

#include "store/account_repository.h"
#include "store/accounts.h"
#include "store/open_sql.h"
#include "store/postgres_backend.h"
#include "store/sqlite/sqlite_sql.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace vigil::store {

Result<std::unique_ptr<Store>> open_store(const std::string& location) {
  if (is_postgres_url(location)) {
    const PostgresBackend* backend = TRY(postgres_backend());
    return backend->open_store(location);
  }
  if (location.empty()) return invalid("db", "is empty; expected a SQLite file path such as ./vigil.db");
  auto store = TRY(SqliteStore::open(location));
  return std::unique_ptr<Store>(std::move(store));
}

Result<std::unique_ptr<AccountStore>> open_accounts(const std::string& location) {
  return account_repository(TRY(open_sql(location)));
}

Result<std::unique_ptr<sql::Database>> open_sql(const std::string& location) {
  if (is_postgres_url(location)) {
    const PostgresBackend* backend = TRY(postgres_backend());
    if (backend->open_sql == nullptr) return fail(ErrorCode::Internal, "postgresql://", "the PostgreSQL plugin has no SQL entry");
    return backend->open_sql(location);
  }
  if (location.empty()) return invalid("db", "is empty; expected a SQLite file path such as ./vigil.db");
  return open_sqlite_sql(location);
}

}  // namespace vigil::store
