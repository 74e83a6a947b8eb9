#include "store/sqlite/sqlite_sql.h"

#include <condition_variable>
#include <mutex>
#include <vector>

#include "store/migrations.h"
#include "store/sqlite/database.h"

namespace vigil::store {

namespace {

constexpr sql::Dialect kSqlite{"", "", ""};

// Transaction control through the statement cache: sqlite3_exec would parse
// the text again for every transaction.
Result<void> run_statement(sqlite::Database& db, std::string_view text) {
  auto statement = TRY(db.prepare(text));
  return statement.run();
}

class SqliteTransaction final : public sql::Transaction {
 public:
  explicit SqliteTransaction(sqlite::Database& db) : sql::Transaction(kSqlite), db_(db) {}

  Result<void> execute(std::string_view script) override { return db_.exec(script); }

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
      for (int c = 0; c < columns; ++c) cells.push_back(q.cell(c));
      rows.emplace_back(std::move(cells));
    }
    return rows;
  }

 private:
  sqlite::Database& db_;
};

// One read transaction on `db`: every query of `work` sees the same snapshot.
Result<void> read_on(sqlite::Database& db, const std::function<Result<void>(sql::Transaction&)>& work) {
  SqliteTransaction tx(db);
  TRY(run_statement(db, "BEGIN"));
  auto done = work(tx);
  auto ended = run_statement(db, "COMMIT");  // a read has nothing to roll back
  if (!done) return done;
  return ended;
}

class SqliteSql final : public sql::Database {
 public:
  explicit SqliteSql(sqlite::Database writer) : writer_(std::move(writer)) {}
  // Before the first transaction only.
  void add_readers(std::vector<sqlite::Database> readers) {
    readers_ = std::move(readers);
    for (auto& r : readers_) idle_readers_.push_back(&r);
  }

  Result<void> run(sql::Access access, const std::function<Result<void>(sql::Transaction&)>& work) override {
    if (access == sql::Access::Read && !readers_.empty()) return read_beside(work);
    std::lock_guard lock(writer_mutex_);
    if (access == sql::Access::Read) return read_on(writer_, work);
    SqliteTransaction tx(writer_);
    auto write = TRY(sqlite::WriteTransaction::begin(writer_));
    TRY(work(tx));
    return write.commit();
  }

 private:
  Result<void> read_beside(const std::function<Result<void>(sql::Transaction&)>& work) {
    sqlite::Database* reader = nullptr;
    {
      std::unique_lock lock(readers_mutex_);
      reader_free_.wait(lock, [&] { return !idle_readers_.empty(); });
      reader = idle_readers_.back();
      idle_readers_.pop_back();
    }
    auto done = read_on(*reader, work);
    {
      std::lock_guard lock(readers_mutex_);
      idle_readers_.push_back(reader);
    }
    reader_free_.notify_one();
    return done;
  }

  sqlite::Database writer_;
  std::mutex writer_mutex_;
  std::vector<sqlite::Database> readers_;
  std::mutex readers_mutex_;
  std::condition_variable reader_free_;
  std::vector<sqlite::Database*> idle_readers_;
};

Result<sqlite::Database> open_read_only(const std::string& path) {
  auto db = TRY(sqlite::Database::open(path));
  TRY(db.exec("PRAGMA query_only=1"));
  return db;
}

}  // namespace

Result<std::unique_ptr<sql::Database>> open_sqlite_sql(const std::string& path, SqliteOptions options) {
  auto out = std::make_unique<SqliteSql>(TRY(sqlite::Database::open(path)));
  TRY(migrate(*out, path));
  std::vector<sqlite::Database> readers;
  for (int i = 0; i < options.readers; ++i) readers.push_back(TRY(open_read_only(path)));
  out->add_readers(std::move(readers));
  return std::unique_ptr<sql::Database>(std::move(out));
}

Result<std::unique_ptr<sql::Database>> open_sqlite_reader(const std::string& path) {
  // Writes go to a connection that refuses them as well.
  auto out = std::make_unique<SqliteSql>(TRY(open_read_only(path)));
  return std::unique_ptr<sql::Database>(std::move(out));
}

}  // namespace vigil::store
