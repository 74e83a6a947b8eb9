// SQLite implementation of AccountStore, on the workspace's own wrapper
// (store/sqlite/database.h) and in the same file as the incident records.
// Organisations are the workspace's `organisations` table; the account tables
// reference it and carry their own numbered migrations in
// `account_migrations`, applied after the workspace's. One connection under a
// mutex: account lookups are short, and a sign-in is dominated by Argon2id.
#include <mutex>

#include "store/accounts.h"
#include "store/sqlite/database.h"
#include "store/sqlite/sqlite_store.h"

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

// Each entry is applied once, in order, in one transaction with its version row.
constexpr std::string_view kMigrations[] = {
    // 1: users, their roles per organisation, sessions, API tokens (issue 6, point 3).
    R"sql(
CREATE TABLE users (
  user_id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE memberships (
  user_id INTEGER NOT NULL REFERENCES users (user_id),
  org_id TEXT NOT NULL REFERENCES organisations (org_id),
  role TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'compliance', 'responder', 'auditor')),
  PRIMARY KEY (user_id, org_id)
);
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (user_id),
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE TABLE api_tokens (
  token_id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id INTEGER NOT NULL REFERENCES users (user_id),
  name TEXT NOT NULL,
  created_at TEXT NOT NULL
)
)sql",
};

Instant read_instant(const std::string& text) {
  auto parsed = parse_rfc3339(text, "database");
  return parsed ? *parsed : Instant{};
}

// A duplicate key reads better as "already exists" than as SQLite's message.
Error duplicate(Error e, std::string where) {
  if (e.code == ErrorCode::Conflict) {
    e.where = std::move(where);
    e.message = "already exists";
  }
  return e;
}

class SqliteAccounts final : public AccountStore {
 public:
  explicit SqliteAccounts(sqlite::Database db) : db_(std::move(db)) {}

  Result<void> migrate() {
    TRY(db_.exec("CREATE TABLE IF NOT EXISTS account_migrations (version BIGINT PRIMARY KEY, applied_at TEXT NOT NULL)"));
    auto q = TRY(db_.prepare("SELECT COALESCE(MAX(version), 0) FROM account_migrations"));
    TRY(q.step());
    const std::int64_t current = q.integer(0);
    const std::int64_t known = static_cast<std::int64_t>(std::size(kMigrations));
    if (current > known) {
      return fail(ErrorCode::Io, db_.path(),
                  "the account tables are at version " + std::to_string(current) + ", newer than this vigil (" +
                      std::to_string(known) + "): upgrade vigil");
    }
    for (std::int64_t v = current + 1; v <= known; ++v) {
      auto tx = TRY(sqlite::WriteTransaction::begin(db_));
      TRY(db_.exec(kMigrations[v - 1]));
      auto record = TRY(db_.prepare("INSERT INTO account_migrations (version, applied_at) VALUES ($1, datetime('now'))"));
      TRY(record.bind(1, v).run());
      TRY(tx.commit());
    }
    return {};
  }

  Result<Organisation> add_organisation(std::string_view slug, std::string_view name) override {
    std::lock_guard lock(mutex_);
    auto q = TRY(db_.prepare("INSERT INTO organisations (org_id, name) VALUES ($1, $2)"));
    if (auto done = q.bind(1, slug).bind(2, name).run(); !done) {
      return tl::unexpected(duplicate(done.error(), "organisation " + std::string(slug)));
    }
    return Organisation{std::string(slug), std::string(name)};
  }

  Result<Organisation> find_organisation(std::string_view slug) override {
    std::lock_guard lock(mutex_);
    auto q = TRY(db_.prepare("SELECT org_id, name FROM organisations WHERE org_id = $1"));
    q.bind(1, slug);
    if (!TRY(q.step())) return fail(ErrorCode::NotFound, "organisation " + std::string(slug), "no such organisation");
    return Organisation{q.text(0), q.text(1)};
  }

  Result<std::vector<Organisation>> organisations() override {
    std::lock_guard lock(mutex_);
    auto q = TRY(db_.prepare("SELECT org_id, name FROM organisations ORDER BY org_id"));
    std::vector<Organisation> out;
    while (TRY(q.step())) out.push_back({q.text(0), q.text(1)});
    return out;
  }

  Result<User> add_user(std::string_view username, std::string_view password_hash, Instant now) override {
    std::lock_guard lock(mutex_);
    auto q = TRY(db_.prepare("INSERT INTO users (username, password_hash, created_at) VALUES ($1, $2, $3) "
                             "RETURNING user_id"));
    q.bind(1, username).bind(2, password_hash).bind(3, format_utc(now));
    auto row = q.step();
    if (!row) return tl::unexpected(duplicate(row.error(), "user " + std::string(username)));
    return User{q.integer(0), std::string(username), std::string(password_hash), now};
  }

  Result<User> find_user(std::string_view username) override {
    std::lock_guard lock(mutex_);
    auto q = TRY(db_.prepare("SELECT user_id, username, password_hash, created_at FROM users WHERE username = $1"));
    q.bind(1, username);
    if (!TRY(q.step())) return fail(ErrorCode::NotFound, "user " + std::string(username), "no such user");
    return User{q.integer(0), q.text(1), q.text(2), read_instant(q.text(3))};
  }

