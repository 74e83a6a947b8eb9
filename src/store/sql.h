// The one interface Vigil's repositories speak SQL through, on SQLite or
// PostgreSQL: statements with parameters written $1, $2, ... (both engines
// read that syntax), rows read back as text, and work that runs inside one
// transaction, committed only when it succeeds. A repository written over it
// serves both back ends; the engines differ only in what `Dialect` says.
//
// Implementations: store/sqlite/sqlite_sql.h (one write connection per
// Database, writes BEGIN IMMEDIATE, optionally a pool of read connections)
// and the PostgreSQL plugin (a connection pool, READ COMMITTED,
// serialization failures re-run).
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/error.h"
#include "core/time.h"

namespace vigil::store::sql {

// One bound parameter: NULL, an integer, text, or bytes (a BLOB or BYTEA column).
class Param {
 public:
  enum class Kind { Null, Integer, Text, Bytes };

  Param(std::nullptr_t) {}
  Param(std::int64_t value) : kind_(Kind::Integer), integer_(value) {}
  Param(int value) : kind_(Kind::Integer), integer_(value) {}
  Param(std::string_view text) : kind_(Kind::Text), text_(text) {}
  Param(const std::string& text) : kind_(Kind::Text), text_(text) {}
  Param(const char* text) : kind_(Kind::Text), text_(text) {}
  Param(const std::optional<std::int64_t>& value) {
    if (value) *this = Param(*value);
  }
  Param(const std::optional<std::string>& text) {
    if (text) *this = Param(*text);
  }
  static Param bytes(std::string_view content) {
    Param p(content);
    p.kind_ = Kind::Bytes;
    return p;
  }

  Kind kind() const { return kind_; }
  std::int64_t integer() const { return integer_; }
  const std::string& text() const { return text_; }  // Text and Bytes

 private:
  Kind kind_ = Kind::Null;
  std::int64_t integer_ = 0;
  std::string text_;
};

// One result row: each cell as text (integers in decimal), bytes already
// decoded, or empty for NULL.
class Row {
 public:
  explicit Row(std::vector<std::optional<std::string>> cells) : cells_(std::move(cells)) {}
  bool is_null(int column) const { return !cells_.at(static_cast<std::size_t>(column)); }
  std::string text(int column) const { return cells_.at(static_cast<std::size_t>(column)).value_or(""); }
  std::string blob(int column) const { return text(column); }
  // The cell's text moved out (the cell is empty afterwards): for a reader
  // that keeps each cell once, without a copy.
  std::string take(int column) {
    auto& cell = cells_.at(static_cast<std::size_t>(column));
    return cell ? std::move(*cell) : std::string();
  }
  std::int64_t integer(int column) const;  // 0 when NULL or not a number
  // The cell as an RFC 3339 instant; the error (naming `where`) when it is not one.
  Result<Instant> instant(int column, std::string_view where) const;

 private:
  std::vector<std::optional<std::string>> cells_;
};
using Rows = std::vector<Row>;

// What differs between the engines, for the SQL a repository writes.
struct Dialect {
  // Appended to a SELECT of one row (an organisation's, an incident's) to
  // hold other writers of it back until commit (PostgreSQL " FOR NO KEY
  // UPDATE"; SQLite's write transactions already exclude each other: "").
  std::string_view lock_organisation;
  // A statement with one {} for a table name that holds other writers back
  // while a new id is taken as MAX + 1 (PostgreSQL "LOCK TABLE {} IN SHARE
  // ROW EXCLUSIVE MODE"; SQLite: "", nothing to run).
  std::string_view lock_table_for_new_id;
  // A statement run first by the migration runner, held until its
  // transaction ends, so that two processes starting at once never apply a
  // migration twice (PostgreSQL: an advisory lock on the schema's name;
  // SQLite: "", BEGIN IMMEDIATE excludes the other already).
  std::string_view lock_migrations;
};

class Transaction {
 public:
  // A transaction of the engine whose SQL differs as `dialect` says.
  explicit Transaction(const Dialect& dialect) : dialect_(dialect) {}
  virtual ~Transaction() = default;
  // One statement with parameters; every row it returns.
  virtual Result<Rows> query(std::string_view sql, std::span<const Param> params) = 0;
  Result<Rows> query(std::string_view sql, std::initializer_list<Param> params = {}) {
    return query(sql, std::span<const Param>(params.begin(), params.size()));
  }
  // One or more statements separated by ';', without parameters (migrations).
  virtual Result<void> execute(std::string_view script) = 0;
  const Dialect& dialect() const { return dialect_; }

 private:
  const Dialect& dialect_;
};

enum class Access { Read, Write };

class Database {
 public:
  virtual ~Database() = default;
  // Runs `work` in one transaction, committed when it returns a value and
  // rolled back otherwise. A Write transaction excludes other writers of the
  // workspace on SQLite; on PostgreSQL it may be re-run after a
  // serialization failure, so `work` must not depend on state left by an
  // earlier run.
  virtual Result<void> run(Access access, const std::function<Result<void>(Transaction&)>& work) = 0;

  // run() for work that returns a value: `work(Transaction&) -> Result<T>`.
  template <class F>
  auto transact(Access access, F&& work) -> std::invoke_result_t<F&, Transaction&> {
    using R = std::invoke_result_t<F&, Transaction&>;
    using T = typename R::value_type;
    if constexpr (std::is_void_v<T>) {
      return run(access, work);
    } else {
      std::optional<T> out;
      TRY(run(access, [&](Transaction& tx) -> Result<void> {
        out = TRY(work(tx));
        return {};
      }));
      return std::move(*out);
    }
  }
};

}  // namespace vigil::store::sql
