// One row of the route table: method, path pattern, who may call it and the
// handler. The same table drives dispatch, role checks, the OpenAPI document
// and the table-driven authorisation tests, so they cannot drift apart.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/roles.h"
#include "core/time.h"
#include "server/http.h"
#include "store/accounts.h"

namespace vigil::server {

struct Services;
struct ServerConfig;
class Router;

enum class Access {
  Public,    // anyone (health, login, the API description)
  SignedIn,  // any signed-in user
  Member,    // a member of {org} with one of the route's roles; others get 404
};

// Roles and the role sets a route allows: the domain's (core/roles.h).
using vigil::kAdmins;
using vigil::kAnyRole;
using vigil::kIncidentWriters;
using vigil::kManagementBody;
using vigil::kNoRole;
using vigil::kRecordKeepers;
using vigil::role_bit;
using vigil::Roles;

// Who is calling, once authenticated.
struct Principal {
  std::int64_t user_id = 0;
  std::string username;
  std::vector<store::Membership> memberships;
  bool via_cookie = false;  // cookie sessions need the CSRF header to change anything
  std::string session_hash;
  std::string csrf_token;  // of the cookie session
};

using PathParams = std::map<std::string, std::string, std::less<>>;

struct Context {
  const Request& request;
  PathParams params;
  std::string request_id;
  Instant now{};
  Services& services;
  const Router& router;
  const Principal* principal = nullptr;           // set unless the route is Public
  const store::Membership* membership = nullptr;  // set for Member routes

  std::string_view param(std::string_view name) const;
};

using Handler = std::function<Result<Response>(Context&)>;

// One query parameter a route reads (?name=...), for the OpenAPI document.
// A request with a parameter its route does not declare is refused (400), so
// that a misspelt ?al=true is an error, not silently the default.
// A required one is "required": true in the document; its handler answers 400
// "required (query parameter)" without it (the api_contract ctest compares
// the two on every recorded answer: tests/server/validate_responses.py).
struct QueryParameter {
  std::string name;
  std::string description;
  bool required = false;
};

// Route::request_schema of a route that changes state without a body.
inline constexpr char kNoBody[] = "-";

struct Route {
  std::string method;   // "GET", "POST", ...
  std::string pattern;  // "/api/v1/orgs/{org}/incidents/{id}"; {org} names the organisation
  Access access = Access::Member;
  Roles roles = kAnyRole;  // for Member routes
  std::string summary;     // one line for the OpenAPI document
  Handler handler;
  std::size_t body_limit = 0;  // 0: the server's max_body_bytes
  // When set, the server setting that limits this route's body instead
  // (evidence uploads: &ServerConfig::max_evidence_bytes).
  std::size_t ServerConfig::*body_limit_setting = nullptr;
  // For the OpenAPI document (src/server/openapi.cpp) and the contract test
  // that validates every answer the route tests receive against it: names
  // under components/schemas of the JSON request body (kNoBody: the route
  // takes none) and of the JSON success answer ("" when the answer is not
  // JSON; see `media`).
  std::string request_schema{};
  std::string response_schema{};
  // The success statuses ({} means 200 alone); the answer's other media types
  // ("text/html; charset=utf-8" for ?format=html, or the only one of a
  // download); the request body's media type when it is not JSON (uploads).
  std::vector<int> statuses{};
  std::vector<std::string> media{};
  std::string request_media{};
  std::vector<QueryParameter> query{};  // the query parameters it reads (none: it takes no query)
  bool changes_state() const { return method != "GET" && method != "HEAD"; }

