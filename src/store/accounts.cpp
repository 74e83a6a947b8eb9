// What the account tables share on every back end: the
// tables' own numbered migrations (account_migrations), applied after the
// workspace's (which own `organisations`, referenced here).
#include <chrono>

#include <fmt/format.h>

#include "store/accounts.h"

#include "core/sha256.h"

namespace vigil::store {

namespace {

// Each entry is applied once, in order, in one transaction with its version row.
constexpr std::string_view kMigrations[] = {
    // 1: users, their roles per organisation, sessions, API tokens.
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
    // 2: disabled users and revoked tokens (the account lifecycle).
    R"sql(
ALTER TABLE users ADD COLUMN disabled_at TEXT;
ALTER TABLE api_tokens ADD COLUMN revoked_at TEXT
)sql",
};

}  // namespace

std::span<const std::string_view> account_migrations() { return kMigrations; }

std::string token_digest(std::string_view token_hash) {
  return sha256_hex("vigil-token-digest/1:" + std::string(token_hash));
}

}  // namespace vigil::store
