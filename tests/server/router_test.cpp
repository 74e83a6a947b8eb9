// Route matching: literal segments, {parameters}, 405 with the allowed methods.
#include <gtest/gtest.h>

#include "server/route.h"

namespace vigil::server {
namespace {

Router sample() {
  Router router;
  Handler none = [](Context&) -> Result<Response> { return Response{}; };
  router.add({"GET", "/api/v1/orgs/{org}/incidents", Access::Member, kAnyRole, "", none});
  router.add({"POST", "/api/v1/orgs/{org}/incidents", Access::Member, kAnyRole, "", none});
  router.add({"GET", "/api/v1/orgs/{org}/incidents/{id}", Access::Member, kAnyRole, "", none});
  return router;
}

TEST(Router, MatchesParametersAndDecodesThem) {
  auto router = sample();
  auto m = router.match("GET", "/api/v1/orgs/acme/incidents/INC%2D7");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->pattern, "/api/v1/orgs/{org}/incidents/{id}");
  EXPECT_EQ(m.params.at("org"), "acme");
  EXPECT_EQ(m.params.at("id"), "INC-7");
}

TEST(Router, ChoosesByMethod) {
  auto router = sample();
  EXPECT_EQ(router.match("POST", "/api/v1/orgs/acme/incidents").route->method, "POST");
}

TEST(Router, ReportsAllowedMethodsWhenOnlyTheMethodIsWrong) {
  auto router = sample();
  auto m = router.match("DELETE", "/api/v1/orgs/acme/incidents");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_EQ(m.allowed, (std::vector<std::string>{"GET", "POST"}));
}

TEST(Router, UnknownPathsAndTrailingSlashesDoNotMatch) {
  auto router = sample();
  EXPECT_EQ(router.match("GET", "/api/v1/orgs/acme").route, nullptr);
  EXPECT_TRUE(router.match("GET", "/api/v1/orgs/acme").allowed.empty());
  EXPECT_EQ(router.match("GET", "/api/v1/orgs/acme/incidents/").route, nullptr);
  EXPECT_EQ(router.match("GET", "/api/v1/orgs/acme/incidents/7/extra").route, nullptr);
}

TEST(Router, SplitsPathSegments) {
  EXPECT_EQ(path_segments("/a/{b}/c"), (std::vector<std::string_view>{"a", "{b}", "c"}));
  EXPECT_TRUE(path_segments("/").empty());
}

}  // namespace
}  // namespace vigil::server
