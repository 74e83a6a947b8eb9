#include "postgres/database.h"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>
#include <pqxx/pqxx>

namespace vigil::store::postgres {

namespace {

constexpr int kAttempts = 5;  // runs of one transaction before a serialization failure is reported
constexpr unsigned kByteaOid = 17;

// libpq's messages carry "ERROR:  " and further lines (the query, a caret); the
// first line says what went wrong.
std::string first_line(const char* what) {
  std::string_view text(what);
  text = text.substr(0, text.find('\n'));
  for (std::string_view prefix : {"ERROR:  ", "FATAL:  "}) {
    if (text.substr(0, prefix.size()) == prefix) text.remove_prefix(prefix.size());
  }
  return std::string(text);
}

}  // namespace

Param Param::bytes(std::string_view content) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex = "\\x";
  hex.reserve(2 + content.size() * 2);
  for (unsigned char c : content) {
    hex += kHex[c >> 4];
    hex += kHex[c & 0xf];
  }
  Param p(nullptr);
  p.value_ = std::move(hex);
  return p;
}

Param Param::from(const sql::Param& param) {
  switch (param.kind()) {
    case sql::Param::Kind::Null: return Param(nullptr);
    case sql::Param::Kind::Integer: return Param(param.integer());
    case sql::Param::Kind::Text: return Param(param.text());
    case sql::Param::Kind::Bytes: return bytes(param.text());
  }
  return Param(nullptr);
}

std::string redact(std::string_view url) {
  // postgresql://user:password@host/... -> postgresql://user:***@host/...
  auto scheme = url.find("://");
  auto at = url.find('@');
  if (scheme == std::string_view::npos || at == std::string_view::npos) return std::string(url);
  auto colon = url.find(':', scheme + 3);
  if (colon == std::string_view::npos || colon > at) return std::string(url);
  return fmt::format("{}***{}", url.substr(0, colon + 1), url.substr(at));
}

struct TransactionState {
  pqxx::work* work = nullptr;
  bool retry = false;   // PostgreSQL asked for the transaction to be run again
  bool broken = false;  // the connection is gone
};

struct Database::Connection {
  explicit Connection(const std::string& url) : connection(url) {}
  pqxx::connection connection;
};

namespace {

// Turns what libpqxx throws into an Error; marks what the caller must react to.
Error translate(const std::exception& e, TransactionState* state) {
  std::string message = first_line(e.what());
  if (dynamic_cast<const pqxx::statement_completion_unknown*>(&e)) {
    // Not safe to run again: the statement may have taken effect.
    return Error{ErrorCode::Io, "database", "the outcome of a write is unknown: " + message, {}};
  }
  if (dynamic_cast<const pqxx::transaction_rollback*>(&e)) {
    if (state) state->retry = true;
    return Error{ErrorCode::Conflict, "database", "concurrent writes did not settle: " + message, {}};
  }
  if (dynamic_cast<const pqxx::integrity_constraint_violation*>(&e)) {
    return Error{ErrorCode::Conflict, "database", message, {}};
  }
  if (dynamic_cast<const pqxx::broken_connection*>(&e) || dynamic_cast<const pqxx::in_doubt_error*>(&e)) {
    if (state) state->broken = true;
    return Error{ErrorCode::Io, "database", "the connection to PostgreSQL was lost: " + message, {}};
  }
  return Error{ErrorCode::Io, "database", message, {}};
}

}  // namespace

Result<Rows> Transaction::query(std::string_view sql, std::span<const Param> params) {
  try {
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const Param& p : params) values.push_back(p.value() ? p.value()->c_str() : nullptr);
    pqxx::result result = state_.work->exec_params(std::string(sql), pqxx::prepare::make_dynamic_params(values));
    Rows rows;
    rows.reserve(result.size());
    const auto columns = static_cast<int>(result.columns());
    for (const auto& row : result) {
      std::vector<std::optional<std::string>> cells(columns);
      for (int c = 0; c < columns; ++c) {
        const auto& field = row[c];
        if (field.is_null()) continue;
        if (result.column_type(c) == kByteaOid) {
          cells[c] = pqxx::binarystring(field).str();
        } else {
          cells[c] = std::string(field.c_str(), field.size());
        }
      }
      rows.emplace_back(std::move(cells));
    }
    return rows;
  } catch (const std::exception& e) {
    return tl::unexpected(translate(e, &state_));
  }
}

Result<void> Transaction::execute(std::string_view sql) {
  try {
    state_.work->exec(std::string(sql));
    return {};
  } catch (const std::exception& e) {
    return tl::unexpected(translate(e, &state_));
  }
}

