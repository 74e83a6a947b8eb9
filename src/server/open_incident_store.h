// How the server opens the workspace's incident store: it serves many
// requests at once, so a SQLite workspace gets a group-commit writer and a
// pool of read connections (store/group_commit_store.h) instead of the
// CLI's single connection; a PostgreSQL workspace pools its own connections.
#pragma once

#include <memory>

#include "core/error.h"
#include "server/config.h"
#include "store/incident_store.h"

namespace vigil::server {

// Writes seal the chains they touch with `sealer` (nullptr: none).
Result<std::unique_ptr<store::IncidentStore>> open_incident_store(const ServerConfig& config, store::SealerRef sealer);

}  // namespace vigil::server