  Result<User> user_by_id(std::int64_t id) override {
    std::lock_guard lock(mutex_);
    auto q = TRY(db_.prepare("SELECT user_id, username, password_hash, created_at FROM users WHERE user_id = $1"));
    q.bind(1, id);
    if (!TRY(q.step())) return fail(ErrorCode::NotFound, "user #" + std::to_string(id), "no such user");
    return User{q.integer(0), q.text(1), q.text(2), read_instant(q.text(3))};
  }

  Result<void> set_password_hash(std::int64_t user_id, std::string_view password_hash) override {
    std::lock_guard lock(mutex_);
    auto q = TRY(db_.prepare("UPDATE users SET password_hash = $1 WHERE user_id = $2"));
    return q.bind(1, password_hash).bind(2, user_id).run();
  }

  Result<void> grant(std::int64_t user_id, std::string_view organisation, Role role) override {
    std::lock_guard lock(mutex_);
    auto q = TRY(db_.prepare("INSERT INTO memberships (user_id, org_id, role) VALUES ($1, $2, $3) "
                             "ON CONFLICT (user_id, org_id) DO UPDATE SET role = excluded.role"));
    if (auto done = q.bind(1, user_id).bind(2, organisation).bind(3, to_string(role)).run(); !done) {
      // The only foreign keys: an unknown organisation (the user came from a lookup).
      if (done.error().code == ErrorCode::Conflict) {
        return fail(ErrorCode::NotFound, "organisation " + std::string(organisation), "no such organisation");
      }
      return done;
    }
    return {};
  }

  Result<std::vector<Membership>> memberships(std::int64_t user_id) override {
    std::lock_guard lock(mutex_);
    auto q = TRY(db_.prepare("SELECT org_id, role FROM memberships WHERE user_id = $1 ORDER BY org_id"));
    q.bind(1, user_id);
    std::vector<Membership> out;
    while (TRY(q.step())) out.push_back({q.text(0), TRY(parse_role(q.text(1), "memberships.role"))});
    return out;
  }

  Result<void> add_session(const Session& session) override {
    std::lock_guard lock(mutex_);
    // Expired sessions are swept here rather than by a background job.
    auto sweep = TRY(db_.prepare("DELETE FROM sessions WHERE expires_at <= $1"));
    TRY(sweep.bind(1, format_utc(session.created_at)).run());
    auto q = TRY(db_.prepare("INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) "
                             "VALUES ($1, $2, $3, $4, $5)"));
    q.bind(1, session.id_hash).bind(2, session.user_id).bind(3, session.csrf_token);
    q.bind(4, format_utc(session.created_at)).bind(5, format_utc(session.expires_at));
    return q.run();
  }

  Result<Session> find_session(std::string_view id_hash, Instant now) override {
    std::lock_guard lock(mutex_);
    auto q = TRY(db_.prepare(
        "SELECT id_hash, user_id, csrf_token, created_at, expires_at FROM sessions WHERE id_hash = $1"));
    q.bind(1, id_hash);
    if (!TRY(q.step())) return fail(ErrorCode::NotFound, "session", "no such session");
    Session out{q.text(0), q.integer(1), q.text(2), read_instant(q.text(3)), read_instant(q.text(4))};
    if (out.expires_at <= now) return fail(ErrorCode::NotFound, "session", "the session has expired");
    return out;
  }

  Result<void> delete_session(std::string_view id_hash) override {
    std::lock_guard lock(mutex_);
    auto q = TRY(db_.prepare("DELETE FROM sessions WHERE id_hash = $1"));
    return q.bind(1, id_hash).run();
  }

  Result<ApiToken> add_token(std::string_view token_hash, std::int64_t user_id, std::string_view name,
                             Instant now) override {
    std::lock_guard lock(mutex_);
    auto q = TRY(db_.prepare("INSERT INTO api_tokens (token_hash, user_id, name, created_at) VALUES ($1, $2, $3, $4) "
                             "RETURNING token_id"));
    q.bind(1, token_hash).bind(2, user_id).bind(3, name).bind(4, format_utc(now));
    auto row = q.step();
    if (!row) return tl::unexpected(duplicate(row.error(), "token"));
    return ApiToken{q.integer(0), std::string(token_hash), user_id, std::string(name), now};
  }

  Result<ApiToken> find_token(std::string_view token_hash) override {
    std::lock_guard lock(mutex_);
    auto q = TRY(db_.prepare("SELECT token_id, token_hash, user_id, name, created_at FROM api_tokens "
                             "WHERE token_hash = $1"));
    q.bind(1, token_hash);
    if (!TRY(q.step())) return fail(ErrorCode::NotFound, "token", "no such API token");
    return ApiToken{q.integer(0), q.text(1), q.integer(2), q.text(3), read_instant(q.text(4))};
  }

  Result<void> ping() override {
    std::lock_guard lock(mutex_);
    auto q = TRY(db_.prepare("SELECT 1 FROM account_migrations LIMIT 1"));
    TRY(q.step());
    return {};
  }

 private:
  sqlite::Database db_;
  std::mutex mutex_;
};

}  // namespace

std::span<const std::string_view> account_migrations() { return kMigrations; }

Result<std::unique_ptr<AccountStore>> open_sqlite_accounts(const std::string& path) {
  // The workspace migrations create `organisations`, which the account tables reference.
  TRY(SqliteStore::open(path));
  auto db = TRY(sqlite::Database::open(path));
  auto accounts = std::make_unique<SqliteAccounts>(std::move(db));
  TRY(accounts->migrate());
  return std::unique_ptr<AccountStore>(std::move(accounts));
}

}  // namespace vigil::store
