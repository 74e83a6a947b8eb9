// The group-commit store: many writers at once get dense, unique ids and
// intact chains; a failing write in a batch fails alone; shutdown commits
// every queued write; reads run on their own connections (which cannot
// write: sqlite_store_test.cpp).
#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include "incident/incident.h"
#include "incident/record_json.h"
#include "store/audit.h"
#include "store/group_commit_store.h"
#include "store/run_together.h"
#include "store/store_fixtures.h"
#include "test_time.h"
#include "tzdata/zones.h"

namespace vigil::store {
namespace {

// An early warning submitted at `when` (refused before the awareness time).
NextEntry submitting(const char* when) { return test::submitting(inc::SubmissionType::EarlyWarning, when); }

using testing_support::run_together;

class GroupCommit : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = test::fresh_test_dir("group");
    auto store = GroupCommitStore::open(path(), {.readers = 3, .max_batch = 1024});
    ASSERT_TRUE(store) << describe(store.error());
    store_ = std::move(*store);
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }
  std::string path() const { return (dir_ / "vigil.db").string(); }

  // Holds the writer inside a write until `n` further writes are queued, so
  // that those end up in one batch.
  NextEntry holding_until_queued(std::int64_t n) {
    return [this, n](const inc::Incident& r) {
      holding_ = true;
      auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
      while (store_->counts().waiting < n && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
      return submitting("2025-03-01T11:00:00Z")(r);
    };
  }

  // Until the writer is inside the holding write (so later writes queue up).
  void wait_until_holding() {
    while (!holding_) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }

  fs::path dir_;
  std::unique_ptr<GroupCommitStore> store_;
  std::atomic<bool> holding_{false};
};

TEST_F(GroupCommit, ConcurrentWritersGetDenseUniqueIdsAndIntactChains) {
  constexpr int kThreads = 16;
  constexpr int kEach = 25;
  auto ids = testing_support::opened_together(kThreads, kEach, [&](int t) -> std::string {
    auto record = store_->open_incident(kDefaultOrg, opened("outage " + std::to_string(t)));
    EXPECT_TRUE(record) << describe(record.error());
    if (!record) return "";
    auto after = store_->append(kDefaultOrg, record->id, submitting("2025-03-01T11:00:00Z"), std::nullopt, 1);
    EXPECT_TRUE(after) << describe(after.error());
    if (after) {
      EXPECT_EQ(after->event_count, 2);
    }
    return record->id;
  });
  // Unique and dense.
  ASSERT_EQ(ids.size(), static_cast<std::size_t>(kThreads * kEach));
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()), testing_support::first_incident_ids(kThreads * kEach));

  auto report = verify_workspace(*store_, kDefaultOrg);
  ASSERT_TRUE(report) << describe(report.error());
  EXPECT_TRUE(report->intact());
  EXPECT_EQ(report->incidents, kThreads * kEach);
  EXPECT_EQ(report->entries, 2 * kThreads * kEach);
  auto counts = store_->counts();
  EXPECT_EQ(counts.writes, 2 * kThreads * kEach);
  EXPECT_LE(counts.commits, counts.writes);
}

