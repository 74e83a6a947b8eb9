// What the account tables share on every back end: the role names and the
// tables' own numbered migrations (account_migrations), applied after the
// workspace's (which own `organisations`, referenced here).
#include <chrono>

#include <fmt/format.h>

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
    // 2: disabled users and revoked tokens (issue 11, account lifecycle).
    R"sql(
ALTER TABLE users ADD COLUMN disabled_at TEXT;
ALTER TABLE api_tokens ADD COLUMN revoked_at TEXT
)sql",
};

}  // namespace

std::span<const std::string_view> account_migrations() { return kMigrations; }

Result<void> migrate_accounts(sql::Transaction& tx, std::string_view where) {
  TRY(tx.execute("CREATE TABLE IF NOT EXISTS account_migrations (version BIGINT PRIMARY KEY, applied_at TEXT NOT NULL)"));
  auto current_rows = TRY(tx.query("SELECT COALESCE(MAX(version), 0) FROM account_migrations"));
  const std::int64_t current = current_rows.at(0).integer(0);
  const auto known = static_cast<std::int64_t>(std::size(kMigrations));
  if (current > known) {
    return fail(ErrorCode::Io, std::string(where),
                fmt::format("the account tables are at version {}, newer than this vigil ({}): upgrade vigil", current,
                            known));
  }
  const std::string applied_at =
      format_utc(std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()));
  for (std::int64_t v = current + 1; v <= known; ++v) {
    TRY(tx.execute(kMigrations[v - 1]));
    TRY(tx.query("INSERT INTO account_migrations (version, applied_at) VALUES ($1, $2)", {v, applied_at}));
  }
  return {};
}

}  // namespace vigil::store
