#include "postgres/schema.h"

#include <chrono>
#include <span>
#include <string_view>

#include <fmt/format.h>

#include "core/time.h"
#include "store/accounts.h"
#include "store/migrations.h"

namespace vigil::store::postgres {

namespace {

// First key of the two-part advisory lock ("VG"); the second is the schema's
// name, so workspaces in different schemas of one database do not wait on
// each other.
constexpr int kMigrationLock = 0x5647;

constexpr std::string_view kAccountMigrationsTable =
    "CREATE TABLE IF NOT EXISTS account_migrations (version BIGINT PRIMARY KEY, applied_at TEXT NOT NULL)";

struct Step {
  int version;
  std::string_view name;
  std::string_view sql;
  bool rederive_listing_rows = false;
};

// Applies the steps above `table`'s highest version; refuses a newer schema.
Result<void> apply(Transaction& tx, const Database& db, std::string_view table, std::span<const Step> steps,
                   bool with_name, const std::string& applied_at) {
  auto current_rows = TRY(tx.query(fmt::format("SELECT COALESCE(MAX(version), 0) FROM {}", table)));
  const std::int64_t current = current_rows.at(0).integer(0);
  const std::int64_t latest = steps.empty() ? 0 : steps.back().version;
  if (current > latest) {
    return fail(ErrorCode::Conflict, db.where(),
                fmt::format("the workspace schema ({}) is at version {}, newer than this vigil knows ({}); upgrade vigil",
                            table, current, latest));
  }
  for (const Step& step : steps) {
    if (step.version <= current) continue;
    if (auto done = tx.execute(step.sql); !done) {
      return fail(ErrorCode::Io, db.where(),
                  fmt::format("migration {} ({}) failed: {}", step.version, step.name, done.error().message));
    }
    if (step.rederive_listing_rows) TRY(rederive_listing_rows(tx));
    if (with_name) {
      TRY(tx.query(fmt::format("INSERT INTO {} (version, name, applied_at) VALUES ($1, $2, $3)", table),
                   {step.version, step.name, applied_at}));
    } else {
      TRY(tx.query(fmt::format("INSERT INTO {} (version, applied_at) VALUES ($1, $2)", table),
                   {step.version, applied_at}));
    }
  }
  return {};
}

}  // namespace

Result<void> migrate(Database& db, Tables tables) {
  std::vector<Step> workspace;
  for (const Migration& m : migrations()) workspace.push_back({m.version, m.name, m.sql, m.rederive_listing_rows});
  std::vector<Step> accounts;
  if (tables == Tables::WorkspaceAndAccounts) {
    int version = 0;
    for (std::string_view sql : account_migrations()) accounts.push_back({++version, "accounts", sql, false});
  }
  const std::string applied_at =
      format_utc(std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()));
  return db.transact([&](Transaction& tx) -> Result<void> {
    // Held until this transaction ends: a second process starting now waits
    // here, then finds every migration recorded and has nothing to do.
    TRY(tx.query("SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))", {kMigrationLock}));
    TRY(tx.execute(kMigrationsTable));
    TRY(apply(tx, db, "schema_migrations", workspace, true, applied_at));
    if (tables == Tables::WorkspaceAndAccounts) {
      TRY(tx.execute(kAccountMigrationsTable));
      TRY(apply(tx, db, "account_migrations", accounts, false, applied_at));
    }
    return {};
  });
}

Result<int> schema_version(Database& db) {
  return db.transact([](Transaction& tx) -> Result<int> {
    auto rows = TRY(tx.query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
    return static_cast<int>(rows.at(0).integer(0));
  });
}

}  // namespace vigil::store::postgres
