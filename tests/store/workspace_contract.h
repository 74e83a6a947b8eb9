// The fixture the store contract suites share: each test runs on every back
// end, SQLite (a workspace file in a fresh directory) and PostgreSQL (a fresh
// schema in the throwaway cluster of scripts/with-postgres.sh; skipped
// without it), in a workspace holding the organisations acme and globex (or,
// for a suite that adds its own, none but the workspace's "default").
#pragma once

#include <unistd.h>

#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "core/error.h"
#include "store/incident_store.h"
#include "store/open_sql.h"
#include "store/postgres_scratch.h"
#include "store/store_fixtures.h"

namespace vigil::store::test {

// "sqlite" or "postgres".
struct Backend {
  std::string name;
};
inline std::ostream& operator<<(std::ostream& out, const Backend& b) { return out << b.name; }

inline auto every_backend() { return testing::Values(Backend{"sqlite"}, Backend{"postgres"}); }
inline std::string backend_name(const testing::TestParamInfo<Backend>& info) { return info.param.name; }

// An organisation SetUp adds: slug and name.
using SeedOrganisation = std::pair<std::string, std::string>;

class WorkspaceContract : public testing::TestWithParam<Backend> {
 protected:
  explicit WorkspaceContract(std::vector<SeedOrganisation> organisations = {{"acme", "Acme"}, {"globex", "Globex"}})
      : organisations_(std::move(organisations)) {}

  void SetUp() override {
    dir_ = fresh_test_dir(testing::UnitTest::GetInstance()->current_test_info()->test_suite_name());
    if (GetParam().name == "postgres") {
      auto server = postgres_server();
      if (!server) GTEST_SKIP() << kNoPostgres;
      schema_ = std::make_unique<ScratchSchema>(*server);
      location_ = schema_->url();
    } else {
      location_ = (dir_ / "vigil.db").string();
    }
    if (organisations_.empty()) return;  // the suite's own store creates the workspace
    auto incidents = open_store(location_);
    ASSERT_TRUE(incidents) << describe(incidents.error());
    for (const auto& [slug, name] : organisations_) ASSERT_TRUE((*incidents)->ensure_organisation(slug, name));
  }
  void TearDown() override {
    schema_.reset();
    std::filesystem::remove_all(dir_);
  }
  // True when SetUp skipped the test or failed: the derived SetUp stops there.
  bool not_set_up() const { return IsSkipped() || HasFatalFailure(); }

  // Plain SQL on the workspace, as someone with write access to the database alone would run it.
  void tamper(const std::string& statement) {
    auto db = open_sql(location_);
    ASSERT_TRUE(db) << describe(db.error());
    auto done = (*db)->run(sql::Access::Write, [&](sql::Transaction& tx) -> Result<void> {
      TRY(tx.query(statement));
      return {};
    });
    ASSERT_TRUE(done) << describe(done.error());
  }

  std::vector<SeedOrganisation> organisations_;
  std::filesystem::path dir_;
  std::string location_;
  std::unique_ptr<ScratchSchema> schema_;
};

// The fixture of a suite over one store interface: `store_`, opened on the
// workspace by the suite's open(); reopen() opens another on the same
// database, as another process would.
template <class Store>
class OneStoreContract : public WorkspaceContract {
 protected:
  using WorkspaceContract::WorkspaceContract;

  virtual Result<std::unique_ptr<Store>> open(const std::string& location) = 0;

  void SetUp() override {
    WorkspaceContract::SetUp();
    if (not_set_up()) return;
    store_ = reopen();
    ASSERT_NE(store_, nullptr);
  }
  void TearDown() override {
    store_.reset();
    WorkspaceContract::TearDown();
  }

  std::unique_ptr<Store> reopen() { return expect_opened(open(location_)); }

  std::unique_ptr<Store> store_;
};

}  // namespace vigil::store::test
