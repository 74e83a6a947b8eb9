#include <fmt/format.h>

#include "store/account_repository.h"
#include "store/accounts.h"
#include "store/chain_seals.h"
#include "store/incident_repository.h"
#include "store/incident_store.h"
#include "store/open_sql.h"
#include "store/postgres_backend.h"
#include "store/sqlite/sqlite_sql.h"

namespace vigil::store {

Result<std::unique_ptr<IncidentStore>> open_store(const std::string& location, SealerRef sealer) {
  return std::unique_ptr<IncidentStore>(std::make_unique<IncidentRepository>(TRY(open_sql(location, sealer))));
}

Result<std::unique_ptr<AccountStore>> open_accounts(const std::string& location, SealerRef sealer) {
  return account_repository(TRY(open_sql(location, sealer)));
}

Result<std::unique_ptr<sql::Database>> open_sql(const std::string& location, SealerRef sealer) {
  std::unique_ptr<sql::Database> db;
  if (is_postgres_url(location)) {
    const PostgresBackend* backend = TRY(postgres_backend());
    db = TRY(backend->open_sql(location));
  } else {
    if (location.empty()) return invalid("db", "is empty; expected a SQLite file path such as ./vigil.db");
    db = TRY(open_sqlite_sql(location));
  }
  return sealing_database(std::move(db), std::move(sealer));
}

}  // namespace vigil::store
