// SQLite specifics: migrations, durability settings, and tampering with rows
// directly in the file (what a person with the sqlite3 shell could do) being
// caught by the audit.
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "incident/incident.h"
#include "store/audit.h"
#include "store/migrations.h"
#include "store/sqlite/database.h"
#include "store/sqlite/sqlite_store.h"

namespace vigil::store {
namespace {

namespace fs = std::filesystem;
namespace inc = vigil::incident;

Instant at(const char* text) { return *parse_rfc3339(text, "test"); }

class SqliteStoreTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("vigil-sqlite-" + std::to_string(getpid()) + "-" + testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    path_ = (dir_ / "vigil.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Seeds INC-1 (3 entries) and INC-2 (1 entry).
  void seed() {
    auto store = SqliteStore::open(path_);
    ASSERT_TRUE(store);
    auto open = [&](const char* title) {
      auto draft = inc::open_incident({title, at("2025-03-01T10:00:00Z"), "Europe/Berlin",
                                       "digital_infrastructure.cloud_computing_service_provider", false, "alice",
                                       at("2025-03-01T12:00:00Z")});
      ASSERT_TRUE(draft);
      ASSERT_TRUE((*store)->open_incident(kDefaultOrg, *draft));
    };
    open("first");
    for (const char* when : {"2025-03-01T11:00:00Z", "2025-03-02T11:00:00Z"}) {
      auto type = std::string(when) == "2025-03-01T11:00:00Z" ? inc::SubmissionType::EarlyWarning : inc::SubmissionType::Notification;
      ASSERT_TRUE((*store)->append(kDefaultOrg, "INC-1", [&](const inc::Incident& r) {
        return inc::submit(r, {type, at(when), inc::Recipient::Csirt, "", "bob", at("2025-03-03T00:00:00Z")});
      }));
    }
    open("second");
  }

  // Edits the file behind Vigil's back, as the sqlite3 shell would.
  void tamper(const char* sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    char* message = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, &message), SQLITE_OK) << (message ? message : "");
    sqlite3_free(message);
    sqlite3_close(db);
  }

  AuditReport audit() {
    auto store = SqliteStore::open(path_);
    EXPECT_TRUE(store);
    auto report = verify_workspace(**store, kDefaultOrg);
    EXPECT_TRUE(report);
    return *report;
  }

  fs::path dir_;
  std::string path_;
};

TEST_F(SqliteStoreTest, MigrationsAreAppliedOnceAndAreIdempotent) {
  for (int i = 0; i < 3; ++i) {
    auto store = SqliteStore::open(path_);
    ASSERT_TRUE(store) << describe(store.error());
    EXPECT_EQ(*(*store)->schema_version(), migrations().back().version);
  }
  auto db = sqlite::Database::open(path_);
  ASSERT_TRUE(db);
  auto count = db->prepare("SELECT COUNT(*) FROM schema_migrations");
  ASSERT_TRUE(count && *count->step());
  EXPECT_EQ(count->integer(0), static_cast<std::int64_t>(migrations().size()));
  auto org = db->prepare("SELECT name FROM organisations WHERE org_id = 'default'");
  ASSERT_TRUE(org && *org->step());
}

TEST_F(SqliteStoreTest, DurabilitySettingsAreOn) {
  ASSERT_TRUE(SqliteStore::open(path_));
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

TEST_F(SqliteStoreTest, ANewerSchemaIsRefused) {
  ASSERT_TRUE(SqliteStore::open(path_));
  tamper("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 'x')");
  auto store = SqliteStore::open(path_);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::Conflict);
  EXPECT_NE(store.error().message.find("999"), std::string::npos);
}

// What GroupCommitStore does when it loses a batch, on one connection: an
// append written inside a transaction that then rolls back. Told or not
// (transaction_rolled_back), the store must chain the next append onto the
// committed head: the kept record no longer matches the incident's row.
TEST_F(SqliteStoreTest, AnAppendThatWasRolledBackIsNotChainedOnto) {
  seed();  // INC-1: 3 entries
  auto store = SqliteStore::open(path_);
  ASSERT_TRUE(store);
  auto status = [](const char* value) -> NextEntry {
    return [value](const inc::Incident& r) { return inc::record_facts(r, {{{"status", value}}, "bob", at("2025-03-03T00:00:00Z")}); };
  };
  std::int64_t entries = 3;
  for (bool told : {true, false}) {
    ASSERT_TRUE((*store)->append(kDefaultOrg, "INC-1", status("kept")));  // the store keeps the record
    ++entries;
    {
      auto tx = sqlite::WriteTransaction::begin((*store)->database());
      ASSERT_TRUE(tx);
      auto written = (*store)->write_appended(kDefaultOrg, "INC-1", status("rolled back"), std::nullopt, std::nullopt);
      ASSERT_TRUE(written) << describe(written.error());
      EXPECT_EQ(written->record()->event_count, entries + 1);
    }  // rolls back
    if (told) (*store)->transaction_rolled_back();
    auto after = (*store)->append(kDefaultOrg, "INC-1", status("after"));
    ASSERT_TRUE(after) << describe(after.error());
    ++entries;
    EXPECT_EQ(after->event_count, entries) << (told ? "told" : "not told");
    auto log = (*store)->events(kDefaultOrg, "INC-1");
    ASSERT_TRUE(log);
    EXPECT_EQ(static_cast<std::int64_t>(log->size()), entries);
    EXPECT_EQ(after->head_hash, log->back().hash);
    EXPECT_EQ(inc::verify_chain(*log), std::nullopt);
    EXPECT_EQ(after->facts.back().second, "after");
  }
  EXPECT_TRUE(audit().intact());
}

TEST_F(SqliteStoreTest, NotAWorkspaceFileIsAClearError) {
  { std::ofstream(path_) << "this is not a database, just text that is long enough to be read as a header......"; }
  auto store = SqliteStore::open(path_);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().where, path_);
}

