#include "server/route.h"

#include <algorithm>

namespace vigil::server {

std::string_view Context::param(std::string_view name) const {
  auto it = params.find(name);
  return it == params.end() ? std::string_view{} : std::string_view(it->second);
}

std::vector<std::string_view> path_segments(std::string_view path) {
  std::vector<std::string_view> out;
  while (!path.empty()) {
    if (path.front() == '/') {
      path.remove_prefix(1);
      continue;
    }
    auto slash = path.find('/');
    out.push_back(path.substr(0, slash));
    path = slash == std::string_view::npos ? std::string_view{} : path.substr(slash);
  }
  return out;
}

static bool is_parameter(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

static std::optional<PathParams> match_pattern(std::string_view pattern, std::string_view path) {
  auto want = path_segments(pattern);
  auto have = path_segments(path);
  if (want.size() != have.size()) return std::nullopt;
  // A trailing slash is a different resource; do not match it silently.
  if (path.size() > 1 && path.back() == '/') return std::nullopt;
  PathParams params;
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (is_parameter(want[i])) {
      std::string value = percent_decode(have[i]);
      if (value.empty()) return std::nullopt;
      params.emplace(std::string(want[i].substr(1, want[i].size() - 2)), std::move(value));
    } else if (want[i] != have[i]) {
      return std::nullopt;
    }
  }
  return params;
}

void Router::add(Route route) { routes_.push_back(std::move(route)); }

RouteGroup RouteGroup::under(std::string_view path, Around around) const {
  RouteGroup group{router_, prefix_ + std::string(path), access_};
  group.around_ = around ? std::move(around) : around_;
  group.roles_ = roles_;
  return group;
}

RouteGroup RouteGroup::allowing(Roles roles) const {
  RouteGroup group = *this;
  group.roles_ = roles;
  return group;
}

Route& RouteGroup::add(std::string method, std::string_view path, Roles roles, std::string summary,
                       Handler handler) const {
  Route route{std::move(method), prefix_ + std::string(path), access_, roles, std::move(summary), std::move(handler)};
  if (around_) route.handler = around_(std::move(route.handler), route);
  router_.add(std::move(route));
  return router_.last();
}

RouteMatch Router::match(std::string_view method, std::string_view path) const {
  RouteMatch result;
  for (const auto& route : routes_) {
    auto params = match_pattern(route.pattern, path);
    if (!params) continue;
    if (route.method == method) {
      result.route = &route;
      result.params = std::move(*params);
      return result;
    }
    if (std::find(result.allowed.begin(), result.allowed.end(), route.method) == result.allowed.end()) {
      result.allowed.push_back(route.method);
    }
  }
  return result;
}

}  // namespace vigil::server
