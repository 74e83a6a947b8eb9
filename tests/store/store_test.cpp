// The Store contract, written against the interface only. Each implementation
// registers a factory below; the PostgreSQL store adds its own line and the
// whole suite runs against it unchanged.
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "incident/incident.h"
#include "incident/record_json.h"
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
  // A second store on the workspace `make` made in `dir`: another process or
  // server writing the same database.
  std::function<std::unique_ptr<Store>(const fs::path& dir)> open_again = {};
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

  // Out of the Art. 23(4) order where a test needs it (a progress report
  // without a notification): these tests are about storing entries.
  static NextEntry submitting(inc::SubmissionType type, const char* when) {
    return [type, when](const inc::Incident& r) {
      return inc::submit(r, {type, at(when), inc::Recipient::Csirt, "", "bob", at("2025-03-05T00:00:00Z"), true});
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

std::unique_ptr<Store> sqlite_store(const fs::path& dir) {
  auto store = SqliteStore::open((dir / "vigil.db").string());
  EXPECT_TRUE(store) << describe(store.error());
  if (!store) return nullptr;
  return std::move(*store);
}

// The server's SQLite store: one group-commit writer, pooled readers.
std::unique_ptr<Store> group_commit_store(const fs::path& dir) {
  auto store = GroupCommitStore::open((dir / "vigil.db").string());
  EXPECT_TRUE(store) << describe(store.error());
  if (!store) return nullptr;
  return std::move(*store);
}

// The workspace's URL is kept in `dir` for open_again.
std::unique_ptr<Store> postgres_store_at(const std::string& url) {
  auto store = open_postgres_store(url);
  EXPECT_TRUE(store) << describe(store.error());
  if (!store) return nullptr;
  return std::move(*store);
}

// A fresh schema per test in the throwaway cluster (left for it to drop).
std::unique_ptr<Store> postgres_store(const fs::path& dir) {
  auto server = test::postgres_server();
  if (!server) return nullptr;
  auto url = test::url_in_schema(*server, test::create_scratch_schema(*server));
  std::ofstream(dir / "postgres.url") << url;
  return postgres_store_at(url);
}

std::unique_ptr<Store> postgres_store_again(const fs::path& dir) {
  std::string url;
  std::ifstream(dir / "postgres.url") >> url;
  return postgres_store_at(url);
}

// --- appends on a long-lived store: the record it keeps between appends ------

NextEntry deciding(const std::string& decision) {
  return [decision](const inc::Incident& r) {
    return inc::decide(r, {std::nullopt, decision, {}, "why", {}, {}, inc::Confidence::Medium, "carol",
                           at("2025-03-04T00:00:00Z")});
  };
}

NextEntry recording_status(const std::string& status) {
  return [status](const inc::Incident& r) { return inc::record_facts(r, {{{"status", status}}, "carol", at("2025-03-04T00:00:00Z")}); };
}

TEST_P(StoreContract, EachAppendAnswersTheRecordItsEntriesDescribe) {
  ASSERT_TRUE(store_->open_incident(kDefaultOrg, opened()));
  for (int i = 0; i < 40; ++i) {
    auto next = i % 3 == 0 ? deciding("decision " + std::to_string(i))
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
  ASSERT_TRUE(GetParam().open_again);
  auto other = GetParam().open_again(dir_);
  ASSERT_NE(other, nullptr);
  ASSERT_TRUE(store_->open_incident(kDefaultOrg, opened()));
  const std::string turns = "ABABBAABBBAB";  // A: this store, B: the other; runs and switches
  for (int i = 0; i < static_cast<int>(turns.size()); ++i) {
    Store& writer = turns[static_cast<std::size_t>(i)] == 'A' ? *store_ : *other;
    const std::int64_t before = i + 1;
    auto after = writer.append(kDefaultOrg, "INC-1", recording_status("status " + std::to_string(i)), std::nullopt,
                               before);
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

// Issue 13: an exercise incident (its `opened` entry names the exercise) is
// never listed with real incidents, on every back end; audit verify still walks it.
TEST_P(StoreContract, ExerciseIncidentsAreNeverListedWithRealOnes) {
  ASSERT_TRUE(store_->open_incident(kDefaultOrg, opened("real")));
  auto draft = inc::open_incident({"played", at("2025-03-01T10:00:00Z"), "Europe/Berlin",
                                   "digital_infrastructure.cloud_computing_service_provider", false, "ana",
                                   at("2025-03-02T12:00:00Z"), std::nullopt, "EX-1"});
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
  ASSERT_TRUE(store_->append(kDefaultOrg, "INC-2", submitting(inc::SubmissionType::EarlyWarning, "2025-03-01T11:00:00Z")));
  EXPECT_EQ(ids({}), V{"INC-1:"});
  // A second incident for the same exercise is refused by the database.
  EXPECT_FALSE(store_->open_incident(kDefaultOrg, *draft));
  auto report = verify_workspace(*store_, kDefaultOrg);
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->intact());
}

INSTANTIATE_TEST_SUITE_P(Implementations, StoreContract,
                         testing::Values(StoreFactory{"sqlite", sqlite_store, {}, sqlite_store},
                                         StoreFactory{"sqlite_group_commit", group_commit_store, {}, group_commit_store},
                                         StoreFactory{"postgres", postgres_store,
                                                      [] { return test::postgres_server() ? "" : test::kNoPostgres; },
                                                      postgres_store_again}),
                         [](const testing::TestParamInfo<StoreFactory>& param_info) { return param_info.param.name; });

}  // namespace
}  // namespace vigil::store