TEST_F(SqliteStoreTest, AnIntactWorkspaceVerifies) {
  seed();
  auto report = audit();
  EXPECT_TRUE(report.intact());
  EXPECT_EQ(report.incidents, 2);
  EXPECT_EQ(report.entries, 4);
}

TEST_F(SqliteStoreTest, EditingAnEntryIsCaughtAtThatEntry) {
  seed();
  tamper("UPDATE incident_events SET actor = 'mallory' WHERE incident_id = 'INC-1' AND seq = 2");
  auto report = audit();
  ASSERT_EQ(report.findings.size(), 1u);
  EXPECT_EQ(report.findings[0].incident_id, "INC-1");
  EXPECT_EQ(report.findings[0].seq, 2);
  EXPECT_NE(report.findings[0].reason.find("does not match its content"), std::string::npos);
}

TEST_F(SqliteStoreTest, EditingAPayloadAndRehashingIsCaughtAtTheNextEntry) {
  seed();
  // A careful forger recomputes entry 2's hash; entry 3 still points at the old one.
  auto store = SqliteStore::open(path_);
  auto events = *(*store)->events(kDefaultOrg, "INC-1");
  store->reset();
  inc::Event forged = events[1];
  forged.payload = R"({"recipient":"csirt","reference":"","submitted_at":"2025-03-01T10:30:00Z","type":"early-warning"})";
  forged.hash = inc::sha256_hex(inc::entry_text(forged));
  tamper(("UPDATE incident_events SET payload = '" + forged.payload + "', hash = '" + forged.hash +
          "' WHERE incident_id = 'INC-1' AND seq = 2").c_str());
  auto report = audit();
  ASSERT_FALSE(report.findings.empty());
  EXPECT_EQ(report.findings[0].incident_id, "INC-1");
  EXPECT_EQ(report.findings[0].seq, 3);
  EXPECT_NE(report.findings[0].reason.find("prev_hash"), std::string::npos);
}

TEST_F(SqliteStoreTest, DeletingAnEntryIsCaught) {
  seed();
  tamper("DELETE FROM incident_events WHERE incident_id = 'INC-1' AND seq = 2");
  auto report = audit();
  ASSERT_FALSE(report.findings.empty());
  EXPECT_EQ(report.findings[0].seq, 2);
  EXPECT_NE(report.findings[0].reason.find("missing"), std::string::npos);
}

TEST_F(SqliteStoreTest, EditingTheListingRowIsCaught) {
  seed();
  tamper("UPDATE incidents SET next_due_at = next_due_at + 86400 WHERE incident_id = 'INC-2'");
  auto report = audit();
  ASSERT_EQ(report.findings.size(), 1u);
  EXPECT_EQ(report.findings[0].incident_id, "INC-2");
  EXPECT_NE(report.findings[0].reason.find("next_due_at"), std::string::npos);
}

TEST_F(SqliteStoreTest, RemovingAWholeIncidentIsCaught) {
  seed();
  tamper("PRAGMA foreign_keys = OFF; DELETE FROM incident_events WHERE incident_id = 'INC-1';"
         "DELETE FROM incidents WHERE incident_id = 'INC-1'");
  auto report = audit();
  ASSERT_FALSE(report.findings.empty());
  EXPECT_NE(report.findings[0].reason.find("INC-1 removed"), std::string::npos);
}

// Deleting the newest incident leaves no gap in the numbers; the counter of
// numbers given out still knows it, and the number is never handed out again.
TEST_F(SqliteStoreTest, RemovingTheNewestIncidentIsCaughtAndItsNumberNeverReused) {
  seed();
  tamper("PRAGMA foreign_keys = OFF; DELETE FROM incident_events WHERE incident_id = 'INC-2';"
         "DELETE FROM incidents WHERE incident_id = 'INC-2'");
  auto report = audit();
  ASSERT_EQ(report.findings.size(), 1u);
  EXPECT_EQ(report.findings[0].reason, "numbers up to INC-2 were given out, but INC-2 was removed");
  auto store = SqliteStore::open(path_);
  ASSERT_TRUE(store);
  auto draft = inc::open_incident({"third", at("2025-03-01T10:00:00Z"), "Europe/Berlin",
                                   "digital_infrastructure.cloud_computing_service_provider", false, "alice",
                                   at("2025-03-01T12:00:00Z")});
  ASSERT_TRUE(draft);
  auto next = (*store)->open_incident(kDefaultOrg, *draft);
  ASSERT_TRUE(next) << describe(next.error());
  EXPECT_EQ(next->id, "INC-3");
}

TEST_F(SqliteStoreTest, SwappedEvidenceContentIsCaught) {
  seed();
  auto store = SqliteStore::open(path_);
  std::string content = "original";
  std::string sha = inc::sha256_hex(content);
  ASSERT_TRUE((*store)->append(kDefaultOrg, "INC-2", [&](const inc::Incident& r) {
    return inc::add_evidence(r, {sha, 8, "a.txt", "what it shows", "dave", at("2025-03-03T00:00:00Z")});
  }, Blob{sha, content}));
  store->reset();
  tamper("UPDATE evidence_blobs SET content = X'00'");
  auto report = audit();
  ASSERT_EQ(report.findings.size(), 1u);
  EXPECT_NE(report.findings[0].reason.find("evidence " + sha), std::string::npos);
}

}  // namespace
}  // namespace vigil::store
