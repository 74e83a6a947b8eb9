// PostgreSQL specifics: migrations under an advisory lock, two Store instances
// (two connections, as two `vigil serve` processes would have) sharing one
// state, concurrent writers that never fork a chain, and rows edited directly
// with SQL (what somebody with psql could do) being caught by the audit.
#include <atomic>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "incident/incident.h"
#include "store/accounts.h"
#include "store/audit.h"
#include "store/migrations.h"
#include "postgres/postgres_store.h"
#include "store/postgres_scratch.h"

#if defined(__SANITIZE_ADDRESS__)
// libpq 15 / libpqxx 6.4 lose one PGresult (about 2 KB) when the server cuts a
// connection (AStoreReconnectsWhenItsConnectionIsCut); the leak is theirs, so
// LeakSanitizer is told to ignore allocations made inside libpq only.
extern "C" const char* __lsan_default_suppressions() { return "leak:libpq.so\n"; }
#endif

namespace vigil::store {
namespace {

namespace inc = vigil::incident;

Instant at(const char* text) { return *parse_rfc3339(text, "test"); }

inc::EventDraft opened(const char* title) {
  auto draft = inc::open_incident({title, at("2025-03-01T10:00:00Z"), "Europe/Berlin",
                                   "digital_infrastructure.cloud_computing_service_provider", false, "alice",
                                   at("2025-03-01T12:00:00Z")});
  EXPECT_TRUE(draft) << describe(draft.error());
  return *draft;
}

NextEntry deciding(std::string what) {
  return [what](const inc::Incident& r) {
    inc::DecideRequest d;
    d.decision = what;
    d.rationale = "contain first";
    d.by = "bob";
    d.now = at("2025-03-01T13:00:00Z");
    return inc::decide(r, d);
  };
}

class PostgresStoreTest : public testing::Test {
 protected:
  void SetUp() override {
    auto server = test::postgres_server();
    if (!server) GTEST_SKIP() << test::kNoPostgres;
    schema_ = std::make_unique<test::ScratchSchema>(*server);
    url_ = schema_->url();
  }
  void TearDown() override { schema_.reset(); }

  std::unique_ptr<Store> open() {
    auto store = open_postgres_store(url_);
    EXPECT_TRUE(store) << describe(store.error());
    return store ? std::move(*store) : nullptr;
  }

  // Seeds INC-1 (3 entries) and INC-2 (1 entry).
  void seed() {
    auto store = open();
    ASSERT_TRUE(store);
    ASSERT_TRUE(store->open_incident(kDefaultOrg, opened("first")));
    ASSERT_TRUE(store->append(kDefaultOrg, "INC-1", [](const inc::Incident& r) {
      return inc::submit(r, {inc::SubmissionType::EarlyWarning, at("2025-03-01T11:00:00Z"), inc::Recipient::Csirt, "",
                             "bob", at("2025-03-03T00:00:00Z")});
    }));
    ASSERT_TRUE(store->append(kDefaultOrg, "INC-1", [](const inc::Incident& r) {
      return inc::submit(r, {inc::SubmissionType::Notification, at("2025-03-02T11:00:00Z"), inc::Recipient::Csirt, "",
                             "bob", at("2025-03-03T00:00:00Z")});
    }));
    ASSERT_TRUE(store->open_incident(kDefaultOrg, opened("second")));
  }

  void tamper(const std::string& sql) { test::run_sql(url_, sql); }

  AuditReport audit() {
    auto store = open();
    EXPECT_TRUE(store);
    if (!store) return {};
    auto report = verify_workspace(*store, kDefaultOrg);
    EXPECT_TRUE(report) << describe(report.error());
    return report ? *report : AuditReport{};
  }

