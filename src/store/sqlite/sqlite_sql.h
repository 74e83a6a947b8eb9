// sql::Database (store/sql.h) on a SQLite workspace file: one connection,
// serialised by a mutex; a Write transaction is BEGIN IMMEDIATE, so writers
// of the workspace, in this process or another, run one at a time; a Read
// transaction is a deferred BEGIN (one consistent snapshot under WAL).
#pragma once

#include <memory>
#include <string>

#include "core/error.h"
#include "store/sql.h"

namespace vigil::store {

// Opens the file (creating it when needed) and applies the workspace
// migrations (as SqliteStore::open does), then the account migrations.
Result<std::unique_ptr<sql::Database>> open_sqlite_sql(const std::string& path);

}  // namespace vigil::store