Database::Database(std::unique_ptr<Connection> connection, std::string url, std::string where, std::size_t connections)
    : url_(std::move(url)), where_(std::move(where)), pool_size_(std::max<std::size_t>(1, connections)) {
  idle_.push_back(std::move(connection));
  open_ = 1;
}

Database::~Database() = default;

Result<PoolSetting> take_pool_size(const std::string& url) {
  PoolSetting out{url, std::nullopt};
  auto query = url.find('?');
  if (query == std::string::npos) return out;
  std::string kept;
  std::string_view rest = std::string_view(url).substr(query + 1);
  while (!rest.empty()) {
    auto amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    constexpr std::string_view kKey = "vigil_connections=";
    if (pair.substr(0, kKey.size()) == kKey) {
      std::string_view digits = pair.substr(kKey.size());
      std::size_t n = 0;
      auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
      if (ec != std::errc{} || end != digits.data() + digits.size() || n < 1 || n > 1024) {
        return invalid(redact(url),
                       "vigil_connections must be a whole number from 1 to 1024, not '" + std::string(digits) + "'");
      }
      out.connections = n;
      continue;
    }
    if (!kept.empty()) kept += '&';
    kept += pair;
  }
  out.url = url.substr(0, query) + (kept.empty() ? "" : "?" + kept);
  return out;
}

Result<std::unique_ptr<Database>> Database::open(const std::string& url, std::size_t connections) {
  auto setting = TRY(take_pool_size(url));
  if (setting.connections) connections = *setting.connections;
  std::string where = redact(setting.url);
  auto first = TRY(connect(setting.url, where));
  return std::unique_ptr<Database>(new Database(std::move(first), setting.url, where, connections));
}

Result<std::unique_ptr<Database::Connection>> Database::connect(const std::string& url, const std::string& where) {
  try {
    auto connection = std::make_unique<Connection>(url);
    // Notices ("already exists, skipping") would otherwise be printed on stderr.
    pqxx::nontransaction quiet(connection->connection);
    quiet.exec("SET client_min_messages TO warning");
    quiet.commit();
    return connection;
  } catch (const std::exception& e) {
    return fail(ErrorCode::Io, where, "cannot connect to the PostgreSQL workspace: " + first_line(e.what()));
  }
}

std::size_t Database::open_connections() {
  std::lock_guard lock(mutex_);
  return open_;
}

std::unique_ptr<Database::Connection> Database::take_connection() {
  std::unique_lock lock(mutex_);
  connection_free_.wait(lock, [&] { return !idle_.empty() || open_ < pool_size_; });
  if (!idle_.empty()) {
    auto connection = std::move(idle_.back());
    idle_.pop_back();
    return connection;
  }
  ++open_;  // the caller opens it
  return nullptr;
}

void Database::give_back(std::unique_ptr<Connection> connection) {
  std::lock_guard lock(mutex_);
  if (connection && connection->connection.is_open()) {
    idle_.push_back(std::move(connection));
  } else {
    --open_;  // lost: the next caller that needs one opens a fresh connection
  }
  connection_free_.notify_one();
}

Result<void> Database::run_transaction(const std::function<Result<void>(Transaction&)>& work) {
  std::unique_ptr<Connection> connection = take_connection();
  auto outcome = run_on(connection, work);
  give_back(std::move(connection));
  return outcome;
}

Result<void> Database::run_on(std::unique_ptr<Connection>& connection,
                              const std::function<Result<void>(Transaction&)>& work) {
  for (int attempt = 1;; ++attempt) {
    if (!connection || !connection->connection.is_open()) connection = TRY(connect(url_, where_));
    TransactionState state;
    bool committing = false;
    Result<void> outcome;
    try {
      pqxx::work tx(connection->connection);
      state.work = &tx;
      Transaction handle(state);
      outcome = work(handle);
      if (outcome) {
        committing = true;
        tx.commit();
        return {};
      }
    } catch (const std::exception& e) {
      outcome = tl::unexpected(translate(e, &state));
    }
    if (outcome.error().where == "database") outcome.error().where = where_;
    if (state.broken) {
      connection.reset();  // the next attempt (or call) connects afresh
      if (committing) {
        outcome.error().message += " while committing: the write may or may not have been recorded";
        return outcome;
      }
    }
    // Nothing was committed: a lost connection or a serialization failure is
    // worth another run of the whole transaction.
    if (!(state.broken || state.retry) || attempt == kAttempts) return outcome;
  }
}

}  // namespace vigil::store::postgres