TEST_F(GroupCommit, AFailingWriteInABatchFailsAlone) {
  ASSERT_TRUE(store_->open_incident(kDefaultOrg, opened("first")));  // INC-1, one entry
  std::thread holder([&] { EXPECT_TRUE(store_->append(kDefaultOrg, "INC-1", holding_until_queued(6))); });
  wait_until_holding();

  Result<inc::Incident> a, b, unknown, stale, refused, raced;
  run_together({
      [&] { a = store_->open_incident(kDefaultOrg, opened("a")); },
      [&] { b = store_->open_incident(kDefaultOrg, opened("b")); },
      [&] { unknown = store_->append(kDefaultOrg, "INC-99", submitting("2025-03-01T11:00:00Z")); },
      // INC-1 has two entries once the holder is through, not one.
      [&] { stale = store_->append(kDefaultOrg, "INC-1", submitting("2025-03-01T11:00:00Z"), std::nullopt, 1); },
      // Before awareness: the domain refuses it.
      [&] { refused = store_->append(kDefaultOrg, "INC-1", submitting("2025-03-01T09:00:00Z")); },
      // Expects the state after the holder; succeeds whatever its place in the
      // batch, as every other append to INC-1 there fails.
      [&] { raced = store_->append(kDefaultOrg, "INC-1", submitting("2025-03-01T12:00:00Z"), std::nullopt, 2); },
  });
  holder.join();

  ASSERT_TRUE(a) << describe(a.error());
  ASSERT_TRUE(b) << describe(b.error());
  EXPECT_EQ((std::set<std::string>{a->id, b->id}), (std::set<std::string>{"INC-2", "INC-3"}));
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::NotFound);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::Conflict);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().where, "submitted_at");
  ASSERT_TRUE(raced) << describe(raced.error());
  EXPECT_EQ(raced->event_count, 3);

  // The six queued writes shared one commit after the seed's and the holder's.
  auto counts = store_->counts();
  EXPECT_EQ(counts.commits, 3);
  EXPECT_EQ(counts.writes, 8);
  auto report = verify_workspace(*store_, kDefaultOrg);
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->intact());
  EXPECT_EQ(report->entries, 5);  // INC-1: 3, INC-2: 1, INC-3: 1
}

TEST_F(GroupCommit, TwoWritersExpectingTheSameStateInOneBatch) {
  ASSERT_TRUE(store_->open_incident(kDefaultOrg, opened("first")));
  std::thread holder([&] { EXPECT_TRUE(store_->append(kDefaultOrg, "INC-1", holding_until_queued(2))); });
  wait_until_holding();
  Result<inc::Incident> first, second;
  run_together({
      [&] { first = store_->append(kDefaultOrg, "INC-1", submitting("2025-03-01T12:00:00Z"), {}, 2); },
      [&] { second = store_->append(kDefaultOrg, "INC-1", submitting("2025-03-01T12:00:00Z"), {}, 2); },
  });
  holder.join();
  // Exactly one wins; the other sees the winner's entry and gets a conflict.
  EXPECT_NE(first.has_value(), second.has_value());
  const auto& loser = first ? second : first;
  ASSERT_FALSE(loser);
  EXPECT_EQ(loser.error().code, ErrorCode::Conflict);
  EXPECT_EQ(store_->counts().commits, 3);
  EXPECT_EQ(store_->events(kDefaultOrg, "INC-1")->size(), 3u);
}

// SQLite can roll a whole batch back (a full disk, an I/O error; here a
// trigger does it). An append earlier in that batch had already folded its
// entry into the record the store keeps; the next append must chain onto the
// committed head, not onto that lost entry.
TEST_F(GroupCommit, ALostBatchLeavesNoFoldedRecordBehind) {
  ASSERT_TRUE(store_->open_incident(kDefaultOrg, opened("long")));                        // INC-1
  ASSERT_TRUE(store_->open_incident(kDefaultOrg, opened("holder")));                      // INC-2
  ASSERT_TRUE(store_->append(kDefaultOrg, "INC-1", submitting("2025-03-01T11:00:00Z")));  // kept at entry 2
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path().c_str(), &db), SQLITE_OK);
    char* message = nullptr;
    EXPECT_EQ(sqlite3_exec(db,
                           "CREATE TRIGGER lose_the_batch BEFORE INSERT ON incident_events WHEN NEW.actor = 'mallory' "
                           "BEGIN SELECT RAISE(ROLLBACK, 'the disk is full'); END",
                           nullptr, nullptr, &message),
              SQLITE_OK)
        << (message ? message : "");
    sqlite3_free(message);
    sqlite3_close(db);
  }
  NextEntry by_mallory = [](const inc::Incident& r) {
    return inc::record_facts(r, {{{"status", "lost"}}, "mallory", at("2025-03-05T00:00:00Z")});
  };

  std::thread holder([&] { EXPECT_TRUE(store_->append(kDefaultOrg, "INC-2", holding_until_queued(2))); });
  wait_until_holding();
  Result<inc::Incident> lost, poisoned;
  std::thread first([&] { lost = store_->append(kDefaultOrg, "INC-1", submitting("2025-03-01T12:00:00Z")); });
  while (store_->counts().waiting < 1) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::thread second([&] { poisoned = store_->append(kDefaultOrg, "INC-2", by_mallory); });  // after it, same batch
  holder.join();
  first.join();
  second.join();
  ASSERT_FALSE(lost);  // it ran, but its batch never committed
  ASSERT_FALSE(poisoned);

  auto after = store_->append(kDefaultOrg, "INC-1", submitting("2025-03-01T13:00:00Z"));
  ASSERT_TRUE(after) << describe(after.error());
  EXPECT_EQ(after->event_count, 3);
  auto log = store_->events(kDefaultOrg, "INC-1");
  ASSERT_TRUE(log);
  ASSERT_EQ(log->size(), 3u);
  EXPECT_EQ(after->head_hash, log->back().hash);
  EXPECT_EQ(inc::to_json(*after).dump(), inc::to_json(*store_->load_incident(kDefaultOrg, "INC-1")).dump());
  auto report = verify_workspace(*store_, kDefaultOrg);
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->intact()) << to_json(*report).dump();
  EXPECT_EQ(report->entries, 5);  // INC-1: 3, INC-2: 2 (the holder's)
}

