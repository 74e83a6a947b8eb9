#include "postgres/postgres_sql.h"

#include <vector>

#include "postgres/database.h"
#include "store/migrations.h"

namespace vigil::store {

namespace {

// The advisory lock's first key is "VG" (0x5647); the second is the schema's
// name, so workspaces in different schemas of one database do not wait on
// each other.
constexpr sql::Dialect kPostgres{" FOR NO KEY UPDATE", "LOCK TABLE {} IN SHARE ROW EXCLUSIVE MODE",
                                 "SELECT pg_advisory_xact_lock(22087, hashtext(current_schema()))"};

class PostgresTransaction final : public sql::Transaction {
 public:
  explicit PostgresTransaction(postgres::Transaction& tx) : sql::Transaction(kPostgres), tx_(tx) {}

  Result<void> execute(std::string_view script) override { return tx_.execute(script); }

  Result<sql::Rows> query(std::string_view text, std::span<const sql::Param> params) override {
    std::vector<postgres::Param> converted;
    converted.reserve(params.size());
    for (const sql::Param& p : params) converted.push_back(postgres::Param::from(p));
    return tx_.query(text, std::span<const postgres::Param>(converted));
  }

 private:
  postgres::Transaction& tx_;
};

class PostgresSql final : public sql::Database {
 public:
  explicit PostgresSql(std::unique_ptr<postgres::Database> db) : db_(std::move(db)) {}

  Result<void> run(sql::Access, const std::function<Result<void>(sql::Transaction&)>& work) override {
    return db_->transact([&](postgres::Transaction& tx) -> Result<void> {
      PostgresTransaction adapter(tx);
      return work(adapter);
    });
  }

 private:
  std::unique_ptr<postgres::Database> db_;
};

}  // namespace

Result<std::unique_ptr<sql::Database>> open_postgres_sql(const std::string& url) {
  auto db = TRY(postgres::Database::open(url));
  const std::string where = db->where();
  auto out = std::make_unique<PostgresSql>(std::move(db));
  TRY(migrate(*out, where));
  return std::unique_ptr<sql::Database>(std::move(out));
}

}  // namespace vigil::store
