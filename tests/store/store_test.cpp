// The Store contract, written against the interface only. Each implementation
// registers a factory below; the PostgreSQL store adds its own line and the
// whole suite runs against it unchanged.
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <unistd.h>

#include "incident/incident.h"
#include "store/audit.h"
#include "postgres/postgres_store.h"
#include "store/postgres_scratch.h"
#include "store/sqlite/group_commit_store.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace vigil::store {
namespace {

namespace fs = std::filesystem;
namespace inc = vigil::incident;

Instant at(const char* text) { return *parse_rfc3339(text, "test"); }

struct StoreFactory {
  std::string name;
  // Makes an empty workspace in `dir` (which the fixture removes afterwards).
  std::function<std::unique_ptr<Store>(const fs::path& dir)> make;
  // Why this implementation cannot run here ("" or unset: it can); the test skips.
  std::function<std::string()> unavailable = {};
};

std::ostream& operator<<(std::ostream& out, const StoreFactory& f) { return out << f.name; }

class StoreContract : public testing::TestWithParam<StoreFactory> {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("vigil-store-" + std::to_string(getpid()) + "-" + testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    if (GetParam().unavailable) {
      if (auto why = GetParam().unavailable(); !why.empty()) GTEST_SKIP() << why;
    }
    store_ = GetParam().make(dir_);
    ASSERT_NE(store_, nullptr);
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }

  inc::EventDraft opened(const std::string& title = "Outage", const char* awareness = "2025-03-01T10:00:00Z") {
    auto draft = inc::open_incident({title, at(awareness), "Europe/Berlin", "digital_infrastructure.cloud_computing_service_provider",
                                     false, "alice", at("2025-03-02T12:00:00Z")});
    EXPECT_TRUE(draft) << describe(draft.error());
    return *draft;
  }

  static NextEntry submitting(inc::SubmissionType type, const char* when) {
    return [type, when](const inc::Incident& r) {
      return inc::submit(r, {type, at(when), inc::Recipient::Csirt, "", "bob", at("2025-03-05T00:00:00Z")});
    };
  }

  fs::path dir_;
  std::unique_ptr<Store> store_;
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
                .error().code, ErrorCode::NotFound);
  EXPECT_EQ(store_->open_incident("nobody", opened()).error().code, ErrorCode::NotFound);
}

TEST_P(StoreContract, AppendedEntriesFormOneChain) {
  ASSERT_TRUE(store_->open_incident(kDefaultOrg, opened()));
  auto after = store_->append(kDefaultOrg, "INC-1", submitting(inc::SubmissionType::EarlyWarning, "2025-03-01T11:00:00Z"));
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
  auto refused = store_->append(kDefaultOrg, "INC-1", submitting(inc::SubmissionType::EarlyWarning, "2025-03-01T09:59:59Z"),
                                Blob{std::string(64, 'a'), "content"});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().where, "--time");
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
    return inc::add_evidence(r, {sha, static_cast<std::int64_t>(content.size()), "fw.log", "blocked", "dave", at("2025-03-02T00:00:00Z")});
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
  ASSERT_TRUE(store_->append(kDefaultOrg, "INC-1", submitting(inc::SubmissionType::Notification, "2025-03-02T11:00:00Z")));
  auto report = verify_workspace(*store_, kDefaultOrg);
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->intact());
  EXPECT_EQ(report->incidents, 1);
  EXPECT_EQ(report->entries, 2);
}

INSTANTIATE_TEST_SUITE_P(Implementations, StoreContract,
                         testing::Values(StoreFactory{"sqlite", [](const fs::path& dir) -> std::unique_ptr<Store> {
                           auto store = SqliteStore::open((dir / "vigil.db").string());
                           if (!store) return nullptr;
                           return std::move(*store);
                         }},
                                         // The server's SQLite store: one group-commit writer, pooled readers.
                                         StoreFactory{"sqlite_group_commit",
                                                      [](const fs::path& dir) -> std::unique_ptr<Store> {
                                                        auto store = GroupCommitStore::open((dir / "vigil.db").string());
                                                        EXPECT_TRUE(store) << describe(store.error());
                                                        if (!store) return nullptr;
                                                        return std::move(*store);
                                                      }},
                                         // A fresh schema per test in the throwaway cluster (left for it to drop).
                                         StoreFactory{"postgres",
                                                      [](const fs::path&) -> std::unique_ptr<Store> {
                                                        auto server = test::postgres_server();
                                                        if (!server) return nullptr;
                                                        auto url = test::url_in_schema(
                                                            *server, test::create_scratch_schema(*server));
                                                        auto store = open_postgres_store(url);
                                                        EXPECT_TRUE(store) << describe(store.error());
                                                        if (!store) return nullptr;
                                                        return std::move(*store);
                                                      },
                                                      [] { return test::postgres_server() ? "" : test::kNoPostgres; }}),
                         [](const testing::TestParamInfo<StoreFactory>& param_info) { return param_info.param.name; });

}  // namespace
}  // namespace vigil::store