  std::unique_ptr<test::ScratchSchema> schema_;
  std::string url_;
};

TEST_F(PostgresStoreTest, MigrationsAreAppliedOnceAndAreIdempotent) {
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(open());
  EXPECT_EQ(test::query_text(url_, "SELECT COUNT(*) FROM schema_migrations"), std::to_string(migrations().size()));
  EXPECT_EQ(test::query_text(url_, "SELECT MAX(version) FROM schema_migrations"),
            std::to_string(migrations().back().version));
  EXPECT_EQ(test::query_text(url_, "SELECT name FROM organisations WHERE org_id = 'default'"), "Default organisation");
  // The tables were made in the test's own schema, nowhere else.
  EXPECT_EQ(test::query_text(url_, "SELECT table_schema FROM information_schema.tables WHERE table_name = 'incidents' "
                                   "AND table_schema = current_schema()"),
            schema_->name());
}

TEST_F(PostgresStoreTest, ServersStartingAtOnceApplyEachMigrationOnce) {
  constexpr int kServers = 6;
  std::vector<std::string> failures(kServers);
  std::vector<std::thread> threads;
  for (int i = 0; i < kServers; ++i) {
    threads.emplace_back([&, i] {
      auto accounts = open_accounts(url_);  // workspace and account migrations
      if (!accounts) failures[i] = describe(accounts.error());
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& failure : failures) EXPECT_EQ(failure, "");
  EXPECT_EQ(test::query_text(url_, "SELECT COUNT(*) FROM schema_migrations"), std::to_string(migrations().size()));
  EXPECT_EQ(test::query_text(url_, "SELECT COUNT(*) FROM account_migrations"),
            std::to_string(account_migrations().size()));
}

TEST_F(PostgresStoreTest, ANewerSchemaIsRefused) {
  ASSERT_TRUE(open());
  tamper("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 'x')");
  auto store = open_postgres_store(url_);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::Conflict);
  EXPECT_NE(store.error().message.find("999"), std::string::npos);
}

TEST_F(PostgresStoreTest, TwoInstancesServeOneState) {
  auto first = open();
  auto second = open();
  ASSERT_TRUE(first && second);
  ASSERT_TRUE(first->ensure_organisation("acme", "Acme"));
  ASSERT_TRUE(first->open_incident("acme", opened("written through the first")));
  auto seen = second->load_incident("acme", "INC-1");
  ASSERT_TRUE(seen) << describe(seen.error());
  EXPECT_EQ(seen->title, "written through the first");
  ASSERT_TRUE(second->append("acme", "INC-1", deciding("isolate the host")));
  EXPECT_EQ(first->load_incident("acme", "INC-1")->event_count, 2);
  EXPECT_EQ(first->list_incidents("acme", {})->at(0).event_count, 2);
  // An ETag taken through one instance is checked against writes through the other.
  const std::int64_t etag = first->load_incident("acme", "INC-1")->event_count;
  ASSERT_TRUE(second->append("acme", "INC-1", deciding("rotate keys"), std::nullopt, etag));
  auto stale = first->append("acme", "INC-1", deciding("restore service"), std::nullopt, etag);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::Conflict);
  EXPECT_EQ(second->events("acme", "INC-1")->size(), 3u);
}

TEST_F(PostgresStoreTest, ConcurrentAppendsNeverForkTheChain) {
  ASSERT_TRUE(open()->open_incident(kDefaultOrg, opened("busy")));
  constexpr int kWriters = 4;
  constexpr int kEach = 15;
  std::vector<std::string> failures;
  std::mutex failures_mutex;
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      auto store = open_postgres_store(url_);  // its own connection, as another server
      for (int i = 0; store && i < kEach; ++i) {
        auto done = (*store)->append(kDefaultOrg, "INC-1", deciding(fmt::format("writer {} step {}", w, i)));
        if (!done) {
          std::lock_guard lock(failures_mutex);
          failures.push_back(describe(done.error()));
        }
      }
      if (!store) {
        std::lock_guard lock(failures_mutex);
        failures.push_back(describe(store.error()));
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_TRUE(failures.empty()) << failures.front();
  auto events = open()->events(kDefaultOrg, "INC-1");
  ASSERT_TRUE(events);
  ASSERT_EQ(events->size(), static_cast<std::size_t>(1 + kWriters * kEach));
  for (std::size_t i = 0; i < events->size(); ++i) EXPECT_EQ((*events)[i].seq, static_cast<std::int64_t>(i + 1));
  EXPECT_EQ(inc::verify_chain(*events), std::nullopt);
  EXPECT_EQ(open()->load_incident(kDefaultOrg, "INC-1")->head_hash, events->back().hash);
  EXPECT_TRUE(audit().intact());
}

TEST_F(PostgresStoreTest, OfConcurrentWritersWithOneETagExactlyOneWins) {
  ASSERT_TRUE(open()->open_incident(kDefaultOrg, opened("contested")));
  constexpr int kWriters = 5;
  std::vector<std::unique_ptr<Store>> stores;
  for (int w = 0; w < kWriters; ++w) stores.push_back(open());
  std::atomic<int> ready{0};
  std::vector<std::optional<ErrorCode>> outcomes(kWriters);
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      ++ready;
      while (ready < kWriters) std::this_thread::yield();
      auto done = stores[w]->append(kDefaultOrg, "INC-1", deciding("writer " + std::to_string(w)), std::nullopt, 1);
      if (!done) outcomes[w] = done.error().code;
    });
  }
  for (auto& t : threads) t.join();
  int won = 0;
  for (const auto& outcome : outcomes) {
    if (!outcome) ++won;
    else EXPECT_EQ(*outcome, ErrorCode::Conflict);
  }
  EXPECT_EQ(won, 1);
  EXPECT_EQ(open()->events(kDefaultOrg, "INC-1")->size(), 2u);
}

