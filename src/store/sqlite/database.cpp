#include "store/sqlite/database.h"

#include <sqlite3.h>

#include <charconv>
#include <map>

#include <fmt/format.h>

namespace vigil::store::sqlite {

// Prepared statements by their SQL text, idle ones only: a statement in use
// is taken out, so two uses of one SQL at once get two statements.
class StatementCache {
 public:
  ~StatementCache() {
    for (auto& [sql, stmt] : idle_) sqlite3_finalize(stmt);
  }
  sqlite3_stmt* take(std::string_view sql) {
    auto found = idle_.find(sql);
    if (found == idle_.end()) return nullptr;
    sqlite3_stmt* stmt = found->second;
    idle_.erase(found);
    return stmt;
  }
  void give_back(sqlite3_stmt* stmt) {
    // Reset ends the statement's read of the database (and its snapshot).
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    constexpr std::size_t kMostStatements = 64;
    if (idle_.size() >= kMostStatements || !idle_.emplace(sqlite3_sql(stmt), stmt).second) sqlite3_finalize(stmt);
  }

 private:
  std::map<std::string, sqlite3_stmt*, std::less<>> idle_;
};

namespace {

Error db_error(sqlite3* db, std::string_view what) {
  int code = sqlite3_extended_errcode(db);
  ErrorCode kind = ErrorCode::Io;
  if ((code & 0xff) == SQLITE_CONSTRAINT) kind = ErrorCode::Conflict;
  if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED) kind = ErrorCode::Conflict;
  return Error{kind, "database", fmt::format("{}: {}", what, sqlite3_errmsg(db)), {}};
}

}  // namespace

// --- Statement ---------------------------------------------------------------

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_),
      stmt_(other.stmt_),
      cache_(other.cache_),
      bind_error_(std::move(other.bind_error_)),
      bind_failed_(other.bind_failed_) {
  other.stmt_ = nullptr;
}

Statement::~Statement() {
  if (!stmt_) return;
  if (cache_) {
    cache_->give_back(stmt_);
  } else {
    sqlite3_finalize(stmt_);
  }
}

int Statement::index(int n) const {
  std::string name = "$" + std::to_string(n);
  int i = sqlite3_bind_parameter_index(stmt_, name.c_str());
  return i > 0 ? i : n;
}

#define VIGIL_BIND(call)                                  \
  do {                                                    \
    if ((call) != SQLITE_OK && !bind_failed_) {           \
      bind_failed_ = true;                                \
      bind_error_ = db_error(db_, "binding a parameter"); \
    }                                                     \
  } while (0)

Statement& Statement::bind(int n, std::int64_t value) {
  VIGIL_BIND(sqlite3_bind_int64(stmt_, index(n), value));
  return *this;
}
Statement& Statement::bind(int n, std::string_view text) {
  VIGIL_BIND(sqlite3_bind_text64(stmt_, index(n), text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
  return *this;
}
Statement& Statement::bind(int n, const std::optional<std::int64_t>& value) {
  if (value) return bind(n, *value);
  return bind(n, nullptr);
}
Statement& Statement::bind(int n, std::nullptr_t) {
  VIGIL_BIND(sqlite3_bind_null(stmt_, index(n)));
  return *this;
}
Statement& Statement::bind_blob(int n, std::string_view bytes) {
  VIGIL_BIND(sqlite3_bind_blob64(stmt_, index(n), bytes.data(), bytes.size(), SQLITE_TRANSIENT));
  return *this;
}
#undef VIGIL_BIND

Result<bool> Statement::step() {
  if (bind_failed_) return tl::unexpected(bind_error_);
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return tl::unexpected(db_error(db_, "query failed"));
}

Result<void> Statement::run() {
  bool row = TRY(step());
  (void)row;
  return {};
}

int Statement::column_count() const { return sqlite3_column_count(stmt_); }
bool Statement::is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
bool Statement::is_blob(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_BLOB; }
std::int64_t Statement::integer(int column) const { return sqlite3_column_int64(stmt_, column); }
std::string Statement::text(int column) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))) : std::string();
}
std::string Statement::blob(int column) const {
  const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_, column));
  return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))) : std::string();
}

std::optional<std::string> Statement::cell(int column) const {
  switch (sqlite3_column_type(stmt_, column)) {
    case SQLITE_NULL: return std::nullopt;
    case SQLITE_INTEGER: {
      // Formatted here, on the stack: sqlite3_column_text would convert the
      // value inside SQLite's own cell, allocating there.
      char digits[24];
      auto end = std::to_chars(digits, digits + sizeof digits, sqlite3_column_int64(stmt_, column)).ptr;
      return std::string(digits, end);
    }
    case SQLITE_BLOB: return blob(column);
    default: return text(column);
  }
}

// --- Database ----------------------------------------------------------------

Result<Database> Database::open(const std::string& path) {
  sqlite3* raw = nullptr;
  int rc =
      sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  Database db(raw, path);
  if (rc != SQLITE_OK) {
    std::string message = raw ? sqlite3_errmsg(raw) : "out of memory";
    return fail(ErrorCode::Io, path, fmt::format("cannot open the workspace database: {}", message));
  }
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, 5000);
  // WAL: readers never block the writer; FULL: a commit is on disk when it returns.
  auto configured = db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
  if (!configured) {
    return fail(ErrorCode::Io, path, fmt::format("not a usable workspace database: {}", configured.error().message));
  }
  return db;
}

Database::Database(sqlite3* db, std::string path)
    : db_(db), path_(std::move(path)), cache_(std::make_unique<StatementCache>()) {}

Database::Database(Database&& other) noexcept
    : db_(other.db_), path_(std::move(other.path_)), cache_(std::move(other.cache_)) {
  other.db_ = nullptr;
}

Database::~Database() {
  cache_.reset();  // finalized before the connection closes
  sqlite3_close_v2(db_);
}

bool Database::in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

Result<void> Database::exec(std::string_view sql) {
  std::string text(sql);
  char* message = nullptr;
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string m = message ? message : sqlite3_errmsg(db_);
    sqlite3_free(message);
    return fail(ErrorCode::Io, "database", m);
  }
  return {};
}

Result<Statement> Database::prepare(std::string_view sql) {
  if (sqlite3_stmt* cached = cache_->take(sql)) return Statement(db_, cached, cache_.get());
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) !=
      SQLITE_OK) {
    return tl::unexpected(db_error(db_, fmt::format("cannot prepare '{}'", sql.substr(0, 60))));
  }
  return Statement(db_, stmt, cache_.get());
}

// --- WriteTransaction --------------------------------------------------------

Result<WriteTransaction> WriteTransaction::begin(Database& db) {
  TRY(db.exec("BEGIN IMMEDIATE"));
  return WriteTransaction(&db);
}

WriteTransaction::~WriteTransaction() {
  if (db_) (void)db_->exec("ROLLBACK");
}

Result<void> WriteTransaction::commit() {
  Database* db = db_;
  db_ = nullptr;
  auto done = db->exec("COMMIT");
  if (!done) {
    (void)db->exec("ROLLBACK");
    return done;
  }
  return {};
}

}  // namespace vigil::store::sqlite
