// PostgreSQL for the storage tests: the server of scripts/with-postgres.sh
// (VIGIL_TEST_POSTGRES) and a fresh, uniquely named schema per test, so tests
// are independent and can run in parallel. Without the variable, PostgreSQL
// cases skip with kNoPostgres; they never pass silently.
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <optional>
#include <random>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "postgres/database.h"

namespace vigil::store::test {

inline constexpr const char* kNoPostgres =
    "VIGIL_TEST_POSTGRES is not set, so the PostgreSQL cases do not run: start them with "
    "scripts/with-postgres.sh (a throwaway cluster) or set VIGIL_TEST_POSTGRES=postgresql://...";

inline std::optional<std::string> postgres_server() {
  const char* url = std::getenv("VIGIL_TEST_POSTGRES");
  if (!url || !*url) return std::nullopt;
  return std::string(url);
}

// Runs statements (no parameters) as somebody with a psql shell would.
inline void run_sql(const std::string& url, const std::string& sql) {
  auto db = postgres::Database::open(url);
  ASSERT_TRUE(db) << describe(db.error());
  auto done = (*db)->transact([&](postgres::Transaction& tx) { return tx.execute(sql); });
  ASSERT_TRUE(done) << describe(done.error()) << "\n" << sql;
}

// One query's first column of its first row, as text.
inline std::string query_text(const std::string& url, const std::string& sql) {
  auto db = postgres::Database::open(url);
  EXPECT_TRUE(db) << describe(db.error());
  if (!db) return {};
  auto rows = (*db)->transact([&](postgres::Transaction& tx) { return tx.query(sql); });
  EXPECT_TRUE(rows) << describe(rows.error());
  if (!rows || rows->empty()) return {};
  return (*rows)[0].text(0);
}

// A new schema on `server`; returns its name.
inline std::string create_scratch_schema(const std::string& server) {
  std::random_device random;
  std::string name = fmt::format("vigil_test_{}_{:08x}{:08x}", getpid(), random(), random());
  run_sql(server, "CREATE SCHEMA " + name);
  return name;
}

// The server's URL with connections confined to `schema` (libpq's options parameter).
inline std::string url_in_schema(const std::string& server, const std::string& schema) {
  return fmt::format("{}{}options=-csearch_path%3D{}", server, server.find('?') == std::string::npos ? '?' : '&',
                     schema);
}

// A schema for one test, dropped with everything in it at the end.
class ScratchSchema {
 public:
  explicit ScratchSchema(std::string server) : server_(std::move(server)), name_(create_scratch_schema(server_)) {}
  ~ScratchSchema() {
    if (auto db = postgres::Database::open(server_)) {
      (void)(*db)->transact(
          [&](postgres::Transaction& tx) { return tx.execute("DROP SCHEMA IF EXISTS " + name_ + " CASCADE"); });
    }
  }
  ScratchSchema(const ScratchSchema&) = delete;
  ScratchSchema& operator=(const ScratchSchema&) = delete;

  const std::string& name() const { return name_; }
  std::string url() const { return url_in_schema(server_, name_); }

 private:
  std::string server_;
  std::string name_;
};

}  // namespace vigil::store::test