TEST_F(PostgresStoreTest, ConcurrentOpeningGivesEveryIncidentItsOwnNumber) {
  constexpr int kWriters = 4;
  constexpr int kEach = 5;
  std::vector<std::vector<std::string>> ids(kWriters);
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      auto store = open_postgres_store(url_);
      for (int i = 0; store && i < kEach; ++i) {
        auto record = (*store)->open_incident(kDefaultOrg, opened("parallel"));
        ids[w].push_back(record ? record->id : describe(record.error()));
      }
    });
  }
  for (auto& t : threads) t.join();
  std::set<std::string> all;
  for (const auto& list : ids) all.insert(list.begin(), list.end());
  std::set<std::string> expected;
  for (int n = 1; n <= kWriters * kEach; ++n) expected.insert("INC-" + std::to_string(n));
  EXPECT_EQ(all, expected);
}

TEST_F(PostgresStoreTest, AnIntactWorkspaceVerifies) {
  seed();
  auto report = audit();
  EXPECT_TRUE(report.intact());
  EXPECT_EQ(report.incidents, 2);
  EXPECT_EQ(report.entries, 4);
}

TEST_F(PostgresStoreTest, EditingAnEntryIsCaughtAtThatEntry) {
  seed();
  tamper("UPDATE incident_events SET actor = 'mallory' WHERE incident_id = 'INC-1' AND seq = 2");
  auto report = audit();
  ASSERT_EQ(report.findings.size(), 1u);
  EXPECT_EQ(report.findings[0].incident_id, "INC-1");
  EXPECT_EQ(report.findings[0].seq, 2);
  EXPECT_NE(report.findings[0].reason.find("does not match its content"), std::string::npos);
}

TEST_F(PostgresStoreTest, EditingAPayloadAndRehashingIsCaughtAtTheNextEntry) {
  seed();
  auto events = *open()->events(kDefaultOrg, "INC-1");
  inc::Event forged = events[1];
  forged.payload = R"({"recipient":"csirt","reference":"","submitted_at":"2025-03-01T10:30:00Z","type":"early-warning"})";
  forged.hash = inc::sha256_hex(inc::entry_text(forged));
  tamper("UPDATE incident_events SET payload = '" + forged.payload + "', hash = '" + forged.hash +
         "' WHERE incident_id = 'INC-1' AND seq = 2");
  auto report = audit();
  ASSERT_FALSE(report.findings.empty());
  EXPECT_EQ(report.findings[0].incident_id, "INC-1");
  EXPECT_EQ(report.findings[0].seq, 3);
  EXPECT_NE(report.findings[0].reason.find("prev_hash"), std::string::npos);
}

TEST_F(PostgresStoreTest, DeletingAnEntryIsCaught) {
  seed();
  tamper("DELETE FROM incident_events WHERE incident_id = 'INC-1' AND seq = 2");
  auto report = audit();
  ASSERT_FALSE(report.findings.empty());
  EXPECT_EQ(report.findings[0].seq, 2);
  EXPECT_NE(report.findings[0].reason.find("missing"), std::string::npos);
}

TEST_F(PostgresStoreTest, EditingTheListingRowIsCaught) {
  seed();
  tamper("UPDATE incidents SET next_due_at = next_due_at + 86400 WHERE incident_id = 'INC-2'");
  auto report = audit();
  ASSERT_EQ(report.findings.size(), 1u);
  EXPECT_EQ(report.findings[0].incident_id, "INC-2");
  EXPECT_NE(report.findings[0].reason.find("next_due_at"), std::string::npos);
}

