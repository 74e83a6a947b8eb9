// SQLite implementation of AccountStore. One connection guarded by a mutex:
// account lookups are short, and a login is dominated by Argon2id anyway.
// Until the shared Store's migration list is available, these tables carry
// their own numbered migrations in `account_migrations`.
#include <sqlite3.h>

#include <mutex>

#include "store/accounts.h"

namespace vigil::store {

std::string_view to_string(Role role) { return kRoleNames[static_cast<int>(role)]; }

Result<Role> parse_role(std::string_view text, std::string_view where) {
  for (int i = 0; i < 5; ++i) {
    if (kRoleNames[i] == text) return static_cast<Role>(i);
  }
  return invalid(std::string(where),
                 "unknown role '" + std::string(text) + "' (valid: admin, manager, compliance, responder, auditor)");
}

namespace {

// Each entry is applied once, in order, inside one transaction.
constexpr const char* kMigrations[] = {
    // 1: tenants, users, roles, sessions, API tokens.
    R"(CREATE TABLE organisations (
         id INTEGER PRIMARY KEY,
         slug TEXT NOT NULL UNIQUE,
         name TEXT NOT NULL,
         created_at TEXT NOT NULL);
       CREATE TABLE users (
         id INTEGER PRIMARY KEY,
         username TEXT NOT NULL UNIQUE,
         password_hash TEXT NOT NULL,
         created_at TEXT NOT NULL);
       CREATE TABLE memberships (
         user_id INTEGER NOT NULL REFERENCES users(id),
         org_id INTEGER NOT NULL REFERENCES organisations(id),
         role TEXT NOT NULL CHECK (role IN ('admin','manager','compliance','responder','auditor')),
         PRIMARY KEY (user_id, org_id));
       CREATE TABLE sessions (
         id_hash TEXT PRIMARY KEY,
         user_id INTEGER NOT NULL REFERENCES users(id),
         csrf_token TEXT NOT NULL,
         created_at TEXT NOT NULL,
         expires_at TEXT NOT NULL);
       CREATE TABLE api_tokens (
         id INTEGER PRIMARY KEY,
         token_hash TEXT NOT NULL UNIQUE,
         user_id INTEGER NOT NULL REFERENCES users(id),
         name TEXT NOT NULL,
         created_at TEXT NOT NULL);)",
};

class Statement {
 public:
  Statement(sqlite3* db, const char* sql) : db_(db) { rc_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr); }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  bool ok() const { return rc_ == SQLITE_OK; }
  Statement& bind(int i, std::string_view text) {
    sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& bind(int i, std::int64_t value) {
    sqlite3_bind_int64(stmt_, i, value);
    return *this;
  }
  // SQLITE_ROW, SQLITE_DONE or an error code.
  int step() { return rc_ = sqlite3_step(stmt_); }
  std::string text(int column) const {
    auto p = sqlite3_column_text(stmt_, column);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)))
             : std::string{};
  }
  std::int64_t integer(int column) const { return sqlite3_column_int64(stmt_, column); }
  Error error(std::string_view where) const {
    ErrorCode code = (rc_ & 0xff) == SQLITE_CONSTRAINT ? ErrorCode::Conflict : ErrorCode::Io;
    return Error{code, std::string(where), sqlite3_errmsg(db_), {}};
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  int rc_;
};

Instant read_instant(const std::string& text) {
  auto parsed = parse_rfc3339(text, "database");
  return parsed ? *parsed : Instant{};
}

class SqliteAccounts final : public AccountStore {
 public:
  explicit SqliteAccounts(sqlite3* db) : db_(db) {}
  ~SqliteAccounts() override { sqlite3_close(db_); }

  Result<void> migrate() {
    TRY(exec("CREATE TABLE IF NOT EXISTS account_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"));
    std::int64_t current = 0;
    {
      Statement s(db_, "SELECT COALESCE(MAX(version), 0) FROM account_migrations");
      if (!s.ok() || s.step() != SQLITE_ROW) return tl::unexpected(s.error("account_migrations"));
      current = s.integer(0);
    }
    const std::int64_t known = static_cast<std::int64_t>(std::size(kMigrations));
    if (current > known) {
      return fail(ErrorCode::Io, "database",
                  "the account tables are at version " + std::to_string(current) + ", newer than this vigil (" +
                      std::to_string(known) + "): upgrade vigil");
    }
    for (std::int64_t v = current + 1; v <= known; ++v) {
      TRY(exec("BEGIN IMMEDIATE"));
      auto applied = exec(kMigrations[v - 1]);
      if (applied) applied = exec("INSERT INTO account_migrations VALUES (" + std::to_string(v) + ", datetime('now'))");
      if (!applied) {
        (void)exec("ROLLBACK");
        return applied;
      }
      TRY(exec("COMMIT"));
    }
    return {};
  }

