// A small RAII layer over libsqlite3: one connection, prepared statements with
// bound parameters only (written $1, $2, ... as for PostgreSQL) and kept for
// reuse (parsing the SQL cost more than running it), and write transactions
// that roll back unless committed. Nothing else in Vigil touches the sqlite3
// C API.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

struct sqlite3;
struct sqlite3_stmt;

namespace vigil::store::sqlite {

class StatementCache;

class Statement {
 public:
  // With a cache, the statement goes back to it (reset) instead of being finalized.
  Statement(sqlite3* db, sqlite3_stmt* stmt, StatementCache* cache = nullptr) : db_(db), stmt_(stmt), cache_(cache) {}
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;
  ~Statement();

  // Parameters are numbered as written in the SQL: $1, $2, ...
  Statement& bind(int n, std::int64_t value);
  Statement& bind(int n, std::string_view text);
  Statement& bind(int n, const char* text) { return bind(n, std::string_view(text)); }
  Statement& bind(int n, const std::optional<std::int64_t>& value);
  Statement& bind(int n, std::nullptr_t);
  Statement& bind_blob(int n, std::string_view bytes);

  // Runs to the next row: true when a row is there, false when done.
  Result<bool> step();
  // Runs a statement that returns no rows.
  Result<void> run();

  int column_count() const;
  bool is_null(int column) const;
  bool is_blob(int column) const;
  std::int64_t integer(int column) const;
  std::string text(int column) const;
  std::string blob(int column) const;
  // The cell as sql::Row holds it (store/sql.h): nullopt for NULL, integers
  // in decimal, text and bytes as they are. One type check per cell.
  std::optional<std::string> cell(int column) const;

 private:
  int index(int n) const;
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  StatementCache* cache_;
  Error bind_error_;
  bool bind_failed_ = false;
};

class Database {
 public:
  // Opens (creating if needed) and configures: WAL, foreign_keys=ON,
  // synchronous=FULL, busy_timeout.
  static Result<Database> open(const std::string& path);
  Database(Database&& other) noexcept;
  Database& operator=(Database&&) = delete;
  Database(const Database&) = delete;
  ~Database();

  Result<void> exec(std::string_view sql);  // one or more statements, no parameters
  // A statement of this connection's cache when the same SQL ran before.
  // A Statement must not outlive its Database.
  Result<Statement> prepare(std::string_view sql);
  const std::string& path() const { return path_; }
  // False once SQLite ended the transaction on its own (a full disk, an I/O
  // error): what was written in it is gone.
  bool in_transaction() const;

 private:
  Database(sqlite3* db, std::string path);
  sqlite3* db_;
  std::string path_;
  std::unique_ptr<StatementCache> cache_;  // stable address: statements point to it
};

// BEGIN IMMEDIATE ... COMMIT; rolls back when destroyed uncommitted.
class WriteTransaction {
 public:
  static Result<WriteTransaction> begin(Database& db);
  WriteTransaction(WriteTransaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  WriteTransaction& operator=(WriteTransaction&&) = delete;
  ~WriteTransaction();
  Result<void> commit();

 private:
  explicit WriteTransaction(Database* db) : db_(db) {}
  Database* db_;
};

}  // namespace vigil::store::sqlite
