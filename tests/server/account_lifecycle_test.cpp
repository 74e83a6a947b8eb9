// Account lifecycle over HTTP (administrators only): list users and tokens,
// revoke a token, disable and enable a user, end a role, reset a password;
// each takes effect at once and is on the organisation's record trail.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_client.h"
#include "test_server.h"

namespace vigil::test {
namespace {

using nlohmann::json;

Reply call(TestServer& server, const std::string& method, const std::string& path, const std::string& token,
           const std::string& body = "") {
  return fetch(server.port(), method, "/api/v1/orgs/acme" + path, body, {{"Authorization", token}});
}

json trail(TestServer& server, const std::string& token) {
  auto reply = call(server, "GET", "/audit/events", token);
  EXPECT_EQ(reply.status, 200) << reply.body;
  return json::parse(reply.body)["events"];
}

// The kinds on the trail, leaving out the fixture's own account set-up
// (actor "test": the roles it grants and the tokens it creates).
std::vector<std::string> trail_kinds(TestServer& server, const std::string& token) {
  std::vector<std::string> kinds;
  const json events = trail(server, token);
  for (const auto& e : events) {
    if (e["actor"] != "test") kinds.push_back(e["kind"]);
  }
  return kinds;
}

TEST(AccountLifecycle, GrantingARoleAndCreatingATokenAreOnTheTrail) {
  TestServer server;
  const std::string admin = server.bearer("acme-admin");
  std::vector<std::string> granted, created;
  const json events = trail(server, admin);
  for (const auto& e : events) {
    if (e["kind"] == "membership.granted") {
      EXPECT_TRUE(e["old"]["role"].is_null()) << e.dump();
      granted.push_back(e["subject"].get<std::string>() + "=" + e["new"]["role"].get<std::string>());
    }
    if (e["kind"] == "token.created") {
      created.push_back(e["new"]["user"]);
      // user, name, revoked and a digest of the stored hash: never the token or its hash
      EXPECT_EQ(e["new"].size(), 4u) << e.dump();
      EXPECT_EQ(e["new"]["digest"].get<std::string>().size(), 64u) << e.dump();
    }
  }
  EXPECT_EQ(granted, (std::vector<std::string>{"user:acme-admin=admin", "user:acme-manager=manager",
                                               "user:acme-compliance=compliance", "user:acme-responder=responder",
                                               "user:acme-auditor=auditor"}));
  EXPECT_EQ(created, (std::vector<std::string>{"acme-admin"}));
  // Granting another role over an existing one records both.
  auto user = server.accounts().find_user("acme-auditor").value();
  ASSERT_TRUE(server.accounts().grant(user.id, "acme", store::Role::Manager, store::AccountChange{"ops", test_now()}));
  const json after = trail(server, admin);
  EXPECT_EQ(after.back()["kind"], "membership.granted");
  EXPECT_EQ(after.back()["actor"], "ops");
  EXPECT_EQ(after.back()["old"]["role"], "auditor");
  EXPECT_EQ(after.back()["new"]["role"], "manager");
  // Nothing of it went to the other organisation's trail.
  auto reply = fetch(server.port(), "GET", "/api/v1/orgs/globex/audit/events", "",
                     {{"Authorization", server.bearer("globex-admin")}});
  ASSERT_EQ(reply.status, 200) << reply.body;
  const json other = json::parse(reply.body)["events"];
  for (const auto& e : other) EXPECT_NE(e["subject"], "user:acme-auditor") << e.dump();
}

TEST(AccountLifecycle, ARevokedTokenAuthenticatesNoMore) {
  TestServer server;
  const std::string admin = server.bearer("acme-admin");
  const std::string responder = server.bearer("acme-responder");
  ASSERT_EQ(call(server, "GET", "/incidents", responder).status, 200);
  auto tokens = json::parse(call(server, "GET", "/tokens", admin).body)["tokens"];
  ASSERT_EQ(tokens.size(), 2u);  // the admin's and the responder's; never a secret
  EXPECT_EQ(tokens[0].dump().find("hash"), std::string::npos);
  std::int64_t id = 0;
  for (const auto& t : tokens) {
    if (t["username"] == "acme-responder") id = t["id"];
  }
  ASSERT_NE(id, 0);
  auto revoked = call(server, "DELETE", "/tokens/" + std::to_string(id), admin);
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_FALSE(json::parse(revoked.body)["revoked_at"].is_null());
  EXPECT_EQ(call(server, "GET", "/incidents", responder).status, 401);
  EXPECT_EQ(call(server, "DELETE", "/tokens/" + std::to_string(id), admin).status, 409);  // already
  EXPECT_EQ(call(server, "DELETE", "/tokens/99999", admin).status, 404);

  EXPECT_EQ(trail_kinds(server, admin), (std::vector<std::string>{"trail.started", "token.revoked"}));
}

TEST(AccountLifecycle, OnlyAdministratorsManageAccountsAndOnlyTheirOwnOrganisation) {
  TestServer server;
  const std::string manager = server.bearer("acme-manager");
  EXPECT_EQ(call(server, "GET", "/users", manager).status, 403);
  EXPECT_EQ(call(server, "POST", "/users/acme-auditor/disable", manager).status, 403);
  const std::string other_admin = server.bearer("globex-admin");
  EXPECT_EQ(call(server, "GET", "/users", other_admin).status, 404);  // not its organisation
  // A globex token cannot be revoked through acme.
  const std::string admin = server.bearer("acme-admin");
  auto globex_tokens = fetch(server.port(), "GET", "/api/v1/orgs/globex/tokens", "", {{"Authorization", other_admin}});
  ASSERT_EQ(globex_tokens.status, 200);
  const std::int64_t globex_id = json::parse(globex_tokens.body)["tokens"][0]["id"];
  EXPECT_EQ(call(server, "DELETE", "/tokens/" + std::to_string(globex_id), admin).status, 404);
  EXPECT_EQ(call(server, "POST", "/users/globex-admin/disable", admin).status, 404);
}

TEST(AccountLifecycle, ADisabledUserCannotSignInNorUseATokenUntilEnabled) {
  TestServer server;
  const std::string admin = server.bearer("acme-admin");
  const std::string auditor = server.bearer("acme-auditor");
  auto session = server.sign_in("acme-auditor");
  auto users = json::parse(call(server, "GET", "/users", admin).body)["users"];
  ASSERT_EQ(users.size(), 5u);
  EXPECT_EQ(users[0]["username"], "acme-admin");
  EXPECT_TRUE(users[0]["disabled_at"].is_null());

  ASSERT_EQ(call(server, "POST", "/users/acme-auditor/disable", admin).status, 200);
  EXPECT_EQ(call(server, "GET", "/incidents", auditor).status, 401);
  EXPECT_EQ(fetch(server.port(), "GET", "/api/v1/orgs/acme/incidents", "", {{"Cookie", session.cookie}}).status, 401);
  auto refused = fetch(server.port(), "POST", "/api/v1/session",
                       json{{"username", "acme-auditor"}, {"password", kPassword}}.dump());
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(call(server, "POST", "/users/acme-auditor/disable", admin).status, 409);  // already
  EXPECT_EQ(call(server, "POST", "/users/acme-admin/disable", admin).status, 409);    // oneself

  ASSERT_EQ(call(server, "POST", "/users/acme-auditor/enable", admin).status, 200);
  EXPECT_EQ(call(server, "GET", "/incidents", auditor).status, 200);
  EXPECT_EQ(call(server, "POST", "/users/acme-auditor/enable", admin).status, 409);
  EXPECT_EQ(trail_kinds(server, admin), (std::vector<std::string>{"trail.started", "user.disabled", "user.enabled"}));
}

TEST(AccountLifecycle, ARevokedRoleEndsAccessAndAResetPasswordEndsSessions) {
  TestServer server;
  const std::string admin = server.bearer("acme-admin");
  const std::string responder = server.bearer("acme-responder");
  ASSERT_EQ(call(server, "DELETE", "/users/acme-responder/role", admin).status, 200);
  EXPECT_EQ(call(server, "GET", "/incidents", responder).status, 404);  // no longer a member
  EXPECT_EQ(call(server, "DELETE", "/users/acme-responder/role", admin).status, 404);
  EXPECT_EQ(call(server, "DELETE", "/users/acme-admin/role", admin).status, 409);

  auto session = server.sign_in("acme-compliance");
  EXPECT_EQ(call(server, "POST", "/users/acme-compliance/password", admin, R"({"password":"short"})").status, 400);
  ASSERT_EQ(
      call(server, "POST", "/users/acme-compliance/password", admin, R"({"password":"a new long passphrase"})").status,
      200);
  EXPECT_EQ(fetch(server.port(), "GET", "/api/v1/orgs/acme/incidents", "", {{"Cookie", session.cookie}}).status, 401);
  EXPECT_EQ(fetch(server.port(), "POST", "/api/v1/session",
                  json{{"username", "acme-compliance"}, {"password", kPassword}}.dump())
                .status,
            401);
  EXPECT_EQ(fetch(server.port(), "POST", "/api/v1/session",
                  json{{"username", "acme-compliance"}, {"password", "a new long passphrase"}}.dump())
                .status,
            201);
  json events = json::array();
  const json all = trail(server, admin);
  for (const auto& e : all) {
    if (e["actor"] != "test") events.push_back(e);  // leave out the fixture's set-up
  }
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0]["kind"], "trail.started");
  EXPECT_EQ(events[1]["kind"], "membership.revoked");
  EXPECT_EQ(events[1]["old"]["role"], "responder");
  EXPECT_EQ(events[2]["kind"], "user.password_reset");
  EXPECT_EQ(events[2]["actor"], "acme-admin");
  EXPECT_EQ(events[2].dump().find("argon2"), std::string::npos);  // the hash never is on the trail
  EXPECT_TRUE(json::parse(call(server, "GET", "/audit/verify", admin).body)["intact"].get<bool>());
}

