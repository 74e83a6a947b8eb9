#include "server/app.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <chrono>

#include <fmt/format.h>

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "core/text.h"
#include "server/compliance_routes.h"
#include "server/credentials.h"
#include "server/live_exercise_routes.h"
#include "server/problem.h"
#include "server/supplier_routes.h"
#include "server/web_assets.h"

namespace vigil::server {

namespace {

constexpr std::string_view kSessionCookie = "vigil_session";

// Reuses a caller's X-Request-Id when it is short and plain, so a request can
// be followed through a proxy; otherwise makes a fresh one.
std::string request_id_for(const Request& request) {
  if (auto given = request.header("X-Request-Id"); given && !given->empty() && given->size() <= 64) {
    bool plain = true;
    for (char c : *given) plain = plain && (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_');
    if (plain) return std::string(*given);
  }
  unsigned char bytes[8];
  randombytes_buf(bytes, sizeof bytes);
  char hex[17];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return hex;
}

// The principal's membership of the organisation, or nullptr.
const store::Membership* membership_of(const Principal& principal, std::string_view org) {
  for (const auto& m : principal.memberships) {
    if (m.organisation_slug == org) return &m;
  }
  return nullptr;
}

// Text that is not UTF-8 never reaches a handler, so it is never stored and
// every answer and log line can be serialised. Bodies are checked by the JSON
// reader (uploads are bytes and stay as they are).
std::optional<std::string> not_utf8(const Request& request, const PathParams& params) {
  for (const auto& [name, value] : params) {
    if (!is_utf8(value)) return "the path parameter '" + name + "' is not UTF-8 once percent-decoded";
  }
  if (!is_utf8(percent_decode(request.query))) return "the query string is not UTF-8 once percent-decoded";
  for (const auto& [name, value] : request.headers) {
    if (!is_utf8(value)) return "the header '" + excerpt(name) + "' is not UTF-8";
  }
  return std::nullopt;
}

}  // namespace

Response json_response(const std::string& body, int status) {
  Response r;
  r.status = status;
  r.body = body;
  return r;
}

Result<BodyReader> body_reader(const Context& c) {
  auto body = TRY(parse_json(c.request.body, "body"));
  return BodyReader(std::make_shared<const nlohmann::json>(std::move(body)));
}

Response html_report_response(std::string html) {
  Response r;
  r.content_type = "text/html; charset=utf-8";
  r.body = std::move(html);
  r.set_header("Content-Security-Policy",
               "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; "
               "base-uri 'none'; form-action 'none'");
  return r;
}

void add_security_headers(Response& response, std::string_view path) {
  // A handler may set a stricter policy of its own (the self-contained HTML report).
  if (!response.header("Content-Security-Policy")) {
    response.set_header("Content-Security-Policy",
                        "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
  }
  response.set_header("X-Content-Type-Options", "nosniff");
  response.set_header("X-Frame-Options", "DENY");
  response.set_header("Referrer-Policy", "no-referrer");
  // API answers are per-user and change with every write: never cache them.
  if (path.rfind("/api/", 0) == 0 || !response.header("Cache-Control")) {
    response.set_header("Cache-Control", "no-store");
  }
}

App::App(Services& services, std::shared_ptr<spdlog::logger> log) : services_(services), log_(std::move(log)) {
  const RouteGroups api{router_};
  add_operations_routes(api);
  add_session_routes(api);
  add_organisation_routes(api);
  add_account_routes(api);
  add_incident_routes(api);
  add_dashboard_routes(api);
  add_scoping_routes(api);
  add_catalog_routes(api);
  add_clock_routes(api);
  add_exercise_routes(api);
  add_live_exercise_routes(api);
  add_compliance_routes(api);
  add_supplier_routes(api);
}

App::~App() = default;

std::size_t App::body_limit(std::string_view method, std::string_view path) const {
  auto match = router_.match(method, path);
  if (match.route && match.route->body_limit_setting) return services_.config.*(match.route->body_limit_setting);
  if (match.route && match.route->body_limit) return match.route->body_limit;
  return services_.config.max_body_bytes;
}

std::optional<Response> App::admit(Request& request) {
  auto match = router_.match(request.method, request.path);
  // What no route takes (404, 405) is answered without reading its body; so
  // is a caller whose credentials, membership or role would refuse it. The
  // answer is the one the whole request would get, logged and counted alike.
  if (!match.route) return handle(request);
  if (match.route->access == Access::Public) return std::nullopt;
  auto principal = authenticate(request, services_.clock());
  bool admitted = principal.has_value();
  if (admitted && match.route->access == Access::Member) {
    auto org = match.params.find("org");
    const store::Membership* membership = org == match.params.end() ? nullptr : membership_of(*principal, org->second);
    admitted = membership && has_role(match.route->roles, membership->role);
  }
  if (admitted) return std::nullopt;
  return handle(request);
}

Result<Principal> App::authenticate(const Request& request, Instant now) {
  auto& accounts = *services_.accounts;
  Principal principal;
  std::int64_t user_id = 0;
  if (auto authorization = request.header("Authorization")) {
    constexpr std::string_view kBearer = "Bearer ";
    if (authorization->substr(0, kBearer.size()) != kBearer) {
      return fail(ErrorCode::Unauthorized, "Authorization", "use 'Authorization: Bearer <API token>'");
    }
    auto token = accounts.find_token(sha256_hex(authorization->substr(kBearer.size())));
    if (!token) {
      if (token.error().code != ErrorCode::NotFound) return tl::unexpected(token.error());
      return fail(ErrorCode::Unauthorized, "Authorization", "the API token is not valid");
    }
    if (token->revoked_at) return fail(ErrorCode::Unauthorized, "Authorization", "the API token was revoked");
    user_id = token->user_id;
  } else if (auto cookie = request.cookie(kSessionCookie)) {
    std::string hash = sha256_hex(*cookie);
    auto session = accounts.find_session(hash, now);
    if (!session) {
      if (session.error().code != ErrorCode::NotFound) return tl::unexpected(session.error());
      return fail(ErrorCode::Unauthorized, "session", "the session has ended; sign in again");
    }
    // A cookie rides along with any request the browser makes, even one a
    // hostile page triggers; only our own pages know the CSRF token.
    bool safe = request.method == "GET" || request.method == "HEAD";
    if (!safe) {
      auto csrf = request.header("X-CSRF-Token");
      if (!csrf || !constant_time_equal(*csrf, session->csrf_token)) {
        return fail(ErrorCode::Forbidden, "X-CSRF-Token", "missing or wrong CSRF token");
      }
    }
    user_id = session->user_id;
    principal.via_cookie = true;
    principal.session_hash = hash;
    principal.csrf_token = session->csrf_token;
  } else {
    return fail(ErrorCode::Unauthorized, "", "sign in (POST /api/v1/session) or send an API token");
  }
  auto user = TRY(accounts.user_by_id(user_id));
  if (user.disabled_at) return fail(ErrorCode::Unauthorized, "", "the account is disabled");
  principal.user_id = user.id;
  principal.username = user.username;
  principal.memberships = TRY(accounts.memberships(user.id));
  return principal;
}

namespace {

// Every query parameter must be one the route reads (Route::query): a
// misspelt or unsupported one is refused rather than silently ignored.
Result<void> check_query(const Request& request, const Route& route) {
  for (const std::string& name : request.query_names()) {
    const bool known =
        std::any_of(route.query.begin(), route.query.end(), [&](const QueryParameter& p) { return p.name == name; });
    if (known) continue;
    std::string reads;
    for (const auto& p : route.query) reads += (reads.empty() ? "" : ", ") + p.name;
    return invalid("query: " + excerpt(name, 40), reads.empty() ? std::string("this route takes no query parameters")
                                                                : "not a parameter of this route; it reads " + reads);
  }
  return {};
}

}  // namespace

Result<Response> App::dispatch(Request& request, Context& context, const Route& route, Principal& principal) {
  if (route.access != Access::Public) {
    principal = TRY(authenticate(request, context.now));
    context.principal = &principal;
  }
  if (route.access == Access::Member) {
    auto org = context.param("org");
    const store::Membership* membership = membership_of(principal, org);
    // Another organisation's records do not exist for this user: 404, not 403,
    // so that probing cannot even learn which organisations exist.
    if (!membership) return fail(ErrorCode::NotFound, "", "no such organisation");
    if (!has_role(route.roles, membership->role)) {
      return fail(ErrorCode::Forbidden, "",
                  "the role '" + std::string(store::to_string(membership->role)) + "' may not do this");
    }
    context.membership = membership;
  }
  TRY(check_query(request, route));
  return route.handler(context);
}

Response App::handle(Request& request) {
  const auto started = std::chrono::steady_clock::now();
  const std::string request_id = request_id_for(request);
  const Instant now = services_.clock();
  auto match = router_.match(request.method, request.path);
  std::string_view route_label = match.route ? std::string_view(match.route->pattern) : "unmatched";
  std::string username;

  Response response;
  std::optional<Response> page;
  if (!match.route && match.allowed.empty()) page = serve_web(request, web_assets());
  if (page) {
    // The web UI: its files, and index.html for the paths of its pages.
    response = std::move(*page);
    route_label = "web";
  } else if (!match.route) {
    if (match.allowed.empty()) {
      response = problem(404, "no such resource", request_id);
    } else {
      response = problem(405, "allowed: " + fmt::format("{}", fmt::join(match.allowed, ", ")), request_id);
      response.set_header("Allow", fmt::format("{}", fmt::join(match.allowed, ", ")));
    }
  } else if (auto bad = not_utf8(request, match.params)) {
    response = problem(400, *bad, request_id);
  } else {
    Principal principal;
    Context context{request, std::move(match.params), request_id, now, services_, router_};
    Result<Response> result = [&]() -> Result<Response> {
      try {
        return dispatch(request, context, *match.route, principal);
      } catch (const std::exception& e) {
        return fail(ErrorCode::Internal, "exception", e.what());
      }
    }();
    if (context.principal) username = context.principal->username;
    if (result) {
      response = std::move(*result);
      // Whatever an organisation's write changed, its dashboard memo must not show the old state.
      if (match.route->changes_state() && response.status < 400) {
        if (auto org = context.params.find("org"); org != context.params.end())
          services_.dashboards.invalidate(org->second);
      }
    } else {
      if (is_internal(result.error())) {
        log_->error(
            R"("msg":"internal error","request_id":{},"error":{})", nlohmann::json(request_id).dump(),
            nlohmann::json(describe(result.error())).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
      }
      response = problem(result.error(), request_id);
      if (result.error().code == ErrorCode::Unauthorized) response.set_header("WWW-Authenticate", "Bearer");
    }
  }
  add_security_headers(response, request.path);
  response.set_header("X-Request-Id", request_id);

  auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
  services_.metrics.observe(request.method, route_label, response.status, elapsed);
  if (log_->should_log(spdlog::level::info)) {
    nlohmann::json line = {{"msg", "request"},         {"request_id", request_id},
                           {"method", request.method}, {"path", request.path},
                           {"route", route_label},     {"status", response.status},
                           {"us", elapsed.count()},    {"remote", request.remote_address}};
    if (!username.empty()) line["user"] = username;
    std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    log_->info(std::string_view(text).substr(1, text.size() - 2));
  }
  return response;
}

Response App::handle_metrics(Request& request) {
  Response response;
  if (request.method == "GET" && request.path == "/metrics") {
    response = metrics_response(services_);
  } else {
    response = problem(404, "this address serves only GET /metrics", request_id_for(request));
  }
  add_security_headers(response, request.path);
  return response;
}

Response App::reject(int status, std::string_view detail) {
  unsigned char bytes[8];
  randombytes_buf(bytes, sizeof bytes);
  char hex[17];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  std::string shown = status == 413 ? "the request body is larger than this route accepts (" + std::string(detail) + ")"
                      : status == 431 ? "the request headers are larger than this server accepts"
                      : status == 400 ? "the request is not valid HTTP/1.1"
                                      : "";
  Response response = problem(status, shown, hex);
  add_security_headers(response, "/");
  response.set_header("X-Request-Id", hex);
  services_.metrics.observe("-", "rejected", status, std::chrono::microseconds{0});
  log_->warn(R"("msg":"request refused","request_id":"{}","status":{},"reason":{})", hex, status,
             nlohmann::json(std::string(detail)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  return response;
}

}  // namespace vigil::server
