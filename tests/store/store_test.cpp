// The IncidentStore contract, written against the interface only, run on
// every way a workspace is opened: SQLite (the CLI's IncidentRepository),
// SQLite behind the server's group commit, and PostgreSQL (skipped, and
// saying so, without VIGIL_TEST_POSTGRES: see store/postgres_scratch.h). The
// tamper cases edit rows behind Vigil's back, as somebody with the sqlite3
// shell or psql could, and expect the audit to catch it.
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "incident/incident.h"
#include "incident/record_json.h"
#include "store/accounts.h"
#include "store/audit.h"
#include "store/group_commit_store.h"
#include "store/incident_store.h"
#include "store/migrations.h"
#include "store/postgres_scratch.h"
#include "store/store_fixtures.h"
#include "test_time.h"
#include "tzdata/zones.h"

namespace vigil::store {
namespace {

enum class Engine { Sqlite, Postgres };

struct StoreFactory {
  std::string name;
  Engine engine = Engine::Sqlite;
  // Makes an empty workspace in `dir` (which the fixture removes afterwards)
  // and answers its location: a file path or a postgresql:// URL.
  std::function<std::string(const fs::path& dir)> create;
  // A store on the workspace at `location`; called again, it is another
  // process or server writing the same database.
  std::function<Result<std::unique_ptr<IncidentStore>>(const std::string& location)> open;
  // Why this implementation cannot run here ("" or unset: it can); the test skips.
  std::function<std::string()> unavailable = {};
};

std::ostream& operator<<(std::ostream& out, const StoreFactory& f) { return out << f.name; }

class StoreContract : public testing::TestWithParam<StoreFactory> {
 protected:
  void SetUp() override {
    dir_ = test::fresh_test_dir("store");
    if (GetParam().unavailable) {
      if (auto why = GetParam().unavailable(); !why.empty()) GTEST_SKIP() << why;
    }
    location_ = GetParam().create(dir_);
    store_ = open_again();
    ASSERT_NE(store_, nullptr);
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }

  // A second store on the same workspace (nullptr, and a failure, when it does not open).
  std::unique_ptr<IncidentStore> open_again() { return test::expect_opened(GetParam().open(location_)); }

  // Statements run behind Vigil's back, as the sqlite3 shell or psql would.
  void tamper(const std::string& sql) {
    if (GetParam().engine == Engine::Postgres) return test::run_sql(location_, sql);
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(location_.c_str(), &db), SQLITE_OK);
    char* message = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message), SQLITE_OK) << (message ? message : "") << "\n"
                                                                                    << sql;
    sqlite3_free(message);
    sqlite3_close(db);
  }

  // One query's first column of its first row, as text.
  std::string query_text(const std::string& sql) {
    if (GetParam().engine == Engine::Postgres) return test::query_text(location_, sql);
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(location_.c_str(), &db), SQLITE_OK);
    sqlite3_stmt* q = nullptr;
    std::string out;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &q, nullptr), SQLITE_OK) << sql;
    if (q != nullptr && sqlite3_step(q) == SQLITE_ROW && sqlite3_column_text(q, 0) != nullptr) {
      out = reinterpret_cast<const char*>(sqlite3_column_text(q, 0));
    }
    sqlite3_finalize(q);
    sqlite3_close(db);
    return out;
  }

  // A BLOB/BYTEA literal of the bytes given in hex.
  std::string bytes_literal(const std::string& hex) const {
    return GetParam().engine == Engine::Postgres ? "'\\x" + hex + "'::bytea" : "X'" + hex + "'";
  }

  // What somebody auditing the workspace afterwards finds (a store of its own).
  IncidentTrailVerification audit() {
    auto store = open_again();
    if (!store) return {};
    auto report = verify_workspace(*store, kDefaultOrg);
    EXPECT_TRUE(report) << describe(report.error());
    return report ? *report : IncidentTrailVerification{};
  }

  // INC-1 (3 entries) and INC-2 (1 entry).
  void seed() { test::seed_two_incidents(*store_); }

  // The test goes on in another empty workspace (dir_/<name>): a table's
  // rows, a workspace each.
  void move_to_fresh_workspace(const std::string& name) {
    store_.reset();
    fs::create_directories(dir_ / name);
    location_ = GetParam().create(dir_ / name);
    store_ = open_again();
    ASSERT_NE(store_, nullptr);
  }

  // Out of the Art. 23(4) order where a test needs it (a progress report
  // without a notification): these tests are about storing entries.
  static NextEntry submitting(inc::SubmissionType type, const char* when) {
    return test::submitting(type, when, /*out_of_order=*/true);
  }

  fs::path dir_;
  std::string location_;
  std::unique_ptr<IncidentStore> store_;
};