TEST(AccountLifecycle, ACreatedTokenIsShownOnceAndAuthenticatesAsItsUser) {
  TestServer server;
  const std::string admin = server.bearer("acme-admin");
  auto created = call(server, "POST", "/tokens", admin, R"({"username": "acme-auditor", "name": "siem export"})");
  ASSERT_EQ(created.status, 201) << created.body;
  const json token = json::parse(created.body);
  EXPECT_EQ(token["username"], "acme-auditor");
  EXPECT_EQ(token["name"], "siem export");
  const std::string secret = token["token"];
  ASSERT_GE(secret.size(), 40u);
  // It works as the auditor (reads, may not write) and is listed without its secret.
  EXPECT_EQ(call(server, "GET", "/incidents", "Bearer " + secret).status, 200);
  EXPECT_EQ(call(server, "GET", "/tokens", "Bearer " + secret).status, 403);
  auto listed = call(server, "GET", "/tokens", admin);
  EXPECT_NE(listed.body.find("siem export"), std::string::npos);
  EXPECT_EQ(listed.body.find(secret), std::string::npos);
  // Revoked, it authenticates no more.
  EXPECT_EQ(call(server, "DELETE", "/tokens/" + std::to_string(token["id"].get<std::int64_t>()), admin).status, 200);
  EXPECT_EQ(call(server, "GET", "/incidents", "Bearer " + secret).status, 401);
}

