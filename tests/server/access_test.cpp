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

// Who may call a route: anyone, any signed-in user, or members of the
// organisation with one of these roles.
const Expected kPublic{Access::Public};
const Expected kSignedIn{Access::SignedIn};
const Expected kEveryMember{Access::Member, server::kAnyRole};
const Expected kResponders{Access::Member, bits({Role::Admin, Role::Responder})};
const Expected kFacilitators{Access::Member, bits({Role::Admin, Role::Manager})};
const Expected kObservers{Access::Member, bits({Role::Admin, Role::Manager, Role::Compliance})};
const Expected kRecordKeepers{Access::Member, bits({Role::Admin, Role::Compliance})};
const Expected kManagement{Access::Member, bits({Role::Manager})};
const Expected kAdminsOnly{Access::Member, bits({Role::Admin})};

// The authorisation policy, written out independently of the route table.
const std::map<std::string, Expected> kPolicy = {
    {"GET /healthz", kPublic},
    {"GET /readyz", kPublic},
    {"GET /metrics", kPublic},
    {"GET /api/v1/openapi.json", kPublic},
    {"POST /api/v1/session", kPublic},
    {"GET /api/v1/session", kSignedIn},
    {"DELETE /api/v1/session", kSignedIn},
    {"GET /api/v1/orgs", kSignedIn},
    {"POST /api/v1/scope", kSignedIn},
    {"POST /api/v1/scope/interview", kSignedIn},
    {"POST /api/v1/significance", kSignedIn},
    {"POST /api/v1/deadlines", kSignedIn},
    {"GET /api/v1/catalog", kSignedIn},
    {"GET /api/v1/catalog/{id}", kSignedIn},
    {"GET /api/v1/catalog/{id}/mapping", kSignedIn},
    {"GET /api/v1/coverage", kSignedIn},
    {"GET /api/v1/catalog-search", kSignedIn},
    {"GET /api/v1/standard/{id}", kSignedIn},
    {"GET /api/v1/exercise/scenarios", kSignedIn},
    {"GET /api/v1/exercise/scenarios/{id}", kSignedIn},
    {"POST /api/v1/exercise/score", kSignedIn},
    {"GET /api/v1/orgs/{org}", kEveryMember},
    {"GET /api/v1/orgs/{org}/incidents", kEveryMember},
    {"POST /api/v1/orgs/{org}/incidents", kResponders},
    {"GET /api/v1/orgs/{org}/incidents/{id}", kEveryMember},
    {"POST /api/v1/orgs/{org}/incidents/{id}/assessments", kResponders},
    {"POST /api/v1/orgs/{org}/incidents/{id}/decisions", kResponders},
    {"POST /api/v1/orgs/{org}/incidents/{id}/evidence", kResponders},
    {"GET /api/v1/orgs/{org}/incidents/{id}/evidence/{sha256}", kEveryMember},
    {"POST /api/v1/orgs/{org}/incidents/{id}/submissions", kResponders},
    {"POST /api/v1/orgs/{org}/incidents/{id}/withdrawals", kResponders},
    {"POST /api/v1/orgs/{org}/incidents/{id}/facts", kResponders},
    {"POST /api/v1/orgs/{org}/incidents/{id}/close", kResponders},
    {"POST /api/v1/orgs/{org}/incidents/{id}/breach", kResponders},
    {"GET /api/v1/orgs/{org}/incidents/{id}/export", kEveryMember},
    {"GET /api/v1/orgs/{org}/incidents/{id}/performance", kEveryMember},
    {"GET /api/v1/orgs/{org}/incidents/{id}/report/{kind}", kEveryMember},
    {"GET /api/v1/orgs/{org}/audit/verify", kEveryMember},
    // Live exercises: the facilitator (manager, admin) starts and steers; the
    // players (responders, admin) open the exercise's incident and record
    // involvements; observers (manager, compliance, admin) note and rate;
    // everyone reads, the auditor too.
    {"GET /api/v1/orgs/{org}/exercises", kEveryMember},
    {"POST /api/v1/orgs/{org}/exercises", kFacilitators},
    {"GET /api/v1/orgs/{org}/exercises/{id}", kEveryMember},
    {"POST /api/v1/orgs/{org}/exercises/{id}/pause", kFacilitators},
    {"POST /api/v1/orgs/{org}/exercises/{id}/resume", kFacilitators},
    {"POST /api/v1/orgs/{org}/exercises/{id}/jump", kFacilitators},
    {"GET /api/v1/orgs/{org}/exercises/{id}/feed", kEveryMember},
    {"POST /api/v1/orgs/{org}/exercises/{id}/injects", kFacilitators},
    {"POST /api/v1/orgs/{org}/exercises/{id}/players", kFacilitators},
    {"POST /api/v1/orgs/{org}/exercises/{id}/incident", kResponders},
    {"POST /api/v1/orgs/{org}/exercises/{id}/involvements", kResponders},
    {"POST /api/v1/orgs/{org}/exercises/{id}/notes", kObservers},
    {"POST /api/v1/orgs/{org}/exercises/{id}/ratings", kObservers},
    {"POST /api/v1/orgs/{org}/exercises/{id}/end", kFacilitators},
    {"GET /api/v1/orgs/{org}/exercises/{id}/report", kEveryMember},
    {"GET /api/v1/orgs/{org}/exercises/{id}/export", kEveryMember},
    {"GET /api/v1/orgs/{org}/dashboard", kEveryMember},
    // Compliance records: compliance officers and admins keep them; only the
    // management body (manager) approves, NIS2 Art. 20(1); everyone reads.
    {"POST /api/v1/orgs/{org}/gap-assessments", kRecordKeepers},
    {"GET /api/v1/orgs/{org}/gap-assessments", kEveryMember},
    {"GET /api/v1/orgs/{org}/gap-assessments/{id}", kEveryMember},
    {"GET /api/v1/orgs/{org}/gap-assessments/{id}/report.html", kEveryMember},
    {"GET /api/v1/orgs/{org}/documents", kEveryMember},
    {"GET /api/v1/orgs/{org}/documents/{name}", kEveryMember},
    {"PUT /api/v1/orgs/{org}/documents/{name}", kRecordKeepers},
    {"POST /api/v1/orgs/{org}/documents/{name}/content", kRecordKeepers},
    {"GET /api/v1/orgs/{org}/documents/{name}/content", kEveryMember},
    {"POST /api/v1/orgs/{org}/approvals", kManagement},
    {"GET /api/v1/orgs/{org}/approvals", kEveryMember},
    {"GET /api/v1/orgs/{org}/documents/{name}/history", kEveryMember},
    {"GET /api/v1/orgs/{org}/suppliers", kEveryMember},
    {"PUT /api/v1/orgs/{org}/suppliers", kRecordKeepers},
    {"GET /api/v1/orgs/{org}/suppliers/meta", kEveryMember},
    {"GET /api/v1/orgs/{org}/suppliers/analysis", kEveryMember},
    {"GET /api/v1/orgs/{org}/suppliers/impact", kEveryMember},
    {"GET /api/v1/orgs/{org}/suppliers/directory", kEveryMember},
    {"GET /api/v1/orgs/{org}/audit/events", kEveryMember},
    {"GET /api/v1/orgs/{org}/users", kAdminsOnly},
    {"POST /api/v1/orgs/{org}/users", kAdminsOnly},
    {"PUT /api/v1/orgs/{org}/users/{username}/role", kAdminsOnly},
    {"POST /api/v1/orgs/{org}/users/{username}/disable", kAdminsOnly},
    {"POST /api/v1/orgs/{org}/users/{username}/enable", kAdminsOnly},
    {"DELETE /api/v1/orgs/{org}/users/{username}/role", kAdminsOnly},
    {"POST /api/v1/orgs/{org}/users/{username}/password", kAdminsOnly},
    {"GET /api/v1/orgs/{org}/tokens", kAdminsOnly},
    {"POST /api/v1/orgs/{org}/tokens", kAdminsOnly},
    {"DELETE /api/v1/orgs/{org}/tokens/{id}", kAdminsOnly},
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
