// Account lifecycle for an organisation's administrators: who has which role,
// disabling and enabling a user, ending a role, resetting a password, and the
// API tokens of the organisation's users (list, revoke). Every change is on
// the record trail of the organisations concerned (store/record_trail.h).
// The target must be a member of {org}; anyone else is "not found", so an
// administrator of one organisation learns nothing about another's users.
// A user, their password and their API tokens are one account across every
// organisation they belong to: an account-wide action (disable, enable,
// password reset, a new token) on a user who also belongs elsewhere needs
// the caller to administer each of those organisations too (403 naming how
// many, never which), and a token reaches only as far as its user: through
// {org} only when the caller administers every organisation it opens (else
// 404, as a token that does not exist). An administrator who cannot act on
// such a user can still end their role here.
#include <algorithm>
#include <charconv>

#include <nlohmann/json.hpp>

#include "core/json_input.h"
#include "core/text.h"
#include "server/app.h"
#include "server/credentials.h"

namespace vigil::server {

namespace {

using nlohmann::json;
using store::Role;

constexpr std::size_t kMinPassword = 12;

json optional_time(const std::optional<Instant>& at) { return at ? json(format_utc(*at)) : json(nullptr); }

json token_json(const store::ApiToken& t, std::string_view username) {
  return {{"id", t.id},
          {"name", t.name},
          {"username", username},
          {"created_at", format_utc(t.created_at)},
          {"revoked_at", optional_time(t.revoked_at)}};
}

// The member named in the path, or NotFound.
Result<store::Member> member(Context& c) {
  const std::string_view username = c.param("username");
  auto each_1 = TRY(c.services.accounts->members(c.param("org")));
  for (auto& m : each_1) {
    if (m.user.username == username) return m;
  }
  return fail(ErrorCode::NotFound, "username", "no such user in this organisation");
}

store::AccountChange change(Context& c) { return {c.principal->username, c.now}; }

// How many of the user's organisations the caller does not administer.
Result<std::size_t> organisations_beyond_caller(Context& c, std::int64_t user_id) {
  std::size_t beyond = 0;
  auto held = TRY(c.services.accounts->memberships(user_id));
  for (const auto& m : held) {
    const auto mine =
        std::find_if(c.principal->memberships.begin(), c.principal->memberships.end(),
                     [&](const store::Membership& p) { return p.organisation_slug == m.organisation_slug; });
    if (mine == c.principal->memberships.end() || mine->role != Role::Admin) ++beyond;
  }
  return beyond;
}

// Forbidden when the action would reach an organisation the caller does not
// administer: the count only, so no other tenant is named.
Result<void> require_admin_of_every_organisation(Context& c, const store::User& user, std::string_view action) {
  const std::size_t beyond = TRY(organisations_beyond_caller(c, user.id));
  if (beyond == 0) return {};
  return fail(ErrorCode::Forbidden, "username",
              "'" + user.username + "' also belongs to " + std::to_string(beyond) + " other organisation" +
                  (beyond == 1 ? "" : "s") + " you do not administer; " + std::string(action) +
                  " takes effect there too, so only an administrator of every organisation of the user may do "
                  "it (you can end the user's role in this one)");
}

Result<Response> list_users(Context& c) {
  json users = json::array();
  auto each_2 = TRY(c.services.accounts->members(c.param("org")));
  for (const auto& m : each_2) {
    json tokens = json::array();
    auto held = TRY(c.services.accounts->tokens(m.user.id));
    for (const auto& t : held) tokens.push_back(token_json(t, m.user.username));
    users.push_back({{"username", m.user.username},
                     {"role", store::to_string(m.role)},
                     {"created_at", format_utc(m.user.created_at)},
                     {"disabled_at", optional_time(m.user.disabled_at)},
                     {"tokens", tokens}});
  }
  return json_response(json{{"users", users}}.dump());
}

Result<Response> set_disabled(Context& c, bool disabled) {
  auto m = TRY(member(c));
  if (disabled && m.user.username == c.principal->username) {
    return fail(ErrorCode::Conflict, "username", "you cannot disable yourself; ask another administrator");
  }
  TRY(require_admin_of_every_organisation(c, m.user, disabled ? "disabling the user" : "enabling the user"));
  TRY(c.services.accounts->set_disabled(m.user.id, disabled, change(c)));
  return json_response(json{{"username", m.user.username}, {"disabled", disabled}}.dump());
}

Result<Response> revoke_role(Context& c) {
  auto m = TRY(member(c));
  if (m.user.username == c.principal->username) {
    return fail(ErrorCode::Conflict, "username", "you cannot end your own role; ask another administrator");
  }
  TRY(c.services.accounts->revoke_membership(m.user.id, c.param("org"), change(c)));
  return json_response(json{{"username", m.user.username}, {"role", nullptr}}.dump());
}

// POST .../users/{username}/password {"password"}: the new password, at least 12 characters.
Result<Response> reset_password(Context& c) {
  auto m = TRY(member(c));
  auto body = TRY(parse_json(c.request.body, "body"));
  if (!body.is_object()) return invalid("body", "expected a JSON object: {\"password\": \"...\"}");
  JsonObjectReader reader(body, "body");
  auto password = reader.secret("password", 1024);
  TRY(reader.finish());
  if (password->size() < kMinPassword) return invalid("body: password", "must have at least 12 characters");
  TRY(require_admin_of_every_organisation(c, m.user, "a new password"));
  auto hash = TRY(hash_password(*password, c.services.hash_cost));
  TRY(c.services.accounts->reset_password(m.user.id, hash, change(c)));
  return json_response(json{{"username", m.user.username}, {"sessions_ended", true}}.dump());
}

json member_json(const store::User& user, Role role) {
  return {{"username", user.username},
          {"role", store::to_string(role)},
          {"created_at", format_utc(user.created_at)},
          {"disabled_at", optional_time(user.disabled_at)},
          {"tokens", json::array()}};
}

// POST .../users {"username", "password", "role"}: a new user with a role in
// this organisation (as `vigil user add`). The role is on the record trail
// (membership.granted); the password never is. 409 when the username is taken.
Result<Response> add_member(Context& c) {
  auto body = TRY(parse_json(c.request.body, "body"));
  if (!body.is_object()) {
    return invalid("body", "expected a JSON object: {\"username\": \"...\", \"password\": \"...\", \"role\": \"...\"}");
  }
  JsonObjectReader reader(body, "body");
  auto username = reader.text("username", Presence::Required, 64);
  auto password = reader.secret("password", 1024);
  auto role_text = reader.choice("role", store::kRoleNames, Presence::Required);
  if (username) {
    if (is_blank(*username) || trim(*username) != *username) {
      reader.add_error("username", "1 to 64 characters, without blanks around them");
    } else if (auto safe = require_safe_text(*username, "username"); !safe) {
      reader.add_error("username", safe.error().message);
    }
  }
  if (password && password->size() < kMinPassword) reader.add_error("password", "must have at least 12 characters");
  TRY(reader.finish());
  const Role role = TRY(store::parse_role(*role_text, "body: role"));
  auto hash = TRY(hash_password(*password, c.services.hash_cost));
  auto user = c.services.accounts->add_user(*username, hash, c.now);
  if (!user) {
    if (user.error().code == ErrorCode::Conflict) {
      return fail(ErrorCode::Conflict, "body: username", "this username is taken; choose another");
    }
    return tl::unexpected(user.error());
  }
  TRY(c.services.accounts->grant(user->id, c.param("org"), role, change(c)));
  Response r = json_response(member_json(*user, role).dump(), 201);
  r.set_header("Location", "/api/v1/orgs/" + std::string(c.param("org")) + "/users");
  return r;
}

// PUT .../users/{username}/role {"role"}: change a member's role (409 for
// oneself: another administrator does that). On the record trail with the
// old and new role.
Result<Response> set_role(Context& c) {
  auto m = TRY(member(c));
  auto body = TRY(parse_json(c.request.body, "body"));
  if (!body.is_object()) return invalid("body", "expected a JSON object: {\"role\": \"...\"}");
  JsonObjectReader reader(body, "body");
  auto role_text = reader.choice("role", store::kRoleNames, Presence::Required);
  TRY(reader.finish());
  if (m.user.username == c.principal->username) {
    return fail(ErrorCode::Conflict, "username", "you cannot change your own role; ask another administrator");
  }
  const Role role = TRY(store::parse_role(*role_text, "body: role"));
  TRY(c.services.accounts->grant(m.user.id, c.param("org"), role, change(c)));
  json out = member_json(m.user, role);
  json tokens = json::array();
  auto held = TRY(c.services.accounts->tokens(m.user.id));
  for (const auto& t : held) tokens.push_back(token_json(t, m.user.username));
  out["tokens"] = tokens;
  return json_response(out.dump());
}

Result<Response> list_tokens(Context& c) {
  json tokens = json::array();
  auto each_3 = TRY(c.services.accounts->members(c.param("org")));
  for (const auto& m : each_3) {
    auto held = TRY(c.services.accounts->tokens(m.user.id));
    for (const auto& t : held) tokens.push_back(token_json(t, m.user.username));
  }
  return json_response(json{{"tokens", tokens}}.dump());
}

// POST .../tokens {"username", "name"}: a new API token for a member, its
// secret in this answer only (as `vigil token create`); stored as its SHA-256.
Result<Response> create_token(Context& c) {
  auto body = TRY(parse_json(c.request.body, "body"));
  if (!body.is_object()) return invalid("body", "expected a JSON object: {\"username\": \"...\", \"name\": \"...\"}");
  JsonObjectReader reader(body, "body");
  auto username = reader.text("username", Presence::Required, 200);
  auto name = reader.text("name", Presence::Required, 100);
  TRY(reader.finish());
  if (is_blank(*name)) return invalid("body: name", "a name of 1 to 100 characters, e.g. ci");
  TRY(require_safe_text(*name, "body: name"));
  std::optional<store::Member> owner;
  auto each_5 = TRY(c.services.accounts->members(c.param("org")));
  for (auto& m : each_5) {
    if (m.user.username == *username) owner = m;
  }
  if (!owner) return fail(ErrorCode::NotFound, "body: username", "no such user in this organisation");
  TRY(require_admin_of_every_organisation(c, owner->user, "a token of the user"));
  const std::string secret = random_token();
  auto token = TRY(c.services.accounts->add_token(sha256_hex(secret), owner->user.id, trim(*name),
                                                  store::AccountChange{c.principal->username, c.now}));
  json out = token_json(token, owner->user.username);
  out["token"] = secret;
  return json_response(out.dump(), 201);
}

Result<Response> revoke_token(Context& c) {
  std::int64_t id = 0;
  const std::string_view text = c.param("id");
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc{} || end != text.data() + text.size()) return fail(ErrorCode::NotFound, "id", "no such token");
  auto token = c.services.accounts->token_by_id(id);
  if (!token) return fail(ErrorCode::NotFound, "id", "no such token");
  // Only a token of this organisation's users.
  std::string owner;
  auto each_4 = TRY(c.services.accounts->members(c.param("org")));
  for (const auto& m : each_4) {
    if (m.user.id == token->user_id) owner = m.user.username;
  }
  if (owner.empty()) return fail(ErrorCode::NotFound, "id", "no such token");
  // The token also opens the user's other organisations: not reachable from here
  // unless the caller administers each of them (as a token that does not exist).
  const std::size_t beyond = TRY(organisations_beyond_caller(c, token->user_id));
  if (beyond != 0) return fail(ErrorCode::NotFound, "id", "no such token");
  TRY(c.services.accounts->revoke_token(id, change(c)));
  auto revoked = TRY(c.services.accounts->token_by_id(id));
  return json_response(token_json(revoked, owner).dump());
}

}  // namespace

