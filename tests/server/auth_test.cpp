// Signing in, cookies and CSRF, API tokens, rate-limited sign-in, and an
// internal error that stays internal.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "server/app.h"
#include "server/test_server.h"

namespace vigil::test {
namespace {

using nlohmann::json;

using vigil::test::credentials;

// POST /api/v1/session: sign in as `user` with `password`.
Reply sign_in_as(TestServer& server, const std::string& user, const std::string& password) {
  return fetch(server.port(), "POST", "/api/v1/session", credentials(user, password));
}

TEST(Auth, SignInSetsAStrictHttpOnlyCookieAndReturnsTheCsrfToken) {
  TestServer server;
  auto reply = sign_in_as(server, "acme-responder", kPassword);
  ASSERT_EQ(reply.status, 201) << reply.body;
  auto cookie = reply.header("Set-Cookie").value_or("");
  EXPECT_EQ(cookie.rfind("vigil_session=", 0), 0u) << cookie;
  EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("; SameSite=Strict"), std::string::npos);
  EXPECT_NE(cookie.find("; Path=/"), std::string::npos);
  auto body = json::parse(reply.body);
  EXPECT_EQ(body["csrf_token"].get<std::string>().size(), 43u);
  EXPECT_EQ(body["organisations"], json::parse(R"([{"org":"acme","role":"responder"}])"));
  // The password is stored as Argon2id, never in clear.
  EXPECT_EQ(server.accounts().find_user("acme-responder")->password_hash.rfind("$argon2id$", 0), 0u);
}

TEST(Auth, SecureCookiesAddsSecureToSignInAndSignOut) {
  auto plain = TestServer().server().services().config;  // default: no Secure (plain HTTP on localhost)
  EXPECT_FALSE(plain.secure_cookies);
  server::ServerConfig config;
  config.secure_cookies = true;
  TestServer server(config);
  auto reply = sign_in_as(server, "acme-responder", kPassword);
  ASSERT_EQ(reply.status, 201) << reply.body;
  auto cookie = reply.header("Set-Cookie").value_or("");
  EXPECT_NE(cookie.find("; Secure"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos) << cookie;
  auto id = cookie.substr(0, cookie.find(';'));
  auto csrf = json::parse(reply.body)["csrf_token"].get<std::string>();
  auto out = fetch(server.port(), "DELETE", "/api/v1/session", {}, {{"Cookie", id}, {"X-CSRF-Token", csrf}});
  EXPECT_EQ(out.status, 204);
  EXPECT_NE(out.header("Set-Cookie").value_or("").find("; Secure"), std::string::npos);
}

TEST(Auth, CookieSessionReadsWithoutCsrfButNeedsItToChangeState) {
  TestServer server;
  auto login = server.sign_in("acme-admin");
  EXPECT_EQ(fetch(server.port(), "GET", "/api/v1/session", {}, {{"Cookie", login.cookie}}).status, 200);
  EXPECT_EQ(fetch(server.port(), "DELETE", "/api/v1/session", {}, {{"Cookie", login.cookie}}).status, 403);
  EXPECT_EQ(fetch(server.port(), "DELETE", "/api/v1/session", {},
                  {{"Cookie", login.cookie}, {"X-CSRF-Token", login.csrf + "x"}})
                .status,
            403);
  auto out =
      fetch(server.port(), "DELETE", "/api/v1/session", {}, {{"Cookie", login.cookie}, {"X-CSRF-Token", login.csrf}});
  EXPECT_EQ(out.status, 204);
  EXPECT_NE(out.header("Set-Cookie").value_or("").find("Max-Age=0"), std::string::npos);
  // The session is gone on the server, not only in the browser.
  EXPECT_EQ(fetch(server.port(), "GET", "/api/v1/session", {}, {{"Cookie", login.cookie}}).status, 401);
}

TEST(Auth, SessionExpires) {
  server::ServerConfig config;
  config.session_hours = 1;
  TestServer server(config);
  auto login = server.sign_in("acme-admin");
  server.set_now(test_now() + std::chrono::minutes(59));
  EXPECT_EQ(fetch(server.port(), "GET", "/api/v1/session", {}, {{"Cookie", login.cookie}}).status, 200);
  server.set_now(test_now() + std::chrono::minutes(60));
  EXPECT_EQ(fetch(server.port(), "GET", "/api/v1/session", {}, {{"Cookie", login.cookie}}).status, 401);
}

TEST(Auth, WrongPasswordAndUnknownUserLookAlike) {
  TestServer server;
  auto wrong = sign_in_as(server, "acme-admin", "nope");
  auto unknown = sign_in_as(server, "nobody", "nope");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(json::parse(wrong.body)["detail"], json::parse(unknown.body)["detail"]);
}

TEST(Auth, ApiTokenIsABearerCredentialAndNeedsNoCsrf) {
  TestServer server;
  auto bearer = server.bearer("acme-auditor");
  auto me = fetch(server.port(), "GET", "/api/v1/session", {}, {{"Authorization", bearer}});
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(json::parse(me.body)["username"], "acme-auditor");
  EXPECT_FALSE(json::parse(me.body).contains("csrf_token"));
  EXPECT_EQ(fetch(server.port(), "GET", "/api/v1/session", {}, {{"Authorization", bearer + "x"}}).status, 401);
  EXPECT_EQ(fetch(server.port(), "GET", "/api/v1/session", {}, {{"Authorization", "Basic abc"}}).status, 401);
  EXPECT_EQ(fetch(server.port(), "DELETE", "/api/v1/session", {}, {{"Authorization", bearer}}).status, 204);
}

TEST(Auth, FailedSignInsAreLimitedPerUser) {
  TestServer server({}, {.failures_per_user = 3, .failures_per_address = 100});
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(sign_in_as(server, "acme-admin", "guess").status, 401);
  }
  // Locked: even the right password is refused until the window passes.
  auto locked = sign_in_as(server, "acme-admin", kPassword);
  EXPECT_EQ(locked.status, 429);
  EXPECT_EQ(locked.header("Retry-After"), "900");
  // Another user is not affected.
  EXPECT_EQ(sign_in_as(server, "acme-manager", kPassword).status, 201);
  server.set_now(test_now() + std::chrono::minutes(15));
  EXPECT_EQ(sign_in_as(server, "acme-admin", kPassword).status, 201);
}

TEST(Auth, FailedSignInsAreLimitedPerAddress) {
  TestServer server({}, {.failures_per_user = 100, .failures_per_address = 4});
  for (int i = 0; i < 4; ++i) {
    auto user = "sprayed-" + std::to_string(i);
    EXPECT_EQ(sign_in_as(server, user, "guess").status, 401);
  }
  EXPECT_EQ(sign_in_as(server, "acme-admin", kPassword).status, 429);
}

// A store that fails as a broken disk would.
class BrokenStore final : public store::AccountStore {
  static tl::unexpected<Error> broken() { return fail(ErrorCode::Io, "/var/lib/vigil/secret.db", "disk I/O error"); }

