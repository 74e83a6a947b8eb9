// Who may call what, for EVERY route of the table: without credentials 401,
// a member of another organisation 404 (the record does not exist for them),
// a role the route does not allow 403, an allowed role gets through. A route
// added to the server without a row here fails the first test.
#include <map>

#include <gtest/gtest.h>

#include "server/test_server.h"

namespace vigil::test {
namespace {

using server::Access;
using store::Role;

constexpr server::Roles bits(std::initializer_list<Role> roles) {
  server::Roles out = 0;
  for (Role r : roles) out |= server::role_bit(r);
  return out;
}

struct Expected {
  Access access;
  server::Roles roles = server::kNoRole;
};

// The authorisation policy, written out independently of the route table.
const std::map<std::string, Expected> kPolicy = {
    {"GET /healthz", {Access::Public}},
    {"GET /readyz", {Access::Public}},
    {"GET /metrics", {Access::Public}},
    {"GET /api/v1/openapi.json", {Access::Public}},
    {"POST /api/v1/session", {Access::Public}},
    {"GET /api/v1/session", {Access::SignedIn}},
    {"DELETE /api/v1/session", {Access::SignedIn}},
    {"GET /api/v1/orgs", {Access::SignedIn}},
    {"POST /api/v1/scope", {Access::SignedIn}},
    {"POST /api/v1/scope/interview", {Access::SignedIn}},
    {"POST /api/v1/significance", {Access::SignedIn}},
    {"POST /api/v1/deadlines", {Access::SignedIn}},
    {"GET /api/v1/catalog", {Access::SignedIn}},
    {"GET /api/v1/catalog/{id}", {Access::SignedIn}},
    {"GET /api/v1/catalog/{id}/mapping", {Access::SignedIn}},
    {"GET /api/v1/coverage", {Access::SignedIn}},
    {"GET /api/v1/catalog-search", {Access::SignedIn}},
    {"GET /api/v1/standard/{id}", {Access::SignedIn}},
    {"GET /api/v1/exercise/scenarios", {Access::SignedIn}},
    {"GET /api/v1/exercise/scenarios/{id}", {Access::SignedIn}},
    {"POST /api/v1/exercise/score", {Access::SignedIn}},
    {"GET /api/v1/orgs/{org}", {Access::Member, server::kAnyRole}},
    {"GET /api/v1/orgs/{org}/incidents", {Access::Member, server::kAnyRole}},
    {"POST /api/v1/orgs/{org}/incidents", {Access::Member, bits({Role::Admin, Role::Responder})}},
    {"GET /api/v1/orgs/{org}/incidents/{id}", {Access::Member, server::kAnyRole}},
    {"POST /api/v1/orgs/{org}/incidents/{id}/assessments", {Access::Member, bits({Role::Admin, Role::Responder})}},
    {"POST /api/v1/orgs/{org}/incidents/{id}/decisions", {Access::Member, bits({Role::Admin, Role::Responder})}},
    {"POST /api/v1/orgs/{org}/incidents/{id}/evidence", {Access::Member, bits({Role::Admin, Role::Responder})}},
    {"GET /api/v1/orgs/{org}/incidents/{id}/evidence/{sha256}", {Access::Member, server::kAnyRole}},
    {"POST /api/v1/orgs/{org}/incidents/{id}/submissions", {Access::Member, bits({Role::Admin, Role::Responder})}},
    {"POST /api/v1/orgs/{org}/incidents/{id}/withdrawals", {Access::Member, bits({Role::Admin, Role::Responder})}},
    {"POST /api/v1/orgs/{org}/incidents/{id}/facts", {Access::Member, bits({Role::Admin, Role::Responder})}},
    {"POST /api/v1/orgs/{org}/incidents/{id}/close", {Access::Member, bits({Role::Admin, Role::Responder})}},
    {"POST /api/v1/orgs/{org}/incidents/{id}/breach", {Access::Member, bits({Role::Admin, Role::Responder})}},
    {"GET /api/v1/orgs/{org}/incidents/{id}/export", {Access::Member, server::kAnyRole}},
    {"GET /api/v1/orgs/{org}/incidents/{id}/performance", {Access::Member, server::kAnyRole}},
    {"GET /api/v1/orgs/{org}/incidents/{id}/report/{kind}", {Access::Member, server::kAnyRole}},
    {"GET /api/v1/orgs/{org}/audit/verify", {Access::Member, server::kAnyRole}},
    // Live exercises: the facilitator (manager, admin) starts and steers; the
    // players (responders, admin) open the exercise's incident and record
    // involvements; observers (manager, compliance, admin) note and rate;
    // everyone reads, the auditor too.
    {"GET /api/v1/orgs/{org}/exercises", {Access::Member, server::kAnyRole}},
    {"POST /api/v1/orgs/{org}/exercises", {Access::Member, bits({Role::Admin, Role::Manager})}},
    {"GET /api/v1/orgs/{org}/exercises/{id}", {Access::Member, server::kAnyRole}},
    {"POST /api/v1/orgs/{org}/exercises/{id}/pause", {Access::Member, bits({Role::Admin, Role::Manager})}},
    {"POST /api/v1/orgs/{org}/exercises/{id}/resume", {Access::Member, bits({Role::Admin, Role::Manager})}},
    {"POST /api/v1/orgs/{org}/exercises/{id}/jump", {Access::Member, bits({Role::Admin, Role::Manager})}},
    {"GET /api/v1/orgs/{org}/exercises/{id}/feed", {Access::Member, server::kAnyRole}},
    {"POST /api/v1/orgs/{org}/exercises/{id}/injects", {Access::Member, bits({Role::Admin, Role::Manager})}},
    {"POST /api/v1/orgs/{org}/exercises/{id}/players", {Access::Member, bits({Role::Admin, Role::Manager})}},
    {"POST /api/v1/orgs/{org}/exercises/{id}/incident", {Access::Member, bits({Role::Admin, Role::Responder})}},
    {"POST /api/v1/orgs/{org}/exercises/{id}/involvements", {Access::Member, bits({Role::Admin, Role::Responder})}},
    {"POST /api/v1/orgs/{org}/exercises/{id}/notes",
     {Access::Member, bits({Role::Admin, Role::Manager, Role::Compliance})}},
    {"POST /api/v1/orgs/{org}/exercises/{id}/ratings",
     {Access::Member, bits({Role::Admin, Role::Manager, Role::Compliance})}},
    {"POST /api/v1/orgs/{org}/exercises/{id}/end", {Access::Member, bits({Role::Admin, Role::Manager})}},
    {"GET /api/v1/orgs/{org}/exercises/{id}/report", {Access::Member, server::kAnyRole}},
    {"GET /api/v1/orgs/{org}/exercises/{id}/export", {Access::Member, server::kAnyRole}},
    {"GET /api/v1/orgs/{org}/dashboard", {Access::Member, server::kAnyRole}},
    // Compliance records: compliance officers and admins keep them; only the
    // management body (manager) approves, NIS2 Art. 20(1); everyone reads.
    {"POST /api/v1/orgs/{org}/gap-assessments", {Access::Member, bits({Role::Admin, Role::Compliance})}},
    {"GET /api/v1/orgs/{org}/gap-assessments", {Access::Member, server::kAnyRole}},
    {"GET /api/v1/orgs/{org}/gap-assessments/{id}", {Access::Member, server::kAnyRole}},
    {"GET /api/v1/orgs/{org}/gap-assessments/{id}/report.html", {Access::Member, server::kAnyRole}},
    {"GET /api/v1/orgs/{org}/documents", {Access::Member, server::kAnyRole}},
    {"GET /api/v1/orgs/{org}/documents/{name}", {Access::Member, server::kAnyRole}},
    {"PUT /api/v1/orgs/{org}/documents/{name}", {Access::Member, bits({Role::Admin, Role::Compliance})}},
    {"POST /api/v1/orgs/{org}/documents/{name}/content", {Access::Member, bits({Role::Admin, Role::Compliance})}},
    {"GET /api/v1/orgs/{org}/documents/{name}/content", {Access::Member, server::kAnyRole}},
    {"POST /api/v1/orgs/{org}/approvals", {Access::Member, bits({Role::Manager})}},
    {"GET /api/v1/orgs/{org}/approvals", {Access::Member, server::kAnyRole}},
    {"GET /api/v1/orgs/{org}/documents/{name}/history", {Access::Member, server::kAnyRole}},
    {"GET /api/v1/orgs/{org}/suppliers", {Access::Member, server::kAnyRole}},
    {"PUT /api/v1/orgs/{org}/suppliers", {Access::Member, bits({Role::Admin, Role::Compliance})}},
    {"GET /api/v1/orgs/{org}/suppliers/meta", {Access::Member, server::kAnyRole}},
    {"GET /api/v1/orgs/{org}/suppliers/analysis", {Access::Member, server::kAnyRole}},
    {"GET /api/v1/orgs/{org}/suppliers/impact", {Access::Member, server::kAnyRole}},
    {"GET /api/v1/orgs/{org}/suppliers/directory", {Access::Member, server::kAnyRole}},
    {"GET /api/v1/orgs/{org}/audit/events", {Access::Member, server::kAnyRole}},
    {"GET /api/v1/orgs/{org}/users", {Access::Member, bits({Role::Admin})}},
    {"POST /api/v1/orgs/{org}/users", {Access::Member, bits({Role::Admin})}},
    {"PUT /api/v1/orgs/{org}/users/{username}/role", {Access::Member, bits({Role::Admin})}},
    {"POST /api/v1/orgs/{org}/users/{username}/disable", {Access::Member, bits({Role::Admin})}},
    {"POST /api/v1/orgs/{org}/users/{username}/enable", {Access::Member, bits({Role::Admin})}},
    {"DELETE /api/v1/orgs/{org}/users/{username}/role", {Access::Member, bits({Role::Admin})}},
    {"POST /api/v1/orgs/{org}/users/{username}/password", {Access::Member, bits({Role::Admin})}},
    {"GET /api/v1/orgs/{org}/tokens", {Access::Member, bits({Role::Admin})}},
    {"POST /api/v1/orgs/{org}/tokens", {Access::Member, bits({Role::Admin})}},
    {"DELETE /api/v1/orgs/{org}/tokens/{id}", {Access::Member, bits({Role::Admin})}},
};

std::string key(const server::Route& route) { return route.method + " " + route.pattern; }

// The pattern with {org} replaced and other parameters given a plausible value.
std::string concrete(const std::string& pattern, const std::string& org) {
  std::string out;
  for (auto segment : server::path_segments(pattern)) {
    std::string s(segment);
    if (s == "{org}") {
      s = org;
    } else if (s.front() == '{') {
      s = "999999";  // exists nowhere: a route that acts (revoke token 1) must not disable the test's own caller
    }
    out += "/" + s;
  }
  return out;
}

std::string body_for(const server::Route& route) { return route.changes_state() ? "{}" : ""; }

class AccessTest : public testing::Test {
 protected:
  using Headers = std::vector<std::pair<std::string, std::string>>;
  TestServer server;
  const std::vector<server::Route>& routes() { return server.server().app().router().routes(); }
  Reply call(const server::Route& route, const std::string& org, Headers headers) {
    return fetch(server.port(), route.method, concrete(route.pattern, org), body_for(route), headers);
  }
};

TEST_F(AccessTest, EveryRouteHasAPolicyRowAndMatchesIt) {
  std::set<std::string> seen;
  for (const auto& route : routes()) {
    seen.insert(key(route));
    auto it = kPolicy.find(key(route));
    ASSERT_NE(it, kPolicy.end()) << "route " << key(route) << " has no row in kPolicy (access_test.cpp)";
    EXPECT_EQ(route.access, it->second.access) << key(route);
    if (route.access == Access::Member) {
      EXPECT_EQ(route.roles, it->second.roles) << key(route);
    }
  }
  for (const auto& [k, expected] : kPolicy) EXPECT_TRUE(seen.count(k)) << "kPolicy row " << k << " has no route";
}

TEST_F(AccessTest, WithoutCredentialsOnlyPublicRoutesAnswer) {
  for (const auto& route : routes()) {
    auto reply = call(route, "acme", {});
    if (route.access == Access::Public) {
      EXPECT_NE(reply.status, 401) << key(route);
      EXPECT_NE(reply.status, 403) << key(route);
    } else {
      EXPECT_EQ(reply.status, 401) << key(route) << " " << reply.body;
    }
  }
}

TEST_F(AccessTest, AnotherOrganisationsRecordsAre404) {
  auto globex = server.bearer("globex-admin");
  auto acme = server.bearer("acme-admin");
  for (const auto& route : routes()) {
    if (route.access != Access::Member) continue;
    auto reply = call(route, "acme", {{"Authorization", globex}});
    EXPECT_EQ(reply.status, 404) << key(route) << " " << reply.body;
    EXPECT_EQ(call(route, "globex", {{"Authorization", acme}}).status, 404) << key(route);
    EXPECT_EQ(call(route, "no-such-org", {{"Authorization", acme}}).status, 404) << key(route);
  }
}

TEST_F(AccessTest, EachRoleIsAllowedExactlyWhatThePolicySays) {
  std::map<std::string, std::string> tokens;
  for (auto name : store::kRoleNames) tokens[std::string(name)] = server.bearer("acme-" + std::string(name));
  for (const auto& route : routes()) {
    if (route.access == Access::Public) continue;
    for (std::size_t r = 0; r < store::kRoleCount; ++r) {
      std::string role(store::kRoleNames[r]);
      auto reply = call(route, "acme", {{"Authorization", tokens[role]}});
      bool allowed = route.access == Access::SignedIn || (route.roles & (1u << r));
      if (allowed) {
        EXPECT_NE(reply.status, 401) << key(route) << " as " << role;
        EXPECT_NE(reply.status, 403) << key(route) << " as " << role << " " << reply.body;
        EXPECT_EQ(reply.body.find("no such organisation"), std::string::npos) << key(route) << " as " << role;
      } else {
        EXPECT_EQ(reply.status, 403) << key(route) << " as " << role << " " << reply.body;
      }
    }
  }
}

TEST_F(AccessTest, CookieSessionsNeedTheCsrfTokenOnEveryStateChangingRoute) {
  auto login = server.sign_in("acme-admin");
  for (const auto& route : routes()) {
    if (route.access == Access::Public || !route.changes_state()) continue;
    auto reply = call(route, "acme", {{"Cookie", login.cookie}});
    EXPECT_EQ(reply.status, 403) << key(route) << " " << reply.body;
    EXPECT_NE(reply.body.find("CSRF"), std::string::npos) << key(route);
  }
}

}  // namespace
}  // namespace vigil::test
