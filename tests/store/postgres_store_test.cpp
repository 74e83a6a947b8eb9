// PostgreSQL specifics: the tables in the connection's own schema, migrations
// under an advisory lock when servers start at once, reconnecting after a cut
// connection, and an unreachable server. The store's contract, concurrent
// writers and the tamper cases run on every engine in store_test.cpp.
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "incident/incident.h"
#include "store/accounts.h"
#include "store/incident_store.h"
#include "store/migrations.h"
#include "store/postgres_scratch.h"
#include "store/store_fixtures.h"
#include "test_time.h"
#include "tzdata/zones.h"

#if defined(__SANITIZE_ADDRESS__)
// libpq 15 / libpqxx 6.4 lose one PGresult (about 2 KB) when the server cuts a
// connection (AStoreReconnectsWhenItsConnectionIsCut); the leak is theirs, so
// LeakSanitizer is told to ignore allocations made inside libpq only.
extern "C" const char* __lsan_default_suppressions() { return "leak:libpq.so\n"; }
#endif

namespace vigil::store {
namespace {

inc::EventDraft opening(const char* title) {
  return test::opened(title, "2025-03-01T10:00:00Z", "2025-03-01T12:00:00Z");
}

NextEntry deciding_to(std::string what) {
  return [what](const inc::Incident& r) {
    inc::DecideRequest d;
    d.content.decision = what;
    d.content.rationale = "contain first";
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

  std::unique_ptr<IncidentStore> open() { return test::expect_opened(open_store(url_)); }

  std::unique_ptr<test::ScratchSchema> schema_;
  std::string url_;
};

TEST_F(PostgresStoreTest, TheTablesAreMadeInTheConnectionsOwnSchema) {
  ASSERT_TRUE(open());
  EXPECT_EQ(test::query_text(url_,
                             "SELECT table_schema FROM information_schema.tables WHERE table_name = 'incidents' "
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

TEST_F(PostgresStoreTest, AStoreReconnectsWhenItsConnectionIsCut) {
  // As when PostgreSQL restarts or an idle connection is dropped under a running server.
  const std::string name = "victim_" + schema_->name();
  auto store = open_store(url_ + "&application_name=" + name);
  ASSERT_TRUE(store) << describe(store.error());
  ASSERT_TRUE((*store)->open_incident(kDefaultOrg, opening("before the cut")));
  EXPECT_EQ(test::query_text(url_,
                             "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity "
                             "WHERE application_name = '" +
                                 name + "'"),
            "1");
  auto after = (*store)->append(kDefaultOrg, "INC-1", deciding_to("carry on"));
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
