// The AccountStore (organisations, users, roles, sessions, API tokens),
// written once over sql::Database for SQLite and PostgreSQL, in the same
// database as the incident records. The account tables declare `INTEGER
// PRIMARY KEY` ids, which SQLite numbers by itself and PostgreSQL does not:
// new ids are taken as MAX + 1 inside the write (lock_for_new_id).
#include "store/account_repository.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/text.h"
#include "store/record_trail.h"
#include "store/workspace_trail.h"

namespace vigil::store {

using sql::Row;
using sql::Transaction;

namespace {

Instant read_instant(const std::string& text) {
  auto parsed = parse_rfc3339(text, "database");
  return parsed ? *parsed : Instant{};
}

// A duplicate key reads better as "already exists" than as PostgreSQL's message.
Error duplicate(Error e, std::string where) {
  if (e.code == ErrorCode::Conflict) {
    e.where = std::move(where);
    e.message = "already exists";
  }
  return e;
}

constexpr std::string_view kUserColumns = "user_id, username, password_hash, created_at, disabled_at";
constexpr std::string_view kTokenColumns = "token_id, token_hash, user_id, name, created_at, revoked_at";

std::optional<Instant> optional_instant(const Row& row, int column) {
  if (row.is_null(column)) return std::nullopt;
  return read_instant(row.text(column));
}

User read_user(const Row& row) {
  return User{row.integer(0), row.text(1), row.text(2), read_instant(row.text(3)), optional_instant(row, 4)};
}

ApiToken read_token(const Row& row) {
  return ApiToken{row.integer(0),          row.text(1), row.integer(2), row.text(3), read_instant(row.text(4)),
                  optional_instant(row, 5)};
}

std::string account_value(nlohmann::json value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// A token as the trail records it: whose, its name, whether revoked, and a
// digest of its hash (store/accounts.h), never the token or the hash.
nlohmann::json token_value(std::string_view username, const ApiToken& t) {
  return {{"user", username},
          {"name", t.name},
          {"revoked", t.revoked_at.has_value()},
          {"digest", token_digest(t.token_hash)}};
}

// The organisations the user has a role in: whose trails note a change to it.
Result<std::vector<std::string>> organisations_of(Transaction& tx, std::int64_t user_id) {
  std::vector<std::string> out;
  auto each_1 = TRY(tx.query("SELECT org_id FROM memberships WHERE user_id = $1 ORDER BY org_id", {user_id}));
  for (const Row& row : each_1) {
    out.push_back(row.text(0));
  }
  return out;
}

Result<std::string> username_of(Transaction& tx, std::int64_t user_id) {
  auto rows = TRY(tx.query("SELECT username FROM users WHERE user_id = $1", {user_id}));
  if (rows.empty()) return fail(ErrorCode::NotFound, "user #" + std::to_string(user_id), "no such user");
  return rows[0].text(0);
}

// New ids are MAX + 1: on PostgreSQL under a table lock (accounts are added
// rarely, so it costs nothing); SQLite's write transactions exclude each other.
Result<void> lock_for_new_id(Transaction& tx, std::string_view table) {
  if (tx.dialect().lock_table_for_new_id.empty()) return {};
  TRY(tx.query(fmt::format(fmt::runtime(tx.dialect().lock_table_for_new_id), table)));
  return {};
}

class AccountRepository final : public AccountStore {
 public:
  explicit AccountRepository(std::unique_ptr<sql::Database> db) : db_(std::move(db)) {}

  // The last guard before a name reaches a row and the record trail: text
  // the trail could not hold byte for byte (not UTF-8) or that would hide or
  // reorder what a reader sees is refused, never replaced.
  Result<Organisation> add_organisation(std::string_view slug, std::string_view name,
                                        const AccountChange& change) override {
    TRY(require_safe_text(slug, "org"));
    TRY(require_safe_text(name, "name"));
    TRY(require_safe_text(change.by, "by"));
    auto done = db_->transact(sql::Access::Write, [&](Transaction& tx) -> Result<void> {
      TRY(tx.query("INSERT INTO organisations (org_id, name) VALUES ($1, $2)", {slug, name}));
      return record_organisation(tx, slug, name, change.by, change.at);
    });
    if (!done) return tl::unexpected(duplicate(done.error(), "organisation " + std::string(slug)));
    return Organisation{std::string(slug), std::string(name)};
  }

  Result<Organisation> find_organisation(std::string_view slug) override {
    auto rows = TRY(read("SELECT org_id, name FROM organisations WHERE org_id = $1", slug));
    if (rows.empty()) return fail(ErrorCode::NotFound, "organisation " + std::string(slug), "no such organisation");
    return Organisation{rows[0].text(0), rows[0].text(1)};
  }

  Result<std::vector<Organisation>> organisations() override {
    auto rows = TRY(db_->transact(sql::Access::Read, [](Transaction& tx) {
      return tx.query("SELECT org_id, name FROM organisations ORDER BY org_id");
    }));
    std::vector<Organisation> out;
    for (const Row& row : rows) out.push_back({row.text(0), row.text(1)});
    return out;
  }

  Result<User> add_user(std::string_view username, std::string_view password_hash, Instant now) override {
    TRY(require_safe_text(username, "username"));
    auto id = db_->transact(sql::Access::Write, [&](Transaction& tx) -> Result<std::int64_t> {
      TRY(lock_for_new_id(tx, "users"));
      auto next = TRY(tx.query("SELECT COALESCE(MAX(user_id), 0) + 1 FROM users"));
      const std::int64_t user_id = next.at(0).integer(0);
      TRY(tx.query("INSERT INTO users (user_id, username, password_hash, created_at) VALUES ($1, $2, $3, $4)",
                   {user_id, username, password_hash, format_utc(now)}));
      return user_id;
    });
    if (!id) return tl::unexpected(duplicate(id.error(), "user " + std::string(username)));
    return User{*id, std::string(username), std::string(password_hash), now, std::nullopt};
  }

  Result<User> find_user(std::string_view username) override {
    auto rows = TRY(read(fmt::format("SELECT {} FROM users WHERE username = $1", kUserColumns), username));
    if (rows.empty()) return fail(ErrorCode::NotFound, "user " + std::string(username), "no such user");
    return read_user(rows[0]);
  }

  Result<void> set_password_hash(std::int64_t user_id, std::string_view password_hash) override {
    return db_->transact(sql::Access::Write, [&](Transaction& tx) -> Result<void> {
      TRY(tx.query("UPDATE users SET password_hash = $1 WHERE user_id = $2", {password_hash, user_id}));
      return {};
    });
  }

  Result<User> user_by_id(std::int64_t id) override {
    auto rows = TRY(read(fmt::format("SELECT {} FROM users WHERE user_id = $1", kUserColumns), id));
    if (rows.empty()) return fail(ErrorCode::NotFound, "user #" + std::to_string(id), "no such user");
    return read_user(rows[0]);
  }

  Result<void> grant(std::int64_t user_id, std::string_view organisation, Role role,
                     const AccountChange& change) override {
    auto done = db_->transact(sql::Access::Write, [&](Transaction& tx) -> Result<void> {
      auto known = TRY(tx.query("SELECT org_id FROM organisations WHERE org_id = $1", {organisation}));
      if (known.empty()) {
        return fail(ErrorCode::NotFound, "organisation " + std::string(organisation), "no such organisation");
      }
      const std::string username = TRY(username_of(tx, user_id));
      auto before =
          TRY(tx.query("SELECT role FROM memberships WHERE user_id = $1 AND org_id = $2", {user_id, organisation}));
      TRY(
          tx.query("INSERT INTO memberships (user_id, org_id, role) VALUES ($1, $2, $3) "
                   "ON CONFLICT (user_id, org_id) DO UPDATE SET role = excluded.role",
                   {user_id, organisation, to_string(role)}));
      // The user as the organisation now knows it: whether disabled, and its
      // tokens (written while it had no role here, on no trail of this one).
      auto state = TRY(tx.query("SELECT disabled_at FROM users WHERE user_id = $1", {user_id}));
      nlohmann::json tokens = nlohmann::json::object();
      auto held = TRY(tx.query(fmt::format("SELECT {} FROM api_tokens WHERE user_id = $1", kTokenColumns), {user_id}));
      for (const Row& row : held) {
        const ApiToken t = read_token(row);
        tokens[std::to_string(t.id)] = token_value(username, t);
      }
      return append_trail(
          tx, organisation,
          TrailDraft{
              change.at, change.by, "membership.granted", "user:" + username,
              account_value({{"role", before.empty() ? nlohmann::json(nullptr) : nlohmann::json(before[0].text(0))}}),
              account_value({{"role", to_string(role)}, {"disabled", !state.at(0).is_null(0)}, {"tokens", tokens}})});
    });
    // The only foreign keys: an unknown organisation (the user came from a lookup).
    if (!done && done.error().code == ErrorCode::Conflict) {
      return fail(ErrorCode::NotFound, "organisation " + std::string(organisation), "no such organisation");
    }
    return done;
  }

  Result<std::vector<Membership>> memberships(std::int64_t user_id) override {
    auto rows = TRY(read("SELECT org_id, role FROM memberships WHERE user_id = $1 ORDER BY org_id", user_id));
    std::vector<Membership> out;
    for (const Row& row : rows) {
      const Role role = TRY(parse_role(row.text(1), "memberships.role"));
      out.push_back({row.text(0), role});
    }
    return out;
  }

  Result<void> add_session(const Session& session) override {
    return db_->transact(sql::Access::Write, [&](Transaction& tx) -> Result<void> {
      // Expired sessions are swept here rather than by a background job.
      TRY(tx.query("DELETE FROM sessions WHERE expires_at <= $1", {format_utc(session.created_at)}));
      TRY(
          tx.query("INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) "
                   "VALUES ($1, $2, $3, $4, $5)",
                   {session.id_hash, session.user_id, session.csrf_token, format_utc(session.created_at),
                    format_utc(session.expires_at)}));
      return {};
    });
  }

  Result<Session> find_session(std::string_view id_hash, Instant now) override {
    auto rows = TRY(
        read("SELECT id_hash, user_id, csrf_token, created_at, expires_at FROM sessions WHERE id_hash = $1", id_hash));
    if (rows.empty()) return fail(ErrorCode::NotFound, "session", "no such session");
    const Row& row = rows[0];
    Session out{row.text(0), row.integer(1), row.text(2), read_instant(row.text(3)), read_instant(row.text(4))};
    if (out.expires_at <= now) return fail(ErrorCode::NotFound, "session", "the session has expired");
    return out;
  }

  Result<void> delete_session(std::string_view id_hash) override {
    return db_->transact(sql::Access::Write, [&](Transaction& tx) -> Result<void> {
      TRY(tx.query("DELETE FROM sessions WHERE id_hash = $1", {id_hash}));
      return {};
    });
  }

  Result<ApiToken> add_token(std::string_view token_hash, std::int64_t user_id, std::string_view name,
                             const AccountChange& change) override {
    TRY(require_safe_text(name, "name"));
    const Instant now = change.at;
    auto id = db_->transact(sql::Access::Write, [&](Transaction& tx) -> Result<std::int64_t> {
      TRY(lock_for_new_id(tx, "api_tokens"));
      auto next = TRY(tx.query("SELECT COALESCE(MAX(token_id), 0) + 1 FROM api_tokens"));
      const std::int64_t token_id = next.at(0).integer(0);
      TRY(
          tx.query("INSERT INTO api_tokens (token_id, token_hash, user_id, name, created_at) "
                   "VALUES ($1, $2, $3, $4, $5)",
                   {token_id, token_hash, user_id, name, format_utc(now)}));
      const std::string username = TRY(username_of(tx, user_id));
      auto orgs = TRY(organisations_of(tx, user_id));
      for (const auto& org : orgs) {
        TRY(append_trail(
            tx, org,
            TrailDraft{change.at, change.by, "token.created", fmt::format("token:{}", token_id), std::nullopt,
                       account_value(token_value(username, ApiToken{token_id, std::string(token_hash), user_id,
                                                                    std::string(name), now, std::nullopt}))}));
      }
      return token_id;
    });
    if (!id) return tl::unexpected(duplicate(id.error(), "token"));
    return ApiToken{*id, std::string(token_hash), user_id, std::string(name), now, std::nullopt};
  }

  Result<ApiToken> find_token(std::string_view token_hash) override {
    auto rows = TRY(read(fmt::format("SELECT {} FROM api_tokens WHERE token_hash = $1", kTokenColumns), token_hash));
    if (rows.empty()) return fail(ErrorCode::NotFound, "token", "no such API token");
    return read_token(rows[0]);
  }

  Result<std::vector<Member>> members(std::string_view org) override {
    auto rows = TRY(read(fmt::format("SELECT {}, m.role FROM users u JOIN memberships m ON m.user_id = u.user_id "
                                     "WHERE m.org_id = $1 ORDER BY u.username",
                                     "u.user_id, u.username, u.password_hash, u.created_at, u.disabled_at"),
                         org));
    std::vector<Member> out;
    for (const Row& row : rows) {
      const Role role = TRY(parse_role(row.text(5), "memberships.role"));
      out.push_back({read_user(row), role});
    }
    return out;
  }

  Result<void> set_disabled(std::int64_t user_id, bool disabled, const AccountChange& change) override {
    return db_->transact(sql::Access::Write, [&](Transaction& tx) -> Result<void> {
      auto rows = TRY(tx.query(fmt::format("SELECT {} FROM users WHERE user_id = $1", kUserColumns), {user_id}));
      if (rows.empty()) return fail(ErrorCode::NotFound, "user #" + std::to_string(user_id), "no such user");
      const User user = read_user(rows[0]);
      if (user.disabled_at.has_value() == disabled) {
        return fail(ErrorCode::Conflict, "user " + user.username, disabled ? "is disabled already" : "is not disabled");
      }
      TRY(tx.query("UPDATE users SET disabled_at = $1 WHERE user_id = $2",
                   {disabled ? sql::Param(format_utc(change.at)) : sql::Param(nullptr), user_id}));
      if (disabled) TRY(tx.query("DELETE FROM sessions WHERE user_id = $1", {user_id}));
      auto each_2 = TRY(organisations_of(tx, user_id));
      for (const auto& org : each_2) {
        TRY(append_trail(
            tx, org,
            TrailDraft{change.at, change.by, disabled ? "user.disabled" : "user.enabled", "user:" + user.username,
                       account_value({{"disabled", !disabled}}), account_value({{"disabled", disabled}})}));
      }
      return {};
    });
  }

  Result<void> revoke_membership(std::int64_t user_id, std::string_view org, const AccountChange& change) override {
    return db_->transact(sql::Access::Write, [&](Transaction& tx) -> Result<void> {
      const std::string username = TRY(username_of(tx, user_id));
      auto rows = TRY(tx.query("SELECT role FROM memberships WHERE user_id = $1 AND org_id = $2", {user_id, org}));
      if (rows.empty()) {
        return fail(ErrorCode::NotFound, "user " + username, fmt::format("has no role in {}", org));
      }
      TRY(tx.query("DELETE FROM memberships WHERE user_id = $1 AND org_id = $2", {user_id, org}));
      return append_trail(tx, org,
                          TrailDraft{change.at, change.by, "membership.revoked", "user:" + username,
                                     account_value({{"role", rows[0].text(0)}}), account_value({{"role", nullptr}})});
    });
  }

  Result<void> reset_password(std::int64_t user_id, std::string_view password_hash,
                              const AccountChange& change) override {
    return db_->transact(sql::Access::Write, [&](Transaction& tx) -> Result<void> {
      const std::string username = TRY(username_of(tx, user_id));
      TRY(tx.query("UPDATE users SET password_hash = $1 WHERE user_id = $2", {password_hash, user_id}));
      TRY(tx.query("DELETE FROM sessions WHERE user_id = $1", {user_id}));
      auto each_3 = TRY(organisations_of(tx, user_id));
      for (const auto& org : each_3) {
        // The hash itself stays out of the trail: that it changed, who changed it and when.
        TRY(append_trail(
            tx, org,
            TrailDraft{change.at, change.by, "user.password_reset", "user:" + username, std::nullopt, std::nullopt}));
      }
      return {};
    });
  }

  Result<std::vector<ApiToken>> tokens(std::int64_t user_id) override {
    auto rows = TRY(
        read(fmt::format("SELECT {} FROM api_tokens WHERE user_id = $1 ORDER BY token_id", kTokenColumns), user_id));
    std::vector<ApiToken> out;
    for (const Row& row : rows) out.push_back(read_token(row));
    return out;
  }

  Result<ApiToken> token_by_id(std::int64_t token_id) override {
    auto rows = TRY(read(fmt::format("SELECT {} FROM api_tokens WHERE token_id = $1", kTokenColumns), token_id));
    if (rows.empty()) return fail(ErrorCode::NotFound, "token " + std::to_string(token_id), "no such API token");
    return read_token(rows[0]);
  }

  Result<void> revoke_token(std::int64_t token_id, const AccountChange& change) override {
    return db_->transact(sql::Access::Write, [&](Transaction& tx) -> Result<void> {
      auto rows =
          TRY(tx.query(fmt::format("SELECT {} FROM api_tokens WHERE token_id = $1", kTokenColumns), {token_id}));
      if (rows.empty()) return fail(ErrorCode::NotFound, "token " + std::to_string(token_id), "no such API token");
      const ApiToken token = read_token(rows[0]);
      if (token.revoked_at) {
        return fail(ErrorCode::Conflict, "token " + std::to_string(token_id),
                    "was revoked already, at " + format_utc(*token.revoked_at));
      }
      TRY(tx.query("UPDATE api_tokens SET revoked_at = $1 WHERE token_id = $2", {format_utc(change.at), token_id}));
      const std::string username = TRY(username_of(tx, token.user_id));
      ApiToken revoked = token;
      revoked.revoked_at = change.at;
      auto each_4 = TRY(organisations_of(tx, token.user_id));
      for (const auto& org : each_4) {
        TRY(append_trail(
            tx, org,
            TrailDraft{change.at, change.by, "token.revoked", fmt::format("token:{}", token_id),
                       account_value(token_value(username, token)), account_value(token_value(username, revoked))}));
      }
      return {};
    });
  }

  Result<bool> recorded_from_creation(std::string_view org) override {
    auto rows = TRY(db_->transact(
        sql::Access::Read, [](Transaction& tx) { return tx.query("SELECT entry FROM workspace_trail ORDER BY seq"); }));
    bool added = false;  // the latest entry of the organisation decides
    for (const Row& row : rows) {
      const auto entry = nlohmann::json::parse(row.text(0), nullptr, false);
      if (!entry.is_object()) continue;
      const auto named = entry.find("org");
      if (named == entry.end() || !named->is_string() || named->get_ref<const std::string&>() != org) continue;
      const auto event = entry.find("event");
      added = event != entry.end() && event->is_string() && event->get_ref<const std::string&>() == kOrganisationAdded;
    }
    return added;
  }

  Result<void> ping() override {
    TRY(db_->transact(sql::Access::Read,
                      [](Transaction& tx) { return tx.query("SELECT 1 FROM account_migrations LIMIT 1"); }));
    return {};
  }

 private:
  // One read-only statement with one parameter.
  Result<sql::Rows> read(std::string_view text, sql::Param param) {
    return db_->transact(sql::Access::Read, [&](Transaction& tx) { return tx.query(text, {param}); });
  }

  std::unique_ptr<sql::Database> db_;
};

}  // namespace

std::unique_ptr<AccountStore> account_repository(std::unique_ptr<sql::Database> db) {
  return std::make_unique<AccountRepository>(std::move(db));
}

}  // namespace vigil::store
