// SQLite specifics: durability settings, a file that is not a workspace, a
// write transaction rolled back after an append, and read-only connections.
// The store's contract and the tamper cases run on every engine in
// store_test.cpp.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "incident/incident.h"
#include "store/audit.h"
#include "store/incident_repository.h"
#include "store/sqlite/database.h"
#include "store/sqlite/sqlite_sql.h"
#include "store/store_fixtures.h"
#include "test_time.h"
#include "tzdata/zones.h"

namespace vigil::store {
namespace {

class SqliteStoreTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = test::fresh_test_dir("sqlite");
    path_ = (dir_ / "vigil.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::shared_ptr<sql::Database> open() {
    auto db = open_sqlite_sql(path_);
    EXPECT_TRUE(db) << describe(db.error());
    return db ? std::shared_ptr<sql::Database>(std::move(*db)) : nullptr;
  }

  fs::path dir_;
  std::string path_;
};

TEST_F(SqliteStoreTest, DurabilitySettingsAreOn) {
  ASSERT_TRUE(open());
  auto db = sqlite::Database::open(path_);
  ASSERT_TRUE(db);
  auto mode = db->prepare("PRAGMA journal_mode");
  ASSERT_TRUE(mode && *mode->step());
  EXPECT_EQ(mode->text(0), "wal");
  auto sync = db->prepare("PRAGMA synchronous");
  ASSERT_TRUE(sync && *sync->step());
  EXPECT_EQ(sync->integer(0), 2);  // FULL
  auto fk = db->prepare("PRAGMA foreign_keys");
  ASSERT_TRUE(fk && *fk->step());
  EXPECT_EQ(fk->integer(0), 1);
}

// What GroupCommitStore does when it loses a batch, on one connection: an
// append written inside a transaction that then rolls back. Told or not
// (forget), the store must chain the next append onto the committed head:
// the kept record no longer matches the incident's row.
TEST_F(SqliteStoreTest, AnAppendThatWasRolledBackIsNotChainedOnto) {
  auto db = open();
  ASSERT_TRUE(db);
  IncidentRepository store(db);
  ASSERT_TRUE(store.open_incident(kDefaultOrg, test::opened("first", "2025-03-01T10:00:00Z", "2025-03-01T12:00:00Z")));
  auto status = [](const char* value) -> NextEntry {
    return [value](const inc::Incident& r) {
      return inc::record_facts(r, {{{"status", value}}, "bob", at("2025-03-03T00:00:00Z")});
    };
  };
  std::int64_t entries = 1;
  for (bool told : {true, false}) {
    ASSERT_TRUE(store.append(kDefaultOrg, "INC-1", status("kept")));  // the store keeps the record
    ++entries;
    IncidentRepository::KeptRecords kept;
    auto rolled_back = db->run(sql::Access::Write, [&](sql::Transaction& tx) -> Result<void> {
      auto written =
          store.write_appended(tx, kept, kDefaultOrg, "INC-1", status("rolled back"), std::nullopt, std::nullopt);
      EXPECT_TRUE(written) << describe(written.error());
      if (written) {
        EXPECT_EQ(written->record()->event_count, entries + 1);
      }
      return fail(ErrorCode::Io, "test", "the batch is lost");
    });
    ASSERT_FALSE(rolled_back);
    if (told) store.forget(kept);
    auto after = store.append(kDefaultOrg, "INC-1", status("after"));
    ASSERT_TRUE(after) << describe(after.error());
    ++entries;
    EXPECT_EQ(after->event_count, entries) << (told ? "told" : "not told");
    auto log = store.events(kDefaultOrg, "INC-1");
    ASSERT_TRUE(log);
    EXPECT_EQ(static_cast<std::int64_t>(log->size()), entries);
    EXPECT_EQ(after->head_hash, log->back().hash);
    EXPECT_EQ(inc::verify_chain(*log), std::nullopt);
    EXPECT_EQ(after->facts.back().second, "after");
  }
  auto report = verify_workspace(store, kDefaultOrg);
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->intact());
}

TEST_F(SqliteStoreTest, NotAWorkspaceFileIsAClearError) {
  { std::ofstream(path_) << "this is not a database, just text that is long enough to be read as a header......"; }
  auto store = open_store(path_);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().where, path_);
}

TEST_F(SqliteStoreTest, ReadConnectionsCannotWrite) {
  ASSERT_TRUE(open());
  auto reader = open_sqlite_reader(path_);
  ASSERT_TRUE(reader) << describe(reader.error());
  IncidentRepository store(std::move(*reader));
  EXPECT_FALSE(store.ensure_organisation("acme", "Acme"));
  EXPECT_TRUE(store.list_incidents(kDefaultOrg, {})->empty());
}

}  // namespace
}  // namespace vigil::store