TEST_P(StoreContract, OpeningAllocatesIdsPerOrganisation) {
  EXPECT_EQ(store_->open_incident(kDefaultOrg, opened())->id, "INC-1");
  EXPECT_EQ(store_->open_incident(kDefaultOrg, opened())->id, "INC-2");
  ASSERT_TRUE(store_->ensure_organisation("acme", "Acme"));
  ASSERT_TRUE(store_->ensure_organisation("acme", "Acme"));  // idempotent
  auto first = store_->open_incident("acme", opened("Acme outage"));
  ASSERT_TRUE(first);
  EXPECT_EQ(first->id, "INC-1");
  EXPECT_EQ(first->org, "acme");
}

TEST_P(StoreContract, OrganisationsCannotSeeEachOthersRecords) {
  ASSERT_TRUE(store_->open_incident(kDefaultOrg, opened("secret")));
  ASSERT_TRUE(store_->open_incident(kDefaultOrg, opened("secret 2")));
  ASSERT_TRUE(store_->ensure_organisation("acme", "Acme"));
  EXPECT_EQ(store_->load_incident("acme", "INC-2").error().code, ErrorCode::NotFound);
  EXPECT_EQ(store_->events("acme", "INC-1").error().code, ErrorCode::NotFound);
  EXPECT_TRUE(store_->list_incidents("acme", {.include_inactive = true, .limit = std::nullopt})->empty());
  EXPECT_EQ(store_->append("acme", "INC-1", submitting(inc::SubmissionType::EarlyWarning, "2025-03-01T11:00:00Z"))
                .error()
                .code,
            ErrorCode::NotFound);
  EXPECT_EQ(store_->open_incident("nobody", opened()).error().code, ErrorCode::NotFound);
}

TEST_P(StoreContract, AppendedEntriesFormOneChain) {
  ASSERT_TRUE(store_->open_incident(kDefaultOrg, opened()));
  auto after =
      store_->append(kDefaultOrg, "INC-1", submitting(inc::SubmissionType::EarlyWarning, "2025-03-01T11:00:00Z"));
  ASSERT_TRUE(after) << describe(after.error());
  EXPECT_EQ(after->event_count, 2);
  auto events = store_->events(kDefaultOrg, "INC-1");
  ASSERT_TRUE(events);
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[0].prev_hash, inc::kGenesisHash);
  EXPECT_EQ((*events)[1].prev_hash, (*events)[0].hash);
  EXPECT_EQ(inc::verify_chain(*events), std::nullopt);
  EXPECT_EQ(store_->load_incident(kDefaultOrg, "INC-1")->head_hash, (*events)[1].hash);
}

TEST_P(StoreContract, ARefusedEntryWritesNothing) {
  ASSERT_TRUE(store_->open_incident(kDefaultOrg, opened()));
  // Submission before awareness: the domain refuses inside the transaction.
  auto refused =
      store_->append(kDefaultOrg, "INC-1", submitting(inc::SubmissionType::EarlyWarning, "2025-03-01T09:59:59Z"),
                     Blob{std::string(64, 'a'), "content"});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().where, "submitted_at");
  EXPECT_EQ(store_->events(kDefaultOrg, "INC-1")->size(), 1u);
  EXPECT_TRUE(store_->evidence_hashes(kDefaultOrg)->empty());  // the blob was rolled back too
}

