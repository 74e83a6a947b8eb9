// The workspace schema as an ordered list of SQL scripts. A database records
// the versions it has applied in schema_migrations; opening it applies the
// missing ones in one transaction. SQLite and PostgreSQL run the same scripts,
// so they stick to portable SQL (TEXT, BIGINT, BYTEA, partial indexes).
#pragma once

#include <span>
#include <string_view>

namespace vigil::store {

struct Migration {
  int version;            // 1, 2, 3, ... never reused, never edited once released
  std::string_view name;
  std::string_view sql;   // one or more statements separated by ';'
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

}  // namespace vigil::store