TEST_F(GroupCommit, ShutdownCommitsEveryQueuedWrite) {
  ASSERT_TRUE(store_->open_incident(kDefaultOrg, opened("first")));
  std::atomic<bool> released{false};
  NextEntry held = [&](const inc::Incident& r) {
    holding_ = true;
    while (!released) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return submitting("2025-03-01T11:00:00Z")(r);
  };
  GroupCommitStore* store = store_.get();
  std::thread holder([&] { EXPECT_TRUE(store->append(kDefaultOrg, "INC-1", held)); });
  wait_until_holding();
  constexpr int kQueued = 5;
  std::vector<Result<inc::Incident>> results(kQueued);
  std::vector<std::thread> writers(kQueued);
  for (std::size_t i = 0; i < writers.size(); ++i) {
    writers[i] = std::thread([&, i] { results[i] = store->open_incident(kDefaultOrg, opened("q")); });
  }
  while (store->counts().waiting < kQueued) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  // Shut down while the writer is busy and five writes wait behind it.
  std::thread release([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    released = true;
  });
  store_.reset();
  release.join();
  holder.join();
  for (auto& w : writers) w.join();
  for (const auto& r : results) EXPECT_TRUE(r) << describe(r.error());

  auto reopened = open_store(path());
  ASSERT_TRUE(reopened);
  auto rows = (*reopened)->list_incidents(kDefaultOrg, {.include_inactive = true, .limit = std::nullopt});
  ASSERT_TRUE(rows);
  EXPECT_EQ(rows->size(), 1u + kQueued);
  EXPECT_EQ((*reopened)->events(kDefaultOrg, "INC-1")->size(), 2u);
}

TEST_F(GroupCommit, ReadsSeeEveryAcknowledgedWrite) {
  ASSERT_TRUE(store_->ensure_organisation("acme", "Acme"));
  std::atomic<bool> stop{false};
  std::atomic<int> acknowledged{0};
  std::thread writer([&] {
    for (int i = 0; i < 100; ++i) {
      if (!store_->open_incident("acme", opened("w"))) break;
      acknowledged = i + 1;
    }
    stop = true;
  });
  std::vector<std::thread> readers(4);
  std::atomic<int> regressions{0};
  for (auto& reader : readers) {
    reader = std::thread([&] {
      while (!stop) {
        int seen_before = acknowledged;
        auto rows = store_->list_incidents("acme", {.include_inactive = true, .limit = std::nullopt});
        if (!rows || static_cast<int>(rows->size()) < seen_before) ++regressions;
      }
    });
  }
  writer.join();
  for (auto& r : readers) r.join();
  EXPECT_EQ(acknowledged, 100);
  EXPECT_EQ(regressions, 0);
  EXPECT_EQ(store_->load_incident("acme", "INC-100")->title, "w");
  EXPECT_EQ(store_->load_incident("acme", "INC-101").error().code, ErrorCode::NotFound);
  EXPECT_EQ(store_->open_incident("nobody", opened("x")).error().code, ErrorCode::NotFound);
}

}  // namespace
}  // namespace vigil::store