TEST_P(StoreContract, AStaleWriterGetsAConflict) {
  ASSERT_TRUE(store_->open_incident(kDefaultOrg, opened()));
  auto next = submitting(inc::SubmissionType::EarlyWarning, "2025-03-01T11:00:00Z");
  ASSERT_TRUE(store_->append(kDefaultOrg, "INC-1", next, std::nullopt, 1));
  auto stale = store_->append(kDefaultOrg, "INC-1", next, std::nullopt, 1);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::Conflict);
}

TEST_P(StoreContract, ListShowsActiveIncidentsByNextDeadline) {
  ASSERT_TRUE(store_->open_incident(kDefaultOrg, opened("late", "2025-03-02T10:00:00Z")));
  ASSERT_TRUE(store_->open_incident(kDefaultOrg, opened("early", "2025-03-01T10:00:00Z")));
  ASSERT_TRUE(store_->open_incident(kDefaultOrg, opened("closed", "2025-03-01T09:00:00Z")));
  // INC-3 is judged not significant and closed: nothing pending, so not listed.
  auto not_significant = [](const inc::Incident& r) {
    inc::Significance s;
    s.covered_by_ir_2024_2690 = true;
    s.significant = false;
    return inc::assess(r, {"{\"entity_type\":\"digital_infrastructure.cloud_computing_service_provider\"}",
                           r.entity_type, s, std::nullopt, "", "bob", at("2025-03-03T00:00:00Z")});
  };
  ASSERT_TRUE(store_->append(kDefaultOrg, "INC-3", not_significant));
  ASSERT_TRUE(store_->append(kDefaultOrg, "INC-3", [](const inc::Incident& r) {
    return inc::close(r, {std::nullopt, "", "bob", at("2025-03-03T00:00:00Z")});
  }));
  auto rows = store_->list_incidents(kDefaultOrg, {});
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].title, "early");
  EXPECT_EQ((*rows)[0].next_report, "early_warning");
  EXPECT_EQ((*rows)[0].next_due, at("2025-03-02T10:00:00Z"));
  EXPECT_EQ((*rows)[1].title, "late");
  EXPECT_EQ(store_->list_incidents(kDefaultOrg, {.include_inactive = false, .limit = 1})->size(), 1u);
  auto all = store_->list_incidents(kDefaultOrg, {.include_inactive = true, .limit = std::nullopt});
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[2].status, "closed");
  EXPECT_FALSE((*all)[2].active);
}

TEST_P(StoreContract, EvidenceIsStoredWithItsEntryAndDeduplicated) {
  ASSERT_TRUE(store_->open_incident(kDefaultOrg, opened()));
  std::string content = "firewall log\n";
  std::string sha = inc::sha256_hex(content);
  auto add = [&](const inc::Incident& r) {
    return inc::add_evidence(
        r, {sha, static_cast<std::int64_t>(content.size()), "fw.log", "blocked", "dave", at("2025-03-02T00:00:00Z")});
  };
  ASSERT_TRUE(store_->append(kDefaultOrg, "INC-1", add, Blob{sha, content}));
  ASSERT_TRUE(store_->append(kDefaultOrg, "INC-1", add, Blob{sha, content}));
  EXPECT_EQ(*store_->evidence_content(kDefaultOrg, sha), content);
  EXPECT_EQ(store_->evidence_hashes(kDefaultOrg)->size(), 1u);
  EXPECT_EQ(store_->load_incident(kDefaultOrg, "INC-1")->evidence.size(), 2u);
  EXPECT_EQ(store_->evidence_content(kDefaultOrg, std::string(64, '0')).error().code, ErrorCode::NotFound);
}

TEST_P(StoreContract, AuditFindsAnIntactTrailIntact) {
  ASSERT_TRUE(store_->open_incident(kDefaultOrg, opened()));
  ASSERT_TRUE(
      store_->append(kDefaultOrg, "INC-1", submitting(inc::SubmissionType::Notification, "2025-03-02T11:00:00Z")));
  auto report = verify_workspace(*store_, kDefaultOrg);
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->intact());
  EXPECT_EQ(report->incidents, 1);
  EXPECT_EQ(report->entries, 2);
}