  // Builders of the OpenAPI fields, for the route tables:
  //   members.add("POST", "/tokens", kAdmins, "...", create).takes("TokenRequest").answers("Token", {201});
  Route& takes(std::string schema) & {
    request_schema = std::move(schema);
    return *this;
  }
  Route& takes_bytes(std::string type = "application/octet-stream") & {
    request_media = std::move(type);
    return *this;
  }
  Route& answers(std::string schema, std::vector<int> codes = {}) & {
    response_schema = std::move(schema);
    statuses = std::move(codes);
    return *this;
  }
  Route& answers_media(std::string type, std::vector<int> codes = {}) & {
    media.push_back(std::move(type));
    if (!codes.empty()) statuses = std::move(codes);
    return *this;
  }
  Route& reads(std::string name, std::string description) & {
    query.push_back({std::move(name), std::move(description)});
    return *this;
  }
  // A query parameter the route cannot do without.
  Route& reads_required(std::string name, std::string description) & {
    query.push_back({std::move(name), std::move(description), true});
    return *this;
  }
  // The same on a route being built: router.add(Route{...}.answers("Health")).
  Route takes(std::string schema) && { return std::move(takes(std::move(schema))); }
  Route takes_bytes(std::string type = "application/octet-stream") && {
    return std::move(takes_bytes(std::move(type)));
  }
  Route answers(std::string schema, std::vector<int> codes = {}) && {
    return std::move(answers(std::move(schema), std::move(codes)));
  }
  Route answers_media(std::string type, std::vector<int> codes = {}) && {
    return std::move(answers_media(std::move(type), std::move(codes)));
  }
  Route reads(std::string name, std::string description) && {
    return std::move(reads(std::move(name), std::move(description)));
  }
  Route reads_required(std::string name, std::string description) && {
    return std::move(reads_required(std::move(name), std::move(description)));
  }
};

struct RouteMatch {
  const Route* route = nullptr;  // nullptr: no route for this method and path
  PathParams params;
  std::vector<std::string> allowed;  // methods of routes matching the path (for 405)
};

class Router {
 public:
  void add(Route route);
  RouteMatch match(std::string_view method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }
  Route& last() { return routes_.back(); }

 private:
  std::vector<Route> routes_;
};

// Routes that share a path prefix and who may call them, declared once for
// the group rather than on every route:
// //   members.add("GET", "/users", kAdmins, "The organisation's users.", list_users).answers("UserList");
// add() puts the route into the router and returns it for the OpenAPI
// builders of the same statement (the reference holds until the next add).
class RouteGroup {
 public:
  // Builds the handler a route of the group runs from the one it was given
  // (e.g. the incident routes, on an exercise's clock).
  using Around = std::function<Handler(Handler, const Route&)>;

  RouteGroup(Router& router, std::string prefix, Access access)
      : router_(router), prefix_(std::move(prefix)), access_(access) {}

  // A group below this one: its prefix followed by `path`, the same access.
  RouteGroup under(std::string_view path, Around around = {}) const;
  // This group, whose routes all allow `roles` (a Member group of routes for
  // the same roles, such as the administrators' accounts).
  RouteGroup allowing(Roles roles) const;

  // `path` follows the prefix ("" is the prefix itself). Routes of a Member
  // group name the roles they allow, unless the group does (allowing());
  // routes of the other groups take none.
  Route& add(std::string method, std::string_view path, Roles roles, std::string summary, Handler handler) const;
  Route& add(std::string method, std::string_view path, std::string summary, Handler handler) const {
    return add(std::move(method), path, roles_, std::move(summary), std::move(handler));
  }
  // A POST that takes the JSON body `request` (kNoBody: none) and answers `response`:
  //   one.command("/notes", kObservers, "Record a note.", note, "NoteRequest", "ExerciseStatus", {201});
  Route& command(std::string_view path, Roles roles, std::string summary, Handler handler, std::string request,
                 std::string response, std::vector<int> statuses = {}) const {
    return add("POST", path, roles, std::move(summary), std::move(handler))
        .takes(std::move(request))
        .answers(std::move(response), std::move(statuses));
  }
  Route& command(std::string_view path, std::string summary, Handler handler, std::string request, std::string response,
                 std::vector<int> statuses = {}) const {
    return command(path, roles_, std::move(summary), std::move(handler), std::move(request), std::move(response),
                   std::move(statuses));
  }

 private:
  Router& router_;
  std::string prefix_;
  Access access_;
  Around around_;
  Roles roles_ = kNoRole;  // of every route, when set by allowing()
};

// The groups of the API, each prefix and access written here once.
struct RouteGroups {
  explicit RouteGroups(Router& router)
      : everyone(router, "", Access::Public),
        signed_in(router, "/api/v1", Access::SignedIn),
        members(router, "/api/v1/orgs/{org}", Access::Member) {}
  RouteGroup everyone;   // /healthz, sign-in, the API description
  RouteGroup signed_in;  // /api/v1/...: any signed-in user
  RouteGroup members;    // /api/v1/orgs/{org}/...: members of {org}, by role
};

// Splits "/a/{b}/c" into {"a", "{b}", "c"}.
std::vector<std::string_view> path_segments(std::string_view path);

}  // namespace vigil::server
