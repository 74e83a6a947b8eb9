#include <fmt/format.h>

#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace vigil::store {

Result<std::unique_ptr<Store>> open_store(const std::string& location) {
  if (location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0) {
    return fail(ErrorCode::InvalidInput, "--db", "PostgreSQL workspaces are not available yet; use a SQLite file path");
  }
  if (location.empty()) return invalid("--db", "is empty; expected a SQLite file path such as ./vigil.db");
  auto store = TRY(SqliteStore::open(location));
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace vigil::store