// --- appends on a long-lived store: the record it keeps between appends ------

NextEntry deciding(const std::string& decision) {
  return [decision](const inc::Incident& r) {
    return inc::decide(
        r, {std::nullopt, {decision, {}, "why", {}, {}, inc::Confidence::Medium}, "carol", at("2025-03-04T00:00:00Z")});
  };
}

NextEntry recording_status(const std::string& status) {
  return [status](const inc::Incident& r) {
    return inc::record_facts(r, {{{"status", status}}, "carol", at("2025-03-04T00:00:00Z")});
  };
}

TEST_P(StoreContract, EachAppendAnswersTheRecordItsEntriesDescribe) {
  ASSERT_TRUE(store_->open_incident(kDefaultOrg, opened()));
  for (int i = 0; i < 40; ++i) {
    auto next = i % 3 == 0   ? deciding("decision " + std::to_string(i))
                : i % 3 == 1 ? recording_status("status " + std::to_string(i))
                             : submitting(inc::SubmissionType::Progress, "2025-03-02T00:00:00Z");
    auto after = store_->append(kDefaultOrg, "INC-1", next);
    ASSERT_TRUE(after) << describe(after.error());
    auto reloaded = store_->load_incident(kDefaultOrg, "INC-1");
    ASSERT_TRUE(reloaded);
    ASSERT_EQ(inc::to_json(*after).dump(), inc::to_json(*reloaded).dump()) << "after append " << i;
  }
  auto report = verify_workspace(*store_, kDefaultOrg);
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->intact());
  EXPECT_EQ(report->entries, 41);
}

// A store that kept the record of its last append must not chain onto it once
// another process or server has appended: each append reads the incident's
// head inside its transaction and replays when the kept record is behind.
TEST_P(StoreContract, TwoStoresOnOneWorkspaceAppendingInTurnKeepOneChain) {
  auto other = open_again();
  ASSERT_NE(other, nullptr);
  ASSERT_TRUE(store_->open_incident(kDefaultOrg, opened()));
  const std::string turns = "ABABBAABBBAB";  // A: this store, B: the other; runs and switches
  for (int i = 0; i < static_cast<int>(turns.size()); ++i) {
    IncidentStore& writer = turns[static_cast<std::size_t>(i)] == 'A' ? *store_ : *other;
    const std::int64_t before = i + 1;
    auto after =
        writer.append(kDefaultOrg, "INC-1", recording_status("status " + std::to_string(i)), std::nullopt, before);
    ASSERT_TRUE(after) << "append " << i << ": " << describe(after.error());
    EXPECT_EQ(after->event_count, before + 1);
    auto log = store_->events(kDefaultOrg, "INC-1");
    ASSERT_TRUE(log);
    EXPECT_EQ(after->head_hash, log->back().hash);
    EXPECT_EQ(after->facts.back().second, "status " + std::to_string(i));
  }
  auto events = other->events(kDefaultOrg, "INC-1");
  ASSERT_TRUE(events);
  EXPECT_EQ(events->size(), 13u);
  EXPECT_EQ(inc::verify_chain(*events), std::nullopt);
  auto report = verify_workspace(*other, kDefaultOrg);
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->intact()) << to_json(*report).dump();
  EXPECT_EQ(report->entries, 13);
}

