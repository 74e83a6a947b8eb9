#include "store/sqlite/sqlite_sql.h"

#include <mutex>

#include "store/accounts.h"
#include "store/sqlite/database.h"
#include "store/sqlite/sqlite_store.h"

namespace vigil::store {

namespace {

constexpr sql::Dialect kSqlite{"", ""};

class SqliteTransaction final : public sql::Transaction {
 public:
  explicit SqliteTransaction(sqlite::Database& db) : db_(db) {}

  Result<void> execute(std::string_view script) override { return db_.exec(script); }
  const sql::Dialect& dialect() const override { return kSqlite; }

  Result<sql::Rows> query(std::string_view text, std::span<const sql::Param> params) override {
    auto q = TRY(db_.prepare(text));
    for (std::size_t i = 0; i < params.size(); ++i) {
      const int n = static_cast<int>(i + 1);
      const sql::Param& p = params[i];
      switch (p.kind()) {
        case sql::Param::Kind::Null: q.bind(n, nullptr); break;
        case sql::Param::Kind::Integer: q.bind(n, p.integer()); break;
        case sql::Param::Kind::Text: q.bind(n, std::string_view(p.text())); break;
        case sql::Param::Kind::Bytes: q.bind_blob(n, p.text()); break;
      }
    }
    sql::Rows rows;
    while (TRY(q.step())) {
      const int columns = q.column_count();
      std::vector<std::optional<std::string>> cells;
      cells.reserve(static_cast<std::size_t>(columns));
      for (int c = 0; c < columns; ++c) {
        if (q.is_null(c)) cells.emplace_back();
        else cells.emplace_back(q.is_blob(c) ? q.blob(c) : q.text(c));
      }
      rows.emplace_back(std::move(cells));
    }
    return rows;
  }

 private:
  sqlite::Database& db_;
};

class SqliteSql final : public sql::Database {
 public:
  explicit SqliteSql(sqlite::Database db) : db_(std::move(db)) {}

  Result<void> run(sql::Access access, const std::function<Result<void>(sql::Transaction&)>& work) override {
    std::lock_guard lock(mutex_);
    SqliteTransaction tx(db_);
    if (access == sql::Access::Write) {
      auto write = TRY(sqlite::WriteTransaction::begin(db_));
      TRY(work(tx));
      return write.commit();
    }
    TRY(db_.exec("BEGIN"));
    auto done = work(tx);
    auto ended = db_.exec("COMMIT");  // a read has nothing to roll back
    if (!done) return done;
    return ended;
  }

 private:
  sqlite::Database db_;
  std::mutex mutex_;
};

}  // namespace

Result<std::unique_ptr<sql::Database>> open_sqlite_sql(const std::string& path) {
  TRY(SqliteStore::open(path));  // creates the file and applies the workspace migrations
  auto db = TRY(sqlite::Database::open(path));
  auto out = std::make_unique<SqliteSql>(std::move(db));
  TRY(out->run(sql::Access::Write, [&](sql::Transaction& tx) { return migrate_accounts(tx, path); }));
  return std::unique_ptr<sql::Database>(std::move(out));
}

}  // namespace vigil::store
