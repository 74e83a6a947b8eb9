#include "store/postgres_backend.h"

#include <mutex>

#include "plugin/loader.h"

// Defined by src/postgres/plugin.cpp; weak, so it is null unless this program
// links the back end in itself.
extern "C" const vigil::store::PostgresBackend* vigil_postgres_backend() __attribute__((weak));

namespace vigil::store {

bool is_postgres_url(std::string_view location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

Result<const PostgresBackend*> postgres_backend() {
  static std::once_flag once;
  static Result<const PostgresBackend*> loaded = fail(ErrorCode::Internal, "", "not loaded");
  std::call_once(once, [] {
    loaded = plugin::load_table<PostgresBackend>(
        vigil_postgres_backend, kPostgresPluginFile, kPostgresBackendSymbol, "PostgreSQL support", "postgresql://",
        [](const PostgresBackend& backend) { return backend.open_sql != nullptr; });
  });
  return loaded;
}

}  // namespace vigil::store