TEST_F(PostgresStoreTest, RemovingAWholeIncidentIsCaught) {
  seed();
  tamper("DELETE FROM incident_events WHERE incident_id = 'INC-1'; DELETE FROM incidents WHERE incident_id = 'INC-1'");
  auto report = audit();
  ASSERT_FALSE(report.findings.empty());
  EXPECT_NE(report.findings[0].reason.find("INC-1 removed"), std::string::npos);
}

TEST_F(PostgresStoreTest, RemovingTheNewestIncidentIsCaughtAndItsNumberNeverReused) {
  seed();
  tamper("DELETE FROM incident_events WHERE incident_id = 'INC-2'; DELETE FROM incidents WHERE incident_id = 'INC-2'");
  auto report = audit();
  ASSERT_EQ(report.findings.size(), 1u);
  EXPECT_EQ(report.findings[0].reason, "numbers up to INC-2 were given out, but INC-2 was removed");
  auto next = open()->open_incident(kDefaultOrg, opened("third"));
  ASSERT_TRUE(next) << describe(next.error());
  EXPECT_EQ(next->id, "INC-3");
}

TEST_F(PostgresStoreTest, SwappedEvidenceContentIsCaught) {
  seed();
  std::string content = "original";
  std::string sha = inc::sha256_hex(content);
  ASSERT_TRUE(open()->append(kDefaultOrg, "INC-2", [&](const inc::Incident& r) {
    return inc::add_evidence(r, {sha, 8, "a.txt", "what it shows", "dave", at("2025-03-03T00:00:00Z")});
  }, Blob{sha, content}));
  EXPECT_EQ(test::query_text(url_, "SELECT encode(content, 'escape') FROM evidence_blobs"), "original");
  tamper("UPDATE evidence_blobs SET content = '\\x00'::bytea");
  auto report = audit();
  ASSERT_EQ(report.findings.size(), 1u);
  EXPECT_NE(report.findings[0].reason.find("evidence " + sha), std::string::npos);
}

TEST_F(PostgresStoreTest, BinaryEvidenceComesBackByteForByte) {
  seed();
  std::string content;
  for (int i = 0; i < 256; ++i) content.push_back(static_cast<char>(i));
  std::string sha = inc::sha256_hex(content);
  ASSERT_TRUE(open()->append(kDefaultOrg, "INC-2", [&](const inc::Incident& r) {
    return inc::add_evidence(r, {sha, 256, "all-bytes.bin", "every byte value", "dave", at("2025-03-03T00:00:00Z")});
  }, Blob{sha, content}));
  EXPECT_EQ(*open()->evidence_content(kDefaultOrg, sha), content);
  EXPECT_EQ(test::query_text(url_, "SELECT size FROM evidence_blobs"), "256");
}

TEST_F(PostgresStoreTest, AStoreReconnectsWhenItsConnectionIsCut) {
  // As when PostgreSQL restarts or an idle connection is dropped under a running server.
  const std::string name = "victim_" + schema_->name();
  auto store = open_postgres_store(url_ + "&application_name=" + name);
  ASSERT_TRUE(store) << describe(store.error());
  ASSERT_TRUE((*store)->open_incident(kDefaultOrg, opened("before the cut")));
  EXPECT_EQ(test::query_text(url_, "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity "
                                   "WHERE application_name = '" + name + "'"),
            "1");
  auto after = (*store)->append(kDefaultOrg, "INC-1", deciding("carry on"));
  ASSERT_TRUE(after) << describe(after.error());
  EXPECT_EQ(after->event_count, 2);
  EXPECT_EQ((*store)->events(kDefaultOrg, "INC-1")->size(), 2u);
}

// Needs no server: nothing listens on port 1.
TEST(PostgresConnection, AnUnreachableServerIsAClearErrorThatHidesThePassword) {
  auto store = open_store("postgresql://vigil:s3cret@127.0.0.1:1/vigil");
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::Io);
  EXPECT_EQ(store.error().where, "postgresql://vigil:***@127.0.0.1:1/vigil");
  EXPECT_NE(store.error().message.find("cannot connect"), std::string::npos);
  EXPECT_EQ(describe(store.error()).find("s3cret"), std::string::npos);
  EXPECT_FALSE(open_accounts("postgres://127.0.0.1:1/vigil"));
}

}  // namespace
}  // namespace vigil::store