void add_account_routes(const RouteGroups& api) {
  // Users, roles and tokens are the administrators' alone.
  const RouteGroup users = api.members.allowing(kAdmins).under("/users");
  const RouteGroup user = users.under("/{username}");
  const RouteGroup tokens = api.members.allowing(kAdmins).under("/tokens");
  users
      .add("GET", "", "The organisation's users: role, when disabled, and their API tokens (never the secrets).",
           list_users)
      .answers("UserList");
  users.command("",
                "Add a user with a role in this organisation: {\"username\" (1 to 64 characters), \"password\" (at "
                "least 12), \"role\" (admin|manager|compliance|responder|auditor)}; 201 with the user as GET users "
                "lists them, 409 when the username is taken. The role is on the record trail, the password never is.",
                add_member, "UserNew", "User", {201});
  user.add("PUT", "/role",
           "Give a member another role: {\"role\"} (409 for oneself). On the record trail with the old and "
           "new role.",
           set_role)
      .takes("RoleChange")
      .answers("User");
  user.command(
      "/disable",
      "Disable a user: no sign-in, no token works, every session ends (409 when disabled already or "
      "oneself; 403 when the user also belongs to an organisation the caller does not administer). On the "
      "record trail.",
      [](Context& c) { return set_disabled(c, true); }, kNoBody, "UserDisabled");
  user.command(
      "/enable",
      "Enable a disabled user again (409 when not disabled; 403 when the user also belongs to an "
      "organisation the caller does not administer). On the record trail.",
      [](Context& c) { return set_disabled(c, false); }, kNoBody, "UserDisabled");
  user.add("DELETE", "/role", "End the user's role in this organisation (409 for oneself). On the record trail.",
           revoke_role)
      .answers("RoleEnded");
  user.command("/password",
               "Reset a user's password: {\"password\"} of at least 12 characters; every session of the user ends "
               "(403 when the user also belongs to an organisation the caller does not administer). On the record "
               "trail (the hash never is).",
               reset_password, "PasswordReset", "PasswordResetDone");
  tokens
      .add("GET", "", "The API tokens of the organisation's users, revoked ones included (never the secrets).",
           list_tokens)
      .answers("TokenList");
  tokens.command("",
                 "Create an API token for a user of the organisation: {\"username\", \"name\"}; 201 with the token's "
                 "id, name, username, created_at and the secret (token), shown in this answer only (as `vigil token "
                 "create`, not on the record trail); 403 when the user also belongs to an organisation the caller does "
                 "not administer, as the token opens that one too.",
                 create_token, "TokenRequest", "TokenCreated", {201});
  tokens
      .add("DELETE", "/{id}",
           "Revoke an API token of one of the organisation's users: it authenticates no more (409 when revoked "
           "already; 404 as for no such token when its user also belongs to an organisation the caller does not "
           "administer). On the record trail.",
           revoke_token)
      .answers("Token");
}

}  // namespace vigil::server