TEST_P(StoreContract, AfterARefusedEntryTheNextAppendIsRight) {
  ASSERT_TRUE(store_->open_incident(kDefaultOrg, opened()));
  ASSERT_TRUE(store_->append(kDefaultOrg, "INC-1", recording_status("first")));
  NextEntry refusing = [](const inc::Incident& r) -> Result<inc::EventDraft> {
    if (r.event_count == 2) return fail(ErrorCode::Conflict, "If-Match", "the incident changed meanwhile");
    return inc::record_facts(r, {{{"status", "never"}}, "x", at("2025-03-04T00:00:00Z")});
  };
  auto refused = store_->append(kDefaultOrg, "INC-1", refusing);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().where, "If-Match");
  auto after = store_->append(kDefaultOrg, "INC-1", recording_status("second"));
  ASSERT_TRUE(after) << describe(after.error());
  EXPECT_EQ(after->event_count, 3);
  EXPECT_EQ(inc::to_json(*after).dump(), inc::to_json(*store_->load_incident(kDefaultOrg, "INC-1")).dump());
  EXPECT_EQ(inc::verify_chain(*store_->events(kDefaultOrg, "INC-1")), std::nullopt);
}

// An entry the record cannot fold (here: facts whose second value is not
// text) fails after the first fact was already folded in; the record kept for
// the next append must not carry that half.
TEST_P(StoreContract, AnEntryThatFailsHalfwayLeavesNothingBehind) {
  ASSERT_TRUE(store_->open_incident(kDefaultOrg, opened()));
  ASSERT_TRUE(store_->append(kDefaultOrg, "INC-1", recording_status("first")));
  NextEntry half = [](const inc::Incident&) -> Result<inc::EventDraft> {
    return inc::EventDraft{"facts_recorded", "x", at("2025-03-04T00:00:00Z"),
                           "{\"facts\":{\"impact\":\"half\",\"severity\":5}}"};
  };
  auto failed = store_->append(kDefaultOrg, "INC-1", half);
  ASSERT_FALSE(failed);
  EXPECT_EQ(store_->events(kDefaultOrg, "INC-1")->size(), 2u);
  auto after = store_->append(kDefaultOrg, "INC-1", recording_status("second"));
  ASSERT_TRUE(after) << describe(after.error());
  EXPECT_EQ(after->event_count, 3);
  for (const auto& [id, value] : after->facts) EXPECT_NE(id, "impact") << value;
  EXPECT_EQ(inc::to_json(*after).dump(), inc::to_json(*store_->load_incident(kDefaultOrg, "INC-1")).dump());
  auto report = verify_workspace(*store_, kDefaultOrg);
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->intact());
}

// An exercise incident (its `opened` entry names the exercise) is
// never listed with real incidents, on every back end; audit verify still walks it.
TEST_P(StoreContract, ExerciseIncidentsAreNeverListedWithRealOnes) {
  ASSERT_TRUE(store_->open_incident(kDefaultOrg, opened("real")));
  auto draft = inc::open_incident(
      {"played", at("2025-03-01T10:00:00Z"), "Europe/Berlin", "digital_infrastructure.cloud_computing_service_provider",
       false, "ana", at("2025-03-02T12:00:00Z"), std::nullopt, "EX-1"},
      tzdata::zones());
  ASSERT_TRUE(draft);
  auto played = store_->open_incident(kDefaultOrg, *draft);
  ASSERT_TRUE(played);
  EXPECT_EQ(played->id, "INC-2");
  EXPECT_EQ(played->exercise, "EX-1");
  EXPECT_EQ(store_->load_incident(kDefaultOrg, "INC-2")->exercise, "EX-1");
  auto ids = [&](ListOptions options) {
    std::vector<std::string> out;
    auto rows = store_->list_incidents(kDefaultOrg, options);
    EXPECT_TRUE(rows);
    if (rows) {
      for (const auto& row : *rows) out.push_back(row.id + ":" + row.exercise);
    }
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(ids({}), V{"INC-1:"});
  EXPECT_EQ(ids({.include_inactive = true, .limit = std::nullopt}), V{"INC-1:"});
  EXPECT_EQ(ids({.include_inactive = false, .limit = std::nullopt, .exercises = ExerciseRows::Only}), V{"INC-2:EX-1"});
  EXPECT_EQ(ids({.include_inactive = true, .limit = std::nullopt, .exercises = ExerciseRows::Include}),
            (V{"INC-1:", "INC-2:EX-1"}));
  // An append keeps the marker (it is on the chain, not only on the row).
  ASSERT_TRUE(
      store_->append(kDefaultOrg, "INC-2", submitting(inc::SubmissionType::EarlyWarning, "2025-03-01T11:00:00Z")));
  EXPECT_EQ(ids({}), V{"INC-1:"});
  // A second incident for the same exercise is refused by the database.
  EXPECT_FALSE(store_->open_incident(kDefaultOrg, *draft));
  auto report = verify_workspace(*store_, kDefaultOrg);
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->intact());
}

