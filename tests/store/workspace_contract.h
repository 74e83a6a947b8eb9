// The fixture the store contract suites share: each test runs on every back
// end, SQLite (a workspace file in a fresh directory) and PostgreSQL (a fresh
// schema in the throwaway cluster of scripts/with-postgres.sh; skipped
// without it), in a workspace holding the organisations acme and globex.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <memory>
#include <ostream>
#include <string>

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

class WorkspaceContract : public testing::TestWithParam<Backend> {
 protected:
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
    auto incidents = open_store(location_);
    ASSERT_TRUE(incidents) << describe(incidents.error());
    ASSERT_TRUE((*incidents)->ensure_organisation("acme", "Acme"));
    ASSERT_TRUE((*incidents)->ensure_organisation("globex", "Globex"));
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

  std::filesystem::path dir_;
  std::string location_;
  std::unique_ptr<ScratchSchema> schema_;
};

}  // namespace vigil::store::test