TEST(AccountLifecycle, ATokenNeedsAMemberAndAName) {
  TestServer server;
  const std::string admin = server.bearer("acme-admin");
  auto stranger = call(server, "POST", "/tokens", admin, R"({"username": "nobody", "name": "ci"})");
  EXPECT_EQ(stranger.status, 404) << stranger.body;
  auto blank = call(server, "POST", "/tokens", admin, R"({"username": "acme-auditor", "name": "  "})");
  EXPECT_EQ(blank.status, 400) << blank.body;
  EXPECT_NE(blank.body.find("body: name"), std::string::npos) << blank.body;
  auto missing = call(server, "POST", "/tokens", admin, R"({"username": "acme-auditor"})");
  EXPECT_EQ(missing.status, 400) << missing.body;
  auto extra = call(server, "POST", "/tokens", admin, R"({"username": "acme-auditor", "name": "ci", "role": "admin"})");
  EXPECT_EQ(extra.status, 400) << extra.body;
  const std::string responder = server.bearer("acme-responder");
  EXPECT_EQ(call(server, "POST", "/tokens", responder, R"({"username": "acme-responder", "name": "ci"})").status, 403);
}

}  // namespace
}  // namespace vigil::test

namespace vigil::test {
namespace {

TEST(AccountLifecycle, AnAdministratorAddsAUserWhoSignsInWithTheRole) {
  TestServer server;
  const std::string admin = server.bearer("acme-admin");
  auto added = call(server, "POST", "/users", admin,
                    R"({"username":"dora","password":"a long enough secret","role":"compliance"})");
  ASSERT_EQ(added.status, 201) << added.body;
  const json user = json::parse(added.body);
  EXPECT_EQ(user["username"], "dora");
  EXPECT_EQ(user["role"], "compliance");
  EXPECT_TRUE(user["disabled_at"].is_null());
  EXPECT_EQ(added.body.find("secret"), std::string::npos);
  // The new user signs in and is a compliance officer of acme.
  auto session =
      fetch(server.port(), "POST", "/api/v1/session", R"({"username":"dora","password":"a long enough secret"})");
  ASSERT_EQ(session.status, 201) << session.body;
  EXPECT_EQ(json::parse(session.body)["organisations"], json::parse(R"([{"org":"acme","role":"compliance"}])"));
  // On the trail: the role granted by the administrator, never the password.
  const json events = trail(server, admin);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back()["kind"], "membership.granted");
  EXPECT_EQ(events.back()["actor"], "acme-admin");
  EXPECT_EQ(events.back()["subject"], "user:dora");
  EXPECT_EQ(events.back()["new"]["role"], "compliance");
  EXPECT_EQ(events.back().dump().find("a long enough secret"), std::string::npos);
}

TEST(AccountLifecycle, AddingAUserRefusesATakenNameAShortPasswordAndAnUnknownRole) {
  TestServer server;
  const std::string admin = server.bearer("acme-admin");
  // Taken, even by a user of another organisation.
  auto taken = call(server, "POST", "/users", admin,
                    R"({"username":"globex-admin","password":"a long enough secret","role":"auditor"})");
  EXPECT_EQ(taken.status, 409) << taken.body;
  auto bad = call(server, "POST", "/users", admin, R"({"username":"eve","password":"short","role":"owner"})");
  ASSERT_EQ(bad.status, 400) << bad.body;
  EXPECT_NE(bad.body.find("body: password"), std::string::npos) << bad.body;
  EXPECT_NE(bad.body.find("body: role"), std::string::npos) << bad.body;
  EXPECT_FALSE(server.accounts().find_user("eve"));
  // Only an administrator.
  auto refused = call(server, "POST", "/users", server.bearer("acme-manager"),
                      R"({"username":"eve","password":"a long enough secret","role":"admin"})");
  EXPECT_EQ(refused.status, 403) << refused.body;
}

TEST(AccountLifecycle, AnAdministratorChangesAMembersRoleOnTheTrailButNotTheirOwn) {
  TestServer server;
  const std::string admin = server.bearer("acme-admin");
  auto changed = call(server, "PUT", "/users/acme-auditor/role", admin, R"({"role":"responder"})");
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(json::parse(changed.body)["role"], "responder");
  const json events = trail(server, admin);
  EXPECT_EQ(events.back()["kind"], "membership.granted");
  EXPECT_EQ(events.back()["old"]["role"], "auditor");
  EXPECT_EQ(events.back()["new"]["role"], "responder");
  // The new role is in force.
  auto incidents = call(server, "POST", "/incidents", server.bearer("acme-auditor"),
                        R"({"title":"t","awareness_time":"2026-03-01T10:00:00Z","timezone":"UTC",)"
                        R"("entity_type":"digital_infrastructure.cloud_computing_service_provider"})");
  EXPECT_EQ(incidents.status, 201) << incidents.body;
  EXPECT_EQ(call(server, "PUT", "/users/acme-admin/role", admin, R"({"role":"auditor"})").status, 409);
  EXPECT_EQ(call(server, "PUT", "/users/globex-admin/role", admin, R"({"role":"auditor"})").status, 404);
  EXPECT_EQ(call(server, "PUT", "/users/acme-manager/role", admin, R"({"role":"owner"})").status, 400);
}

// A user, their password and their tokens are one account across every
// organisation they belong to. globex's administrator also holds a role in
// acme: acme's administrator may not take over or lock out the account.
TEST(AccountLifecycle, AnAdministratorOfOneOrganisationCannotTakeOverAUserOfAnother) {
  TestServer server;
  auto bob = server.accounts().find_user("globex-admin").value();
  ASSERT_TRUE(server.accounts().grant(bob.id, "acme", store::Role::Auditor, store::AccountChange{"test", test_now()}));
  const std::string admin = server.bearer("acme-admin");
  const std::string bob_token = server.bearer("globex-admin");

  auto reset = call(server, "POST", "/users/globex-admin/password", admin, R"({"password":"Hijacked-Pass-1!"})");
  EXPECT_EQ(reset.status, 403) << reset.body;
  EXPECT_NE(reset.body.find("1 other organisation you do not administer"), std::string::npos) << reset.body;
  EXPECT_EQ(reset.body.find("globex\""), std::string::npos) << reset.body;  // another tenant is never named
  EXPECT_EQ(reset.body.find("Globex"), std::string::npos) << reset.body;
  EXPECT_EQ(call(server, "POST", "/users/globex-admin/disable", admin).status, 403);
  EXPECT_EQ(call(server, "POST", "/users/globex-admin/enable", admin).status, 403);
  // A new token of the user would open globex too.
  auto token = call(server, "POST", "/tokens", admin, R"({"username": "globex-admin", "name": "ci"})");
  EXPECT_EQ(token.status, 403) << token.body;
  // The user's tokens are listed (they open acme) but cannot be revoked from here: as no such token.
  std::int64_t id = 0;
  const std::string listed = call(server, "GET", "/tokens", admin).body;
  const json tokens = json::parse(listed);  // kept alive: the loop reads into it
  for (const auto& t : tokens["tokens"]) {
    if (t["username"] == "globex-admin") id = t["id"];
  }
  ASSERT_NE(id, 0) << listed;
  auto revoke = call(server, "DELETE", "/tokens/" + std::to_string(id), admin);
  EXPECT_EQ(revoke.status, 404) << revoke.body;
  auto absent = call(server, "DELETE", "/tokens/99999", admin);
  EXPECT_EQ(absent.status, 404);
  EXPECT_EQ(json::parse(revoke.body)["detail"], json::parse(absent.body)["detail"]) << revoke.body;

  // The victim still signs in with the old password and is still globex's administrator.
  auto session = fetch(server.port(), "POST", "/api/v1/session",
                       json{{"username", "globex-admin"}, {"password", kPassword}}.dump());
  ASSERT_EQ(session.status, 201) << session.body;
  EXPECT_NE(session.body.find(R"("org":"globex","role":"admin")"), std::string::npos) << session.body;
  EXPECT_EQ(fetch(server.port(), "GET", "/api/v1/orgs/globex/users", "", {{"Authorization", bob_token}}).status, 200);
  // Nothing of it is on acme's trail.
  EXPECT_EQ(trail_kinds(server, admin), (std::vector<std::string>{"trail.started"}));

  // What acme's administrator may do: end the user's role in acme.
  EXPECT_EQ(call(server, "DELETE", "/users/globex-admin/role", admin).status, 200);
  EXPECT_EQ(call(server, "GET", "/incidents", bob_token).status, 404);
  EXPECT_EQ(fetch(server.port(), "GET", "/api/v1/orgs/globex/users", "", {{"Authorization", bob_token}}).status, 200);
}

TEST(AccountLifecycle, AnAdministratorOfEveryOrganisationOfTheUserMayActOnTheAccount) {
  TestServer server;
  auto bob = server.accounts().find_user("globex-admin").value();
  auto alice = server.accounts().find_user("acme-admin").value();
  ASSERT_TRUE(server.accounts().grant(bob.id, "acme", store::Role::Auditor, store::AccountChange{"test", test_now()}));
  ASSERT_TRUE(
      server.accounts().grant(alice.id, "globex", store::Role::Admin, store::AccountChange{"test", test_now()}));
  const std::string admin = server.bearer("acme-admin");
  const std::string bob_token = server.bearer("globex-admin");
  std::int64_t id = 0;
  const json tokens = json::parse(call(server, "GET", "/tokens", admin).body);  // kept alive: the loop reads into it
  for (const auto& t : tokens["tokens"]) {
    if (t["username"] == "globex-admin") id = t["id"];
  }
  EXPECT_EQ(call(server, "POST", "/tokens", admin, R"({"username": "globex-admin", "name": "ci"})").status, 201);
  ASSERT_EQ(call(server, "DELETE", "/tokens/" + std::to_string(id), admin).status, 200);
  EXPECT_EQ(fetch(server.port(), "GET", "/api/v1/orgs/globex/users", "", {{"Authorization", bob_token}}).status, 401);
  EXPECT_EQ(call(server, "POST", "/users/globex-admin/disable", admin).status, 200);
  EXPECT_EQ(call(server, "POST", "/users/globex-admin/enable", admin).status, 200);
  ASSERT_EQ(
      call(server, "POST", "/users/globex-admin/password", admin, R"({"password":"a new long passphrase"})").status,
      200);
  EXPECT_EQ(fetch(server.port(), "POST", "/api/v1/session",
                  json{{"username", "globex-admin"}, {"password", "a new long passphrase"}}.dump())
                .status,
            201);
}

}  // namespace
}  // namespace vigil::test
