// sql::Database (store/sql.h) on a SQLite workspace file: a write connection
// serialised by a mutex; a Write transaction is BEGIN IMMEDIATE, so writers
// of the workspace, in this process or another, run one at a time, each
// commit durable (WAL, synchronous=FULL). Read transactions are a deferred
// BEGIN (one consistent snapshot under WAL), on the write connection or, with
// `readers`, on a pool of read-only connections beside it.
#pragma once

#include <memory>
#include <string>

#include "core/error.h"
#include "store/sql.h"

namespace vigil::store {

struct SqliteOptions {
  // Read-only connections for Read transactions, which then run beside the
  // writer (the server: `--db-readers`); 0: reads take turns with writes on
  // the write connection (a CLI command).
  int readers = 0;
};

// Opens the file (creating it when needed) and applies the missing
// migrations (store/migrations.h). Errors name the path.
Result<std::unique_ptr<sql::Database>> open_sqlite_sql(const std::string& path, SqliteOptions options = {});

// One read-only connection to a workspace already created (and migrated):
// every transaction reads; a write fails.
Result<std::unique_ptr<sql::Database>> open_sqlite_reader(const std::string& path);

}  // namespace vigil::store
