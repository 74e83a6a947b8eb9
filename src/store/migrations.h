// The workspace schema as an ordered list of SQL scripts. A database records
// the versions it has applied in schema_migrations; opening it applies the
// missing ones in one transaction (migrate, below: one runner for both
// engines). SQLite and PostgreSQL run the same scripts, so they stick to
// portable SQL (TEXT, BIGINT, BYTEA, partial indexes).
#pragma once

#include <span>
#include <string_view>

#include "core/error.h"
#include "store/sql.h"

namespace vigil::store {

struct Migration {
  int version;  // 1, 2, 3, ... never reused, never edited once released
  std::string_view name;
  std::string_view sql;  // one or more statements separated by ';'
  // After the SQL, replay every incident's log and rewrite its listing row:
  // for a version whose rules derive the row differently (audit verify
  // compares the stored row with the one derived from the entries).
  bool rederive_listing_rows = false;
};

std::span<const Migration> migrations();

// Creates the table that records applied migrations (run before the others).
inline constexpr std::string_view kMigrationsTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version BIGINT PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " applied_at TEXT NOT NULL)";

// Brings the database to the schema this vigil knows, in one write
// transaction: the missing workspace migrations (schema_migrations), then the
// account tables' (account_migrations, store/accounts.h), each recorded with
// its version; both tables have the same shape on every engine. Two
// processes starting at once apply each migration once (PostgreSQL: an
// advisory lock, Dialect::lock_migrations; SQLite: BEGIN IMMEDIATE). Errors
// name `where` (the file, or the URL without its password): Conflict when
// the database is newer than this vigil, Io when a migration fails.
Result<void> migrate(sql::Database& db, std::string_view where);

// The highest workspace migration applied (0 for an empty database).
Result<int> schema_version(sql::Database& db);

}  // namespace vigil::store
