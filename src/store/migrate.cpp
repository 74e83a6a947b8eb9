// The one migration runner: the same steps, in the same transaction, on
// SQLite and PostgreSQL (store/migrations.h).
#include <chrono>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/text.h"
#include "core/time.h"
#include "store/accounts.h"
#include "store/incident_repository.h"
#include "store/migrations.h"
#include "store/workspace_trail.h"

namespace vigil::store {

using sql::Param;
using sql::Row;
using sql::Transaction;

namespace {

constexpr std::string_view kAccountMigrationsTable =
    "CREATE TABLE IF NOT EXISTS account_migrations (version BIGINT PRIMARY KEY, applied_at TEXT NOT NULL)";

Result<std::int64_t> highest_version(Transaction& tx, std::string_view table) {
  auto rows = TRY(tx.query(fmt::format("SELECT COALESCE(MAX(version), 0) FROM {}", table)));
  return rows.at(0).integer(0);
}

// Migration 3: bytes that are not UTF-8 in the compliance records' text
// become the visible escape \xNN (core/text.h excerpt's notation), so that
// every row can be read, listed and serialised again. Only SQLite ever
// stored such bytes (PostgreSQL refuses them), so there it finds nothing.
Result<void> repair_text(Transaction& tx) {
  struct Table {
    std::string_view name;
    std::string_view key;  // with org_id, the primary key
    bool integer_key;
    std::vector<std::string_view> columns;
  };
  const Table tables[] = {
      {"compliance_documents", "name_key", false, {"name", "version", "approved_by", "updated_by"}},
      {"management_approvals", "approval_id", true, {"subject_name", "version", "approved_by", "note"}},
      {"gap_assessments", "assessment_id", true, {"created_by"}},
  };
  for (const auto& table : tables) {
    for (auto column : table.columns) {
      auto rows = TRY(tx.query(fmt::format("SELECT org_id, {}, {} FROM {}", table.key, column, table.name)));
      for (const Row& row : rows) {
        std::string value = row.text(2);
        if (is_utf8(value)) continue;
        std::string fixed;
        for (std::size_t i = 0; i < value.size();) {
          std::size_t good = utf8_prefix_length(std::string_view(value).substr(i));
          fixed.append(value, i, good);
          i += good;
          if (i < value.size()) fixed += fmt::format("\\x{:02X}", static_cast<unsigned char>(value[i++]));
        }
        const Param key = table.integer_key ? Param(row.integer(1)) : Param(row.text(1));
        TRY(tx.query(fmt::format("UPDATE {} SET {} = $1 WHERE org_id = $2 AND {} = $3", table.name, column, table.key),
                     {fixed, row.text(0), key}));
      }
    }
  }
  return {};
}

}  // namespace

Result<void> migrate(sql::Database& db, std::string_view where) {
  const std::string applied_at =
      format_utc(std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()));
  return db.transact(sql::Access::Write, [&](Transaction& tx) -> Result<void> {
    // Held until this transaction ends: a second process starting now waits
    // here, then finds every migration recorded and has nothing to do.
    if (!tx.dialect().lock_migrations.empty()) TRY(tx.query(tx.dialect().lock_migrations));
    TRY(tx.execute(kMigrationsTable));
    const std::int64_t current = TRY(highest_version(tx, "schema_migrations"));
    const auto all = migrations();
    const std::int64_t latest = all.empty() ? 0 : all.back().version;
    if (current > latest) {
      return fail(ErrorCode::Conflict, std::string(where),
                  fmt::format("the workspace schema is at version {}, newer than this vigil knows ({}); upgrade vigil",
                              current, latest));
    }
    for (const Migration& m : all) {
      if (m.version <= current) continue;
      if (auto done = tx.execute(m.sql); !done) {
        return fail(ErrorCode::Io, std::string(where),
                    fmt::format("migration {} ({}) failed: {}", m.version, m.name, done.error().message));
      }
      if (m.version == 3) TRY(repair_text(tx));
      if (m.version == 11) TRY(record_existing_organisations(tx, applied_at));
      if (m.rederive_listing_rows) TRY(rederive_listing_rows(tx));
      TRY(tx.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
                   {m.version, m.name, applied_at}));
    }

    // The account tables reference `organisations`: theirs come after.
    TRY(tx.execute(kAccountMigrationsTable));
    const std::int64_t accounts = TRY(highest_version(tx, "account_migrations"));
    const auto steps = account_migrations();
    const auto known = static_cast<std::int64_t>(steps.size());
    if (accounts > known) {
      return fail(ErrorCode::Conflict, std::string(where),
                  fmt::format("the account tables are at version {}, newer than this vigil knows ({}); upgrade vigil",
                              accounts, known));
    }
    for (std::int64_t v = accounts + 1; v <= known; ++v) {
      if (auto done = tx.execute(steps[static_cast<std::size_t>(v - 1)]); !done) {
        return fail(ErrorCode::Io, std::string(where),
                    fmt::format("account migration {} failed: {}", v, done.error().message));
      }
      TRY(tx.query("INSERT INTO account_migrations (version, applied_at) VALUES ($1, $2)", {v, applied_at}));
    }
    return {};
  });
}

Result<int> schema_version(sql::Database& db) {
  return db.transact(sql::Access::Read, [](Transaction& tx) -> Result<int> {
    return static_cast<int>(TRY(highest_version(tx, "schema_migrations")));
  });
}

}  // namespace vigil::store
