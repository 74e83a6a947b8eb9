// The entry point of vigil-postgres.so: the table store/postgres_backend.h
// looks up with dlsym. Also linked straight into the storage tests.
#include "postgres/postgres_sql.h"
#include "store/postgres_backend.h"

extern "C" __attribute__((visibility("default"))) const vigil::store::PostgresBackend* vigil_postgres_backend() {
  static const vigil::store::PostgresBackend backend{
      vigil::store::kPostgresBackendAbi,
      &vigil::store::open_postgres_sql,
  };
  return &backend;
}