// --- the workspace's schema ---------------------------------------------------------

TEST_P(StoreContract, MigrationsAreAppliedOnceAndAreIdempotent) {
  for (int i = 0; i < 3; ++i) ASSERT_NE(open_again(), nullptr);
  EXPECT_EQ(query_text("SELECT COUNT(*) FROM schema_migrations"), std::to_string(migrations().size()));
  EXPECT_EQ(query_text("SELECT MAX(version) FROM schema_migrations"), std::to_string(migrations().back().version));
  EXPECT_EQ(query_text("SELECT COUNT(*) FROM account_migrations"), std::to_string(account_migrations().size()));
  EXPECT_EQ(query_text("SELECT name FROM organisations WHERE org_id = 'default'"), "Default organisation");
}

TEST_P(StoreContract, ANewerSchemaIsRefused) {
  tamper("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 'x')");
  auto store = GetParam().open(location_);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::Conflict);
  EXPECT_NE(store.error().message.find("999"), std::string::npos);
}

// --- several stores on one workspace (processes, servers) ---------------------------

TEST_P(StoreContract, TwoInstancesServeOneState) {
  auto second = open_again();
  ASSERT_NE(second, nullptr);
  ASSERT_TRUE(store_->ensure_organisation("acme", "Acme"));
  ASSERT_TRUE(store_->open_incident("acme", opened("written through the first")));
  auto seen = second->load_incident("acme", "INC-1");
  ASSERT_TRUE(seen) << describe(seen.error());
  EXPECT_EQ(seen->title, "written through the first");
  ASSERT_TRUE(second->append("acme", "INC-1", recording_status("isolating")));
  EXPECT_EQ(store_->load_incident("acme", "INC-1")->event_count, 2);
  EXPECT_EQ(store_->list_incidents("acme", {})->at(0).event_count, 2);
  // An ETag taken through one instance is checked against writes through the other.
  const std::int64_t etag = store_->load_incident("acme", "INC-1")->event_count;
  ASSERT_TRUE(second->append("acme", "INC-1", recording_status("keys rotated"), std::nullopt, etag));
  auto stale = store_->append("acme", "INC-1", recording_status("restored"), std::nullopt, etag);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::Conflict);
  EXPECT_EQ(second->events("acme", "INC-1")->size(), 3u);
}

TEST_P(StoreContract, ConcurrentAppendsNeverForkTheChain) {
  ASSERT_TRUE(store_->open_incident(kDefaultOrg, opened("busy")));
  constexpr int kWriters = 4;
  constexpr int kEach = 15;
  std::vector<std::string> failures;
  std::mutex failures_mutex;
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      auto store = GetParam().open(location_);  // its own connections, as another server
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
  auto events = store_->events(kDefaultOrg, "INC-1");
  ASSERT_TRUE(events);
  ASSERT_EQ(events->size(), static_cast<std::size_t>(1 + kWriters * kEach));
  for (std::size_t i = 0; i < events->size(); ++i) EXPECT_EQ((*events)[i].seq, static_cast<std::int64_t>(i + 1));
  EXPECT_EQ(inc::verify_chain(*events), std::nullopt);
  EXPECT_EQ(store_->load_incident(kDefaultOrg, "INC-1")->head_hash, events->back().hash);
  EXPECT_TRUE(audit().intact());
}

