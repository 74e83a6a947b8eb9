#include "store/postgres_backend.h"

#include "plugin/loader.h"

// Defined by src/postgres/plugin.cpp; weak, so it is null unless this program
// links the back end in itself.
extern "C" const vigil::store::PostgresBackend* vigil_postgres_backend() __attribute__((weak));

namespace vigil::store {

bool is_postgres_url(std::string_view location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

Result<const PostgresBackend*> postgres_backend() {
  return plugin::load_table_once<PostgresBackend>(
      vigil_postgres_backend, kPostgresPluginFile, kPostgresBackendSymbol, "PostgreSQL support", "PostgreSQL",
      "postgresql://", [](const PostgresBackend& backend) { return backend.open_sql != nullptr; });
}

}  // namespace vigil::store
