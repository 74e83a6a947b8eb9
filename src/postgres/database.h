// A small layer over a pool of PostgreSQL connections (libpqxx stays inside
// database.cpp): parameters written $1, $2, ... as for SQLite, rows read as
// text, and transactions that commit only when their work succeeds and are
// re-run when PostgreSQL reports a serialization failure or a deadlock.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/error.h"
#include "store/sql.h"

namespace vigil::store::postgres {

// One bound parameter: text (PostgreSQL infers the column's type), NULL, or
// bytes for a BYTEA column.
class Param {
 public:
  Param(std::nullptr_t) {}
  Param(std::int64_t value) : value_(std::to_string(value)) {}
  Param(int value) : value_(std::to_string(value)) {}
  Param(std::string_view text) : value_(std::string(text)) {}
  Param(const std::string& text) : value_(text) {}
  Param(const char* text) : value_(std::string(text)) {}
  Param(const std::optional<std::int64_t>& value) {
    if (value) value_ = std::to_string(*value);
  }
  static Param bytes(std::string_view content);
  // The same parameter as sql.h spells it.
  static Param from(const sql::Param& param);

  const std::optional<std::string>& value() const { return value_; }

 private:
  std::optional<std::string> value_;
};

// One result row (store/sql.h); BYTEA columns arrive already decoded.
using Row = sql::Row;
using Rows = sql::Rows;

struct TransactionState;

class Transaction {
 public:
  explicit Transaction(TransactionState& state) : state_(state) {}
  // One statement with parameters.
  Result<Rows> query(std::string_view sql, std::initializer_list<Param> params = {}) {
    return query(sql, std::span<const Param>(params.begin(), params.size()));
  }
  Result<Rows> query(std::string_view sql, std::span<const Param> params);
  // One or more statements separated by ';', without parameters (migrations).
  Result<void> execute(std::string_view sql);

 private:
  TransactionState& state_;
};

class Database {
 public:
  // Connects to a postgresql:// or postgres:// URL (libpq syntax; a search_path
  // can be given as ?options=-csearch_path%3Dname). Up to `connections`
  // transactions run at once, each on its own connection; the first is opened
  // here, the others when concurrent calls first need them. The URL parameter
  // vigil_connections=N (ours, removed before libpq sees the URL) overrides
  // `connections`: that is how `vigil serve --db-connections` reaches the
  // store through the plugin's url-only entry points.
  static Result<std::unique_ptr<Database>> open(const std::string& url, std::size_t connections = 1);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs `work(Transaction&) -> Result<T>` in one READ COMMITTED transaction,
  // committed when it returns a value and rolled back otherwise. Serialization
  // failures and deadlocks re-run the whole work a few times before giving up
  // with Conflict, so `work` must not depend on state left by an earlier run.
  // Calls beyond the pool size wait for a connection to come free.
  template <class F>
  auto transact(F&& work) -> std::invoke_result_t<F&, Transaction&> {
    using R = std::invoke_result_t<F&, Transaction&>;
    using T = typename R::value_type;
    if constexpr (std::is_void_v<T>) {
      return run_transaction(work);
    } else {
      std::optional<T> out;
      TRY(run_transaction([&](Transaction& tx) -> Result<void> {
        out = TRY(work(tx));
        return {};
      }));
      return std::move(*out);
    }
  }

  // The URL without its password, for error messages.
  const std::string& where() const { return where_; }
  // Connections open now (idle or in use), at most the pool size.
  std::size_t open_connections();

 private:
  struct Connection;
  Database(std::unique_ptr<Connection> connection, std::string url, std::string where, std::size_t connections);
  Result<void> run_transaction(const std::function<Result<void>(Transaction&)>& work);
  Result<void> run_on(std::unique_ptr<Connection>& connection, const std::function<Result<void>(Transaction&)>& work);
  static Result<std::unique_ptr<Connection>> connect(const std::string& url, const std::string& where);
  // An idle connection, or nullptr when a new one may be opened (counted
  // already); waits while every connection is busy.
  std::unique_ptr<Connection> take_connection();
  void give_back(std::unique_ptr<Connection> connection);

  std::string url_;
  std::string where_;
  std::size_t pool_size_;
  std::mutex mutex_;
  std::condition_variable connection_free_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::size_t open_ = 0;  // idle + in use
};

// The URL without its vigil_connections=N parameter, and N.
struct PoolSetting {
  std::string url;
  std::optional<std::size_t> connections;
};
Result<PoolSetting> take_pool_size(const std::string& url);

// The URL with any password replaced by "***".
std::string redact(std::string_view url);

}  // namespace vigil::store::postgres