TEST_P(StoreContract, OfConcurrentWritersWithOneETagExactlyOneWins) {
  ASSERT_TRUE(store_->open_incident(kDefaultOrg, opened("contested")));
  constexpr int kWriters = 5;
  std::vector<std::unique_ptr<IncidentStore>> stores;
  for (int w = 0; w < kWriters; ++w) stores.push_back(open_again());
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
  EXPECT_EQ(store_->events(kDefaultOrg, "INC-1")->size(), 2u);
}

TEST_P(StoreContract, ConcurrentOpeningGivesEveryIncidentItsOwnNumber) {
  constexpr int kWriters = 4;
  constexpr int kEach = 5;
  const inc::EventDraft draft = opened("parallel");
  std::vector<std::vector<std::string>> ids(kWriters);
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      auto store = GetParam().open(location_);
      for (int i = 0; store && i < kEach; ++i) {
        auto record = (*store)->open_incident(kDefaultOrg, draft);
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

// --- tampering with rows directly is caught by the audit ----------------------------

TEST_P(StoreContract, AnIntactWorkspaceVerifies) {
  seed();
  auto report = audit();
  EXPECT_TRUE(report.intact());
  EXPECT_EQ(report.incidents, 2);
  EXPECT_EQ(report.entries, 4);
}

TEST_P(StoreContract, EditingAPayloadAndRehashingIsCaughtAtTheNextEntry) {
  seed();
  // A careful forger recomputes entry 2's hash; entry 3 still points at the old one.
  auto events = *store_->events(kDefaultOrg, "INC-1");
  inc::Event forged = events[1];
  forged.payload =
      R"({"recipient":"csirt","reference":"","submitted_at":"2025-03-01T10:30:00Z","type":"early-warning"})";
  forged.hash = inc::sha256_hex(inc::entry_text(forged));
  tamper("UPDATE incident_events SET payload = '" + forged.payload + "', hash = '" + forged.hash +
         "' WHERE incident_id = 'INC-1' AND seq = 2");
  auto report = audit();
  ASSERT_FALSE(report.findings.empty());
  EXPECT_EQ(report.findings[0].incident_id, "INC-1");
  EXPECT_EQ(report.findings[0].seq, 3);
  EXPECT_NE(report.findings[0].reason.find("prev_hash"), std::string::npos);
}

// Plain SQL on the seeded workspace, and the audit's first finding.
struct RowTampering {
  const char* statements;
  const char* incident_id;  // "": not checked
  std::int64_t seq;         // 0: not checked
  const char* reason;       // a part of it
  bool alone;               // the only finding
};
constexpr RowTampering kRowTamperings[] = {
    {"UPDATE incident_events SET actor = 'mallory' WHERE incident_id = 'INC-1' AND seq = 2", "INC-1", 2,
     "does not match its content", true},
    {"DELETE FROM incident_events WHERE incident_id = 'INC-1' AND seq = 2", "", 2, "missing", false},
    {"UPDATE incidents SET next_due_at = next_due_at + 86400 WHERE incident_id = 'INC-2'", "INC-2", 0, "next_due_at",
     true},
    {"DELETE FROM incident_events WHERE incident_id = 'INC-1'; DELETE FROM incidents WHERE incident_id = 'INC-1'", "",
     0, "INC-1 removed", false},
};

// An entry edited (caught at that entry) or deleted, the listing row edited,
// a whole incident removed: each in a workspace of its own.
TEST_P(StoreContract, RowsEditedOrDeletedAreCaught) {
  for (std::size_t i = 0; i < std::size(kRowTamperings); ++i) {
    const RowTampering& t = kRowTamperings[i];
    SCOPED_TRACE(t.statements);
    ASSERT_NO_FATAL_FAILURE(move_to_fresh_workspace("case-" + std::to_string(i)));
    seed();
    tamper(t.statements);
    auto report = audit();
    ASSERT_FALSE(report.findings.empty());
    if (t.alone) {
      EXPECT_EQ(report.findings.size(), 1u);
    }
    if (*t.incident_id != '\0') {
      EXPECT_EQ(report.findings[0].incident_id, t.incident_id);
    }
    if (t.seq != 0) {
      EXPECT_EQ(report.findings[0].seq, t.seq);
    }
    EXPECT_NE(report.findings[0].reason.find(t.reason), std::string::npos) << report.findings[0].reason;
  }
}

// Deleting the newest incident leaves no gap in the numbers; the counter of
// numbers given out still knows it, and the number is never handed out again.
TEST_P(StoreContract, RemovingTheNewestIncidentIsCaughtAndItsNumberNeverReused) {
  seed();
  tamper("DELETE FROM incident_events WHERE incident_id = 'INC-2'; DELETE FROM incidents WHERE incident_id = 'INC-2'");
  auto report = audit();
  ASSERT_EQ(report.findings.size(), 1u);
  EXPECT_EQ(report.findings[0].reason, "numbers up to INC-2 were given out, but INC-2 was removed");
  auto next = store_->open_incident(kDefaultOrg, opened("third"));
  ASSERT_TRUE(next) << describe(next.error());
  EXPECT_EQ(next->id, "INC-3");
}

TEST_P(StoreContract, SwappedEvidenceContentIsCaught) {
  seed();
  std::string content = "original";
  std::string sha = inc::sha256_hex(content);
  ASSERT_TRUE(store_->append(
      kDefaultOrg, "INC-2",
      [&](const inc::Incident& r) {
        return inc::add_evidence(r, {sha, 8, "a.txt", "what it shows", "dave", at("2025-03-03T00:00:00Z")});
      },
      Blob{sha, content}));
  EXPECT_EQ(query_text("SELECT size FROM evidence_blobs"), "8");
  tamper("UPDATE evidence_blobs SET content = " + bytes_literal("00"));
  auto report = audit();
  ASSERT_EQ(report.findings.size(), 1u);
  EXPECT_NE(report.findings[0].reason.find("evidence " + sha), std::string::npos);
}

TEST_P(StoreContract, BinaryEvidenceComesBackByteForByte) {
  seed();
  std::string content;
  for (int i = 0; i < 256; ++i) content.push_back(static_cast<char>(i));
  std::string sha = inc::sha256_hex(content);
  ASSERT_TRUE(store_->append(
      kDefaultOrg, "INC-2",
      [&](const inc::Incident& r) {
        return inc::add_evidence(r,
                                 {sha, 256, "all-bytes.bin", "every byte value", "dave", at("2025-03-03T00:00:00Z")});
      },
      Blob{sha, content}));
  EXPECT_EQ(*open_again()->evidence_content(kDefaultOrg, sha), content);
  EXPECT_EQ(query_text("SELECT size FROM evidence_blobs"), "256");
}

// --- the implementations ---------------------------------------------------------

Result<std::unique_ptr<IncidentStore>> open_group_commit(const std::string& path) {
  auto store = TRY(GroupCommitStore::open(path));
  return std::unique_ptr<IncidentStore>(std::move(store));
}

Result<std::unique_ptr<IncidentStore>> open_unsealed(const std::string& location) { return open_store(location); }

std::string sqlite_workspace(const fs::path& dir) { return (dir / "vigil.db").string(); }

// A fresh schema per test in the throwaway cluster (left for it to drop).
std::string postgres_workspace(const fs::path&) {
  auto server = test::postgres_server();
  if (!server) return "";
  return test::url_in_schema(*server, test::create_scratch_schema(*server));
}

INSTANTIATE_TEST_SUITE_P(Implementations, StoreContract,
                         testing::Values(StoreFactory{"sqlite", Engine::Sqlite, sqlite_workspace, open_unsealed},
                                         StoreFactory{"sqlite_group_commit", Engine::Sqlite, sqlite_workspace,
                                                      open_group_commit},
                                         StoreFactory{"postgres", Engine::Postgres, postgres_workspace, open_unsealed,
                                                      [] { return test::postgres_server() ? "" : test::kNoPostgres; }}),
                         [](const testing::TestParamInfo<StoreFactory>& param_info) { return param_info.param.name; });

}  // namespace
}  // namespace vigil::store
