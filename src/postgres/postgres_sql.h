// sql::Database (store/sql.h) on PostgreSQL: a pool of connections
// (postgres/database.h), READ COMMITTED transactions re-run on serialization
// failures, organisation rows locked FOR NO KEY UPDATE by writers.
#pragma once

#include <memory>
#include <string>

#include "core/error.h"
#include "store/sql.h"

namespace vigil::store {

// Connects and applies the missing migrations (store/migrations.h). The URL
// may carry vigil_connections=N, the pool's size (postgres/database.h).
Result<std::unique_ptr<sql::Database>> open_postgres_sql(const std::string& url);

}  // namespace vigil::store
