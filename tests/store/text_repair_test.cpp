// Migration 3: text that an earlier vigil stored without checking it was
// UTF-8 (a query parameter such as ?version=%ff%fe) is repaired on SQLite, so
// the organisation's records can be listed and serialised again.
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "core/text.h"
#include "store/incident_store.h"
#include "store/migrations.h"
#include "store/open_sql.h"

namespace vigil::store {
namespace {

namespace fs = std::filesystem;

void exec(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK) << (error ? error : "");
  sqlite3_free(error);
  sqlite3_close(db);
}

std::string read_version(const std::string& path) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* q = nullptr;
  sqlite3_prepare_v2(db, "SELECT CAST(version AS BLOB) FROM compliance_documents", -1, &q, nullptr);
  std::string out;
  if (sqlite3_step(q) == SQLITE_ROW) {
    out.assign(static_cast<const char*>(sqlite3_column_blob(q, 0)),
               static_cast<std::size_t>(sqlite3_column_bytes(q, 0)));
  }
  sqlite3_finalize(q);
  sqlite3_close(db);
  return out;
}

TEST(TextRepair, BytesThatAreNotUtf8BecomeVisibleEscapes) {
  fs::path dir = fs::temp_directory_path() / ("vigil-text-repair-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string path = (dir / "vigil.db").string();
  {
    auto store = open_store(path);
    ASSERT_TRUE(store) << describe(store.error());
    ASSERT_TRUE((*store)->ensure_organisation("acme", "Acme"));
  }
  // The state an older vigil could leave: a row holding 0xFF 0xFE, at schema 2.
  exec(path,
       "INSERT INTO compliance_documents (org_id, name_key, name, status, version, approved_by, approved_on, "
       "next_review, approved_sha256, content_sha256, content_size, revision, updated_at, updated_by) VALUES "
       "('acme', 'policy', 'Policy', 'draft', CAST(X'31FFFE' AS TEXT), '', NULL, NULL, '', '', 0, 1, "
       "'2026-03-02T09:00:00Z', 'margaret'); DELETE FROM schema_migrations WHERE version >= 3; "
       // Undo migrations 4, 5 and 6 too, so the file is the one that older vigil left.
       "ALTER TABLE incidents DROP COLUMN significance_override; ALTER TABLE incidents DROP COLUMN late_submissions; "
       "DROP TABLE record_trail; DROP TABLE supplier_registers; DROP TABLE supplier_functions; "
       "DROP TABLE supplier_suppliers; DROP TABLE supplier_dependencies; "
       // And migration 7 (live exercises).
       "DROP INDEX incidents_one_per_exercise; ALTER TABLE incidents DROP COLUMN exercise_id; "
       "DROP TABLE exercise_events; DROP TABLE exercises; "
       // And migration 8 (the incident number counter).
       "ALTER TABLE organisations DROP COLUMN last_incident_number; "
       // And migration 9 (the documents register's maps_to).
       "ALTER TABLE compliance_documents DROP COLUMN maps_to; "
       // And migration 10 (chain seals).
       "DROP TABLE chain_seals; "
       // And migration 11 (the workspace's chain of organisations).
       "DROP TABLE workspace_trail;");
  ASSERT_FALSE(is_utf8(read_version(path)));
  {
    auto db = open_sql(path);
    ASSERT_TRUE(db) << describe(db.error());
    EXPECT_EQ(*schema_version(**db), migrations().back().version);
  }
  EXPECT_EQ(read_version(path), "1\\xFF\\xFE");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace vigil::store