  Result<Organisation> add_organisation(std::string_view slug, std::string_view name, Instant now) override {
    std::lock_guard lock(mutex_);
    Statement s(db_, "INSERT INTO organisations (slug, name, created_at) VALUES (?, ?, ?)");
    s.bind(1, slug).bind(2, name).bind(3, format_utc(now));
    if (s.step() != SQLITE_DONE) return conflict_or_io(s, "organisation " + std::string(slug), "already exists");
    return Organisation{sqlite3_last_insert_rowid(db_), std::string(slug), std::string(name), now};
  }

  Result<Organisation> find_organisation(std::string_view slug) override {
    std::lock_guard lock(mutex_);
    Statement s(db_, "SELECT id, slug, name, created_at FROM organisations WHERE slug = ?");
    s.bind(1, slug);
    return read_organisation(s, slug);
  }

  Result<std::vector<Organisation>> organisations() override {
    std::lock_guard lock(mutex_);
    Statement s(db_, "SELECT id, slug, name, created_at FROM organisations ORDER BY slug");
    std::vector<Organisation> out;
    while (s.step() == SQLITE_ROW) out.push_back({s.integer(0), s.text(1), s.text(2), read_instant(s.text(3))});
    return out;
  }

  Result<User> add_user(std::string_view username, std::string_view password_hash, Instant now) override {
    std::lock_guard lock(mutex_);
    Statement s(db_, "INSERT INTO users (username, password_hash, created_at) VALUES (?, ?, ?)");
    s.bind(1, username).bind(2, password_hash).bind(3, format_utc(now));
    if (s.step() != SQLITE_DONE) return conflict_or_io(s, "user " + std::string(username), "already exists");
    return User{sqlite3_last_insert_rowid(db_), std::string(username), std::string(password_hash), now};
  }

  Result<User> find_user(std::string_view username) override {
    std::lock_guard lock(mutex_);
    Statement s(db_, "SELECT id, username, password_hash, created_at FROM users WHERE username = ?");
    s.bind(1, username);
    return read_user(s, "user " + std::string(username));
  }

  Result<User> user_by_id(std::int64_t id) override {
    std::lock_guard lock(mutex_);
    Statement s(db_, "SELECT id, username, password_hash, created_at FROM users WHERE id = ?");
    s.bind(1, id);
    return read_user(s, "user #" + std::to_string(id));
  }

  Result<void> grant(std::int64_t user_id, std::int64_t organisation_id, Role role) override {
    std::lock_guard lock(mutex_);
    Statement s(db_,
                "INSERT INTO memberships (user_id, org_id, role) VALUES (?, ?, ?) "
                "ON CONFLICT (user_id, org_id) DO UPDATE SET role = excluded.role");
    s.bind(1, user_id).bind(2, organisation_id).bind(3, to_string(role));
    if (s.step() != SQLITE_DONE) return tl::unexpected(s.error("membership"));
    return {};
  }

  Result<std::vector<Membership>> memberships(std::int64_t user_id) override {
    std::lock_guard lock(mutex_);
    Statement s(db_,
                "SELECT m.org_id, o.slug, m.role FROM memberships m JOIN organisations o ON o.id = m.org_id "
                "WHERE m.user_id = ? ORDER BY o.slug");
    s.bind(1, user_id);
    std::vector<Membership> out;
    while (s.step() == SQLITE_ROW) {
      auto role = parse_role(s.text(2), "memberships.role");
      if (!role) return tl::unexpected(role.error());
      out.push_back({s.integer(0), s.text(1), *role});
    }
    return out;
  }

  Result<void> add_session(const Session& session) override {
    std::lock_guard lock(mutex_);
    // Expired sessions are swept here rather than by a background job.
    {
      Statement sweep(db_, "DELETE FROM sessions WHERE expires_at <= ?");
      sweep.bind(1, format_utc(session.created_at));
      sweep.step();
    }
    Statement s(db_, "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)");
    s.bind(1, session.id_hash).bind(2, session.user_id).bind(3, session.csrf_token);
    s.bind(4, format_utc(session.created_at)).bind(5, format_utc(session.expires_at));
    if (s.step() != SQLITE_DONE) return tl::unexpected(s.error("session"));
    return {};
  }

