// A workspace written by an earlier release (the vigil of commit ba37dc4, with
// tests/store/data/make_legacy_workspace.sh): its schema at version 3 is that
// of migrations 1 to 3, which are never edited once released (pinned below),
// and its incident record is the rows of its dump
// (tests/store/data/legacy_workspace_v3_rows.sql). Opening it applies
// migration 4, which re-derives every listing row under the new rules; the
// stored chains are not touched and still verify, and the record shows what
// their entries support: the late notification of INC-1, the reports INC-2's
// early warning started (due until withdrawn), the override of INC-3. On
// SQLite, and on PostgreSQL when VIGIL_TEST_POSTGRES is set.
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/sha256.h"
#include "incident/incident.h"
#include "incident/record_json.h"
#include "store/audit.h"
#include "store/incident_store.h"
#include "store/migrations.h"
#include "store/open_sql.h"
#include "store/postgres_scratch.h"
#include "store/workspace_trail.h"
#include "test_time.h"
#include "tzdata/zones.h"

namespace vigil::store {
namespace {

namespace fs = std::filesystem;
namespace inc = vigil::incident;

using vigil::test::at;

// The rows of the legacy workspace's incident record (the organisation row is
// made by migration 1 itself).
std::string legacy_rows() {
  std::ifstream in(std::string(VIGIL_SOURCE_DIR) + "/tests/store/data/legacy_workspace_v3_rows.sql");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The workspace as vigil left it at version 3: migrations 1 to 3, recorded as
// applied, then the legacy rows. One script for both engines.
std::string legacy_workspace_sql() {
  std::string sql = std::string(kMigrationsTable) + ";\n";
  for (const Migration& m : migrations()) {
    if (m.version > 3) break;
    sql += std::string(m.sql) + ";\n";
    sql += "INSERT INTO schema_migrations (version, name, applied_at) VALUES (" + std::to_string(m.version) + ", '" +
           std::string(m.name) + "', '2025-04-20T00:00:00Z');\n";
  }
  return sql + legacy_rows();
}

// The schema the legacy workspace was written with is migrations 1 to 3 as
// released (ba37dc4): the SHA-256 of their versions, names and scripts.
TEST(LegacyWorkspace, MigrationsOneToThreeAreAsReleased) {
  std::string released;
  for (const Migration& m : migrations()) {
    if (m.version > 3) break;
    released += std::to_string(m.version) + " " + std::string(m.name) + "\n" + std::string(m.sql) + "\n";
  }
  EXPECT_EQ(sha256_hex(released), "687362941402290a8989d93300f790cf8c885b4514cfe55d6219c0ecd48772fc");
}

// What the tests below expect of the store once it has been opened.
void expect_the_legacy_record_follows(IncidentStore& store) {
  auto rows = store.list_incidents(kDefaultOrg, {.include_inactive = true, .limit = std::nullopt});
  ASSERT_TRUE(rows) << describe(rows.error());
  ASSERT_EQ(rows->size(), 3u);
  const inc::Summary& one = (*rows)[0];
  EXPECT_EQ(one.significance, inc::Conclusion::Significant);
  // Due 2025-03-06T09:00Z, submitted 2025-03-14T11:15Z.
  EXPECT_EQ(one.late, (std::vector<inc::LateSubmission>{{inc::SubmissionType::Notification, 699300}}));
  const inc::Summary& two = (*rows)[1];
  EXPECT_EQ(two.significance, inc::Conclusion::NotSignificant);
  EXPECT_EQ(two.next_report, "incident_notification");  // the old row said: nothing due
  EXPECT_EQ(two.next_due, at("2025-03-08T08:00:00Z"));
  EXPECT_EQ(two.next_owed(), inc::Owed::UntilWithdrawn);
  const inc::Summary& three = (*rows)[2];
  EXPECT_TRUE(three.overridden);
  EXPECT_EQ(three.significance, inc::Conclusion::NotSignificant);

  auto audit = verify_workspace(store, kDefaultOrg);
  ASSERT_TRUE(audit) << describe(audit.error());
  EXPECT_TRUE(audit->intact()) << to_json(*audit).dump();
  EXPECT_EQ(audit->entries, 10);
  // The chains are the ones written then: INC-1's head is still its old hash.
  EXPECT_EQ(one.head_hash, "7914c16734852d5230a990018bc4e0afa50a80e69f6b18b5189ae833c023d45d");

  // And they go on: INC-2's notification is withdrawn with a reason.
  auto withdrawn = store.append(kDefaultOrg, "INC-2", [](const inc::Incident& r) {
    return inc::withdraw_report(
        r, {inc::SubmissionType::Notification, "CSIRT told: not significant", "bob", at("2025-04-20T00:00:00Z")},
        tzdata::zones());
  });
  ASSERT_TRUE(withdrawn) << describe(withdrawn.error());
  auto after = store.list_incidents(kDefaultOrg, {.include_inactive = true, .limit = std::nullopt});
  EXPECT_EQ((*after)[1].next_report, "final_report");
  // The next append folds onto the record the store kept: it must be the one
  // a replay of the entries gives.
  auto final_withdrawn = store.append(kDefaultOrg, "INC-2", [](const inc::Incident& r) {
    return inc::withdraw_report(
        r, {inc::SubmissionType::Final, "CSIRT closed the case", "bob", at("2025-04-20T00:01:00Z")}, tzdata::zones());
  });
  ASSERT_TRUE(final_withdrawn) << describe(final_withdrawn.error());
  auto reloaded = store.load_incident(kDefaultOrg, "INC-2");
  ASSERT_TRUE(reloaded);
  EXPECT_EQ(inc::to_json(*final_withdrawn).dump(), inc::to_json(*reloaded).dump());
  EXPECT_EQ(final_withdrawn->withdrawals.size(), 2u);
  EXPECT_TRUE(verify_workspace(store, kDefaultOrg)->intact());
}

// Migration 11 entered the organisation there (default, made by migration
// 1) on the workspace's chain of organisations, as recorded at migration.
void expect_the_organisation_is_on_the_workspace_chain(const std::string& location) {
  auto chain = verify_workspace_trail(location);
  ASSERT_TRUE(chain) << describe(chain.error());
  EXPECT_TRUE(chain->intact()) << to_json(*chain).dump();
  EXPECT_EQ(chain->entries, 1);
  EXPECT_EQ(chain->organisations, 1);
  EXPECT_EQ(chain->recorded_at_migration, 1);
}

TEST(LegacyWorkspace, SqliteOpensItAndReDerivesTheListingRows) {
  fs::path dir = fs::temp_directory_path() / ("vigil-legacy-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string path = (dir / "vigil.db").string();
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    ASSERT_EQ(sqlite3_exec(db, legacy_workspace_sql().c_str(), nullptr, nullptr, &error), SQLITE_OK)
        << (error ? error : "");
    sqlite3_close(db);
  }
  auto store = open_store(path);
  ASSERT_TRUE(store) << describe(store.error());
  EXPECT_EQ(*schema_version(**open_sql(path)), migrations().back().version);
  expect_the_organisation_is_on_the_workspace_chain(path);
  expect_the_legacy_record_follows(**store);
  fs::remove_all(dir);
}

TEST(LegacyWorkspace, PostgresOpensItAndReDerivesTheListingRows) {
  auto server = test::postgres_server();
  if (!server) GTEST_SKIP() << test::kNoPostgres;
  test::ScratchSchema schema(*server);
  test::run_sql(schema.url(), legacy_workspace_sql());
  auto store = open_store(schema.url());
  ASSERT_TRUE(store) << describe(store.error());
  expect_the_organisation_is_on_the_workspace_chain(schema.url());
  expect_the_legacy_record_follows(**store);
}

}  // namespace
}  // namespace vigil::store