 public:
  Result<store::Organisation> add_organisation(std::string_view, std::string_view,
                                               const store::AccountChange&) override {
    return broken();
  }
  Result<store::Organisation> find_organisation(std::string_view) override { return broken(); }
  Result<std::vector<store::Organisation>> organisations() override { return broken(); }
  Result<store::User> add_user(std::string_view, std::string_view, Instant) override { return broken(); }
  Result<store::User> find_user(std::string_view) override { return broken(); }
  Result<store::User> user_by_id(std::int64_t) override { return broken(); }
  Result<void> set_password_hash(std::int64_t, std::string_view) override { return broken(); }
  Result<void> grant(std::int64_t, std::string_view, store::Role, const store::AccountChange&) override {
    return broken();
  }
  Result<std::vector<store::Membership>> memberships(std::int64_t) override { return broken(); }
  Result<void> add_session(const store::Session&) override { return broken(); }
  Result<store::Session> find_session(std::string_view, Instant) override { return broken(); }
  Result<void> delete_session(std::string_view) override { return broken(); }
  Result<store::ApiToken> add_token(std::string_view, std::int64_t, std::string_view,
                                    const store::AccountChange&) override {
    return broken();
  }
  Result<store::ApiToken> find_token(std::string_view) override { return broken(); }
  Result<std::vector<store::Member>> members(std::string_view) override { return broken(); }
  Result<void> set_disabled(std::int64_t, bool, const store::AccountChange&) override { return broken(); }
  Result<void> revoke_membership(std::int64_t, std::string_view, const store::AccountChange&) override {
    return broken();
  }
  Result<void> reset_password(std::int64_t, std::string_view, const store::AccountChange&) override { return broken(); }
  Result<std::vector<store::ApiToken>> tokens(std::int64_t) override { return broken(); }
  Result<store::ApiToken> token_by_id(std::int64_t) override { return broken(); }
  Result<void> revoke_token(std::int64_t, const store::AccountChange&) override { return broken(); }
  Result<void> ping() override { return broken(); }
};

TEST(Auth, InternalErrorShowsNoDetailAndLogsItWithTheRequestId) {
  server::Services services;
  services.accounts = std::make_unique<BrokenStore>();
  services.clock = test_now;
  services.hash_cost = server::HashCost::Interactive;
  std::ostringstream log;
  auto logger = stream_logger(log);
  server::App app(services, logger);

  server::Request request;
  request.method = "POST";
  request.path = request.target = "/api/v1/session";
  request.body = credentials("acme-admin", kPassword);
  auto response = app.handle(request);
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(response.body.find("secret.db"), std::string::npos) << response.body;
  EXPECT_EQ(response.body.find("disk"), std::string::npos) << response.body;
  auto id = std::string(response.header("X-Request-Id").value());
  EXPECT_EQ(json::parse(response.body)["request_id"], id);
  EXPECT_NE(log.str().find(id), std::string::npos);
  EXPECT_NE(log.str().find("disk I/O error"), std::string::npos) << log.str();

  request.method = "GET";
  request.path = request.target = "/readyz";
  EXPECT_EQ(app.handle(request).status, 503);
}

}  // namespace
}  // namespace vigil::test