  Result<Session> find_session(std::string_view id_hash, Instant now) override {
    std::lock_guard lock(mutex_);
    Statement s(db_, "SELECT id_hash, user_id, csrf_token, created_at, expires_at FROM sessions WHERE id_hash = ?");
    s.bind(1, id_hash);
    if (s.step() != SQLITE_ROW) return fail(ErrorCode::NotFound, "session", "no such session");
    Session out{s.text(0), s.integer(1), s.text(2), read_instant(s.text(3)), read_instant(s.text(4))};
    if (out.expires_at <= now) return fail(ErrorCode::NotFound, "session", "the session has expired");
    return out;
  }

  Result<void> delete_session(std::string_view id_hash) override {
    std::lock_guard lock(mutex_);
    Statement s(db_, "DELETE FROM sessions WHERE id_hash = ?");
    s.bind(1, id_hash);
    if (s.step() != SQLITE_DONE) return tl::unexpected(s.error("session"));
    return {};
  }

  Result<ApiToken> add_token(std::string_view token_hash, std::int64_t user_id, std::string_view name,
                             Instant now) override {
    std::lock_guard lock(mutex_);
    Statement s(db_, "INSERT INTO api_tokens (token_hash, user_id, name, created_at) VALUES (?, ?, ?, ?)");
    s.bind(1, token_hash).bind(2, user_id).bind(3, name).bind(4, format_utc(now));
    if (s.step() != SQLITE_DONE) return conflict_or_io(s, "token", "already exists");
    return ApiToken{sqlite3_last_insert_rowid(db_), std::string(token_hash), user_id, std::string(name), now};
  }

  Result<ApiToken> find_token(std::string_view token_hash) override {
    std::lock_guard lock(mutex_);
    Statement s(db_, "SELECT id, token_hash, user_id, name, created_at FROM api_tokens WHERE token_hash = ?");
    s.bind(1, token_hash);
    if (s.step() != SQLITE_ROW) return fail(ErrorCode::NotFound, "token", "no such API token");
    return ApiToken{s.integer(0), s.text(1), s.integer(2), s.text(3), read_instant(s.text(4))};
  }

  Result<void> ping() override {
    std::lock_guard lock(mutex_);
    Statement s(db_, "SELECT 1 FROM account_migrations LIMIT 1");
    if (!s.ok() || s.step() == SQLITE_ERROR) return tl::unexpected(s.error("database"));
    return {};
  }

  Result<void> exec(const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      std::string text = message ? message : "unknown error";
      sqlite3_free(message);
      return fail(ErrorCode::Io, "database", text);
    }
    return {};
  }

 private:
  static tl::unexpected<Error> conflict_or_io(const Statement& s, std::string where, std::string conflict_message) {
    Error e = s.error(where);
    if (e.code == ErrorCode::Conflict) e.message = std::move(conflict_message);
    return tl::unexpected(std::move(e));
  }
  static Result<Organisation> read_organisation(Statement& s, std::string_view slug) {
    if (s.step() != SQLITE_ROW) {
      return fail(ErrorCode::NotFound, "organisation " + std::string(slug), "no such organisation");
    }
    return Organisation{s.integer(0), s.text(1), s.text(2), read_instant(s.text(3))};
  }
  static Result<User> read_user(Statement& s, std::string where) {
    if (s.step() != SQLITE_ROW) return fail(ErrorCode::NotFound, std::move(where), "no such user");
    return User{s.integer(0), s.text(1), s.text(2), read_instant(s.text(3))};
  }

  sqlite3* db_;
  std::mutex mutex_;
};

}  // namespace

Result<std::unique_ptr<AccountStore>> open_sqlite_accounts(const std::string& path) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
  auto store = std::make_unique<SqliteAccounts>(db);  // closes db on every path
  if (rc != SQLITE_OK) return fail(ErrorCode::Io, path, std::string("cannot open database: ") + sqlite3_errstr(rc));
  sqlite3_busy_timeout(db, 5000);
  TRY(store->exec("PRAGMA foreign_keys = ON"));
  if (path != ":memory:") TRY(store->exec("PRAGMA journal_mode = WAL"));
  TRY(store->exec("PRAGMA synchronous = FULL"));
  if (auto migrated = store->migrate(); !migrated) {
    Error e = migrated.error();
    e.where = path;
    return tl::unexpected(std::move(e));
  }
  return std::unique_ptr<AccountStore>(std::move(store));
}

}  // namespace vigil::store
