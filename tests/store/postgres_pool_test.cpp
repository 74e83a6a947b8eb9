// The PostgreSQL connection pool: concurrent transactions run side by side on
// their own connections, never more than the pool size, and a pooled store
// still numbers incidents densely under concurrent writers.
#include <atomic>
#include <chrono>
#include <functional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "incident/incident.h"
#include "postgres/database.h"
#include "store/audit.h"
#include "store/incident_store.h"
#include "store/postgres_scratch.h"
#include "store/run_together.h"
#include "store/store_fixtures.h"
#include "tzdata/zones.h"

namespace vigil::store {
namespace {

using testing_support::run_together;

TEST(PostgresPoolSize, TakenFromTheUrl) {
  auto plain = postgres::take_pool_size("postgresql://db/vigil");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->url, "postgresql://db/vigil");
  EXPECT_EQ(plain->connections, std::nullopt);

  auto only = postgres::take_pool_size("postgresql://db/vigil?vigil_connections=8");
  ASSERT_TRUE(only);
  EXPECT_EQ(only->url, "postgresql://db/vigil");
  EXPECT_EQ(only->connections, 8u);

  auto mixed = postgres::take_pool_size("postgresql://db/vigil?sslmode=disable&vigil_connections=3&options=-cx");
  ASSERT_TRUE(mixed);
  EXPECT_EQ(mixed->url, "postgresql://db/vigil?sslmode=disable&options=-cx");
  EXPECT_EQ(mixed->connections, 3u);

  for (const char* bad :
       {"postgresql://u:secret@db/v?vigil_connections=0", "postgresql://u:secret@db/v?vigil_connections=x",
        "postgresql://u:secret@db/v?vigil_connections="}) {
    auto refused = postgres::take_pool_size(bad);
    ASSERT_FALSE(refused) << bad;
    EXPECT_EQ(refused.error().code, ErrorCode::InvalidInput);
    EXPECT_EQ(refused.error().where.find("secret"), std::string::npos);  // no password in messages
  }
}

class PostgresPool : public testing::Test {
 protected:
  void SetUp() override {
    auto server = test::postgres_server();
    if (!server) GTEST_SKIP() << test::kNoPostgres;
    url_ = test::url_in_schema(*server, test::create_scratch_schema(*server));
  }
  std::string url_;
};

TEST_F(PostgresPool, ConcurrentTransactionsRunSideBySideUpToThePoolSize) {
  auto db = postgres::Database::open(url_ + "&vigil_connections=4");
  ASSERT_TRUE(db) << describe(db.error());
  EXPECT_EQ((*db)->open_connections(), 1u);  // the others on demand
  std::atomic<int> running{0};
  std::atomic<int> most{0};
  std::vector<std::function<void()>> work;
  for (int i = 0; i < 8; ++i) {
    work.push_back([&] {
      auto done = (*db)->transact([&](postgres::Transaction& tx) -> Result<void> {
        int now = ++running;
        for (int seen = most; now > seen && !most.compare_exchange_weak(seen, now);) {
        }
        TRY(tx.query("SELECT pg_sleep(0.2)"));
        --running;
        return {};
      });
      EXPECT_TRUE(done) << describe(done.error());
    });
  }
  run_together(work);
  EXPECT_GT(most, 1);  // side by side: one connection would give 1
  EXPECT_LE(most, 4);  // never beyond the pool
  EXPECT_LE((*db)->open_connections(), 4u);
  EXPECT_GT((*db)->open_connections(), 1u);
}

TEST_F(PostgresPool, PooledStoreNumbersConcurrentIncidentsDensely) {
  auto store = open_store(url_ + "&vigil_connections=6");
  ASSERT_TRUE(store) << describe(store.error());
  IncidentStore& records = **store;
  constexpr int kThreads = 6;
  constexpr int kEach = 10;
  auto ids = testing_support::opened_together(kThreads, kEach, [&](int) -> std::string {
    auto record = records.open_incident(kDefaultOrg, test::opened("outage"));
    EXPECT_TRUE(record) << describe(record.error());
    return record ? record->id : "";
  });
  // Unique and dense.
  ASSERT_EQ(ids.size(), static_cast<std::size_t>(kThreads * kEach));
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()), testing_support::first_incident_ids(kThreads * kEach));
  auto report = verify_workspace(records, kDefaultOrg);
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->intact());
}

}  // namespace
}  // namespace vigil::store
