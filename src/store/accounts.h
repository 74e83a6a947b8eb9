// Who may use a Vigil server: organisations (tenants), users, each user's role
// in each organisation, browser sessions and API tokens. Secrets are never
// stored: passwords as Argon2id strings, session ids and API tokens as SHA-256.
// The server and the bootstrap commands (`vigil org add`, `user add`,
// `token create`) share this interface (store/account_repository.cpp, over
// SQLite or PostgreSQL).
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/roles.h"
#include "core/time.h"
#include "store/seal.h"
#include "store/sql.h"

namespace vigil::store {

// Roles within one organisation: the domain's (core/roles.h); the account
// tables store them by name.
using vigil::kRoleCount;
using vigil::kRoleNames;
using vigil::parse_role;
using vigil::Role;
using vigil::to_string;

// The same row as the incident store's `organisations` table (org_id, name).
struct Organisation {
  std::string slug;  // org_id: the id in URLs, /api/v1/orgs/{slug}/...
  std::string name;
};

struct User {
  std::int64_t id = 0;
  std::string username;
  std::string password_hash;  // Argon2id string (crypto_pwhash_str)
  Instant created_at{};
  std::optional<Instant> disabled_at;  // set: the user cannot sign in nor use a token
};

struct Membership {
  std::string organisation_slug;
  Role role = Role::Auditor;
};

struct Session {
  std::string id_hash;  // SHA-256 (hex) of the cookie value
  std::int64_t user_id = 0;
  std::string csrf_token;  // sent back as X-CSRF-Token on state-changing requests
  Instant created_at{};
  Instant expires_at{};
};

struct ApiToken {
  std::int64_t id = 0;
  std::string token_hash;  // SHA-256 (hex) of the bearer token
  std::int64_t user_id = 0;
  std::string name;  // "ci", "siem-export"
  Instant created_at{};
  std::optional<Instant> revoked_at;  // set: the token authenticates no more
};

struct Member {
  User user;
  Role role = Role::Auditor;
};

// Who changed an account and when: the record trail of every organisation
// concerned (store/record_trail.h) notes it in the same transaction.
struct AccountChange {
  std::string by;
  Instant at{};
};

class AccountStore {
 public:
  virtual ~AccountStore() = default;

  // Conflict when the slug or username already exists. The organisation is
  // on the workspace's chain of organisations (store/workspace_trail.h) as
  // added by change.by at change.at, in the same transaction.
  virtual Result<Organisation> add_organisation(std::string_view slug, std::string_view name,
                                                const AccountChange& change) = 0;
  virtual Result<Organisation> find_organisation(std::string_view slug) = 0;  // NotFound
  virtual Result<std::vector<Organisation>> organisations() = 0;

  virtual Result<User> add_user(std::string_view username, std::string_view password_hash, Instant now) = 0;
  virtual Result<User> find_user(std::string_view username) = 0;  // NotFound
  virtual Result<User> user_by_id(std::int64_t id) = 0;           // NotFound
  // Replaces the user's Argon2id string (a rehash to current parameters).
  virtual Result<void> set_password_hash(std::int64_t user_id, std::string_view password_hash) = 0;

  // Gives the user that role in the organisation (replacing an earlier one),
  // on that organisation's trail as membership.granted (old and new role).
  virtual Result<void> grant(std::int64_t user_id, std::string_view organisation, Role role,
                             const AccountChange& change) = 0;
  virtual Result<std::vector<Membership>> memberships(std::int64_t user_id) = 0;

  virtual Result<void> add_session(const Session& session) = 0;
  virtual Result<Session> find_session(std::string_view id_hash, Instant now) = 0;  // NotFound when expired
  virtual Result<void> delete_session(std::string_view id_hash) = 0;

  // A new token of the user, created at change.at, on the trail of each of
  // the user's organisations as token.created (never the token or its hash).
  virtual Result<ApiToken> add_token(std::string_view token_hash, std::int64_t user_id, std::string_view name,
                                     const AccountChange& change) = 0;
  virtual Result<ApiToken> find_token(std::string_view token_hash) = 0;  // NotFound (revoked ones are found)

  // --- account lifecycle (each change on the trail of the user's organisations) ---
  // The organisation's users with their roles, by username.
  virtual Result<std::vector<Member>> members(std::string_view org) = 0;
  // Disables (every session ends) or enables the user again. NotFound;
  // Conflict when it already is so.
  virtual Result<void> set_disabled(std::int64_t user_id, bool disabled, const AccountChange& change) = 0;
  // Ends the user's role in the organisation. NotFound when it has none there.
  virtual Result<void> revoke_membership(std::int64_t user_id, std::string_view org, const AccountChange& change) = 0;
  // An administrator's reset: the new Argon2id string; every session ends.
  virtual Result<void> reset_password(std::int64_t user_id, std::string_view password_hash,
                                      const AccountChange& change) = 0;
  // The user's tokens, revoked ones included, by id.
  virtual Result<std::vector<ApiToken>> tokens(std::int64_t user_id) = 0;
  virtual Result<ApiToken> token_by_id(std::int64_t token_id) = 0;  // NotFound
  // NotFound; Conflict when revoked already.
  virtual Result<void> revoke_token(std::int64_t token_id, const AccountChange& change) = 0;

  // Whether the organisation's accounts are recorded from its creation on:
  // true when the workspace's chain of organisations (store/workspace_trail.h)
  // holds its "organisation added" entry, written with its row. Then every
  // role and token it has must have its record-trail entry; none can be
  // older than the trail (an organisation recorded at migration, or none on
  // the chain: false). `audit verify` relies on it (store/account_audit.cpp).
  virtual Result<bool> recorded_from_creation(std::string_view /*org*/) { return false; }

  // A cheap query proving the database answers (for /readyz).
  virtual Result<void> ping() = 0;
};

// What the record trail keeps of a token's hash: the hex SHA-256 of
// "vigil-token-digest/1:" + the hash. Neither the token nor its hash is on
// the trail, yet a hash swapped in the table (a token only the attacker
// knows) no longer matches.
std::string token_digest(std::string_view token_hash);

// The account tables' migrations in order (version = index + 1), applied by
// the migration runner (store/migrations.h) after the workspace migrations.
std::span<const std::string_view> account_migrations();

// A postgresql:// (or postgres://) URL opens the accounts on PostgreSQL
// (src/postgres, loaded as a plugin: see store/postgres_backend.h); anything
// else is a SQLite file path, created when missing, with every migration
// applied (store/account_repository.cpp over open_sql()).
Result<std::unique_ptr<AccountStore>> open_accounts(const std::string& location, SealerRef sealer = nullptr);

}  // namespace vigil::store
