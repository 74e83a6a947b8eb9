#include "server/open_incident_store.h"

#include <string>

#include "store/group_commit_store.h"
#include "store/postgres_backend.h"

namespace vigil::server {

Result<std::unique_ptr<store::IncidentStore>> open_incident_store(const ServerConfig& config, store::SealerRef sealer) {
  if (store::is_postgres_url(config.db)) {
    // The pool size travels in the URL (see postgres/database.h), unless the
    // URL names one itself.
    if (config.db.find("vigil_connections=") != std::string::npos) return store::open_store(config.db, sealer);
    char separator = config.db.find('?') == std::string::npos ? '?' : '&';
    return store::open_store(
        config.db + separator + "vigil_connections=" + std::to_string(config.postgres_connections()), sealer);
  }
  if (config.db.empty()) return invalid("--db", "is empty; expected a SQLite file path such as ./vigil.db");
  auto incidents = TRY(
      store::GroupCommitStore::open(config.db, {.readers = config.db_readers, .max_batch = 1024}, std::move(sealer)));
  return std::unique_ptr<store::IncidentStore>(std::move(incidents));
}

}  // namespace vigil::server
