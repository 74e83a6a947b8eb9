// The request pipeline between the network and the handlers: request id,
// routing, authentication, the role check, CSRF, security headers, problem
// documents for errors, metrics and one structured log line per request.
// Plain C++ on plain structs: no Beast here.
#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "core/json_input.h"
#include "server/http.h"
#include "server/route.h"
#include "server/services.h"

namespace date {
class time_zone;
}

namespace spdlog {
class logger;
}

namespace vigil::server {

class App {
 public:
  App(Services& services, std::shared_ptr<spdlog::logger> log);
  ~App();

  Response handle(Request& request);
  Response reject(int status, std::string_view detail);  // refused by the listener
  // Before a large body is read: the refusal (401, 403) when the request's
  // credentials do not hold, nullopt when the body may be read.
  std::optional<Response> admit(Request& request);
  // The metrics_listen address: GET /metrics without a token, 404 for the rest.
  Response handle_metrics(Request& request);
  std::size_t body_limit(std::string_view method, std::string_view path) const;
  const Router& router() const { return router_; }

 private:
  // `principal` belongs to the caller (App::handle), so it outlives the
  // handler and the request's log line that names the user.
  Result<Response> dispatch(Request& request, Context& context, const Route& route, Principal& principal);
  Result<Principal> authenticate(const Request& request, Instant now);
  Services& services_;
  std::shared_ptr<spdlog::logger> log_;
  Router router_;
};

// The whole route table, registered by area (each in its own *_routes.cpp).
void add_operations_routes(const RouteGroups& api);    // /healthz, /readyz, /metrics, openapi.json
void add_session_routes(const RouteGroups& api);       // sign in and out
void add_organisation_routes(const RouteGroups& api);  // the caller's organisations
void add_account_routes(const RouteGroups& api);       // users, roles and tokens, for administrators

void add_incident_routes(const RouteGroups& api);   // Art. 23 incident records
void add_dashboard_routes(const RouteGroups& api);  // an organisation at a glance
void add_scoping_routes(const RouteGroups& api);    // NIS2 scope of an entity (no storage)
void add_catalog_routes(const RouteGroups& api);    // the knowledge base, read-only (no storage)
void add_clock_routes(const RouteGroups& api);      // Art. 23(4) deadlines of an incident (no storage)
void add_exercise_routes(const RouteGroups& api);   // bundled exercise scenarios and scoring a play (no storage)

// The /metrics gauges of open incidents and overdue deadlines, in all, or per
// organisation when config.metrics_org_labels says so.
std::vector<Gauge> incident_gauges(Services& services);

// The metrics page, as GET /metrics and the metrics_listen address serve it.
Response metrics_response(Services& services);

// The OpenAPI 3.1 document of every route of the table.
// x-vigil-max-body-bytes on each operation that takes a body: the limit this
// server applies (config's max_body_bytes, max_evidence_bytes, or the route's own).
std::string openapi_document(const Router& router, const ServerConfig& config);
// The request and response body schemas routes name (openapi_schemas.json).
nlohmann::json api_schemas();

// Adds the headers every response carries (CSP, nosniff, frame and referrer
// policy, no-store on the API).
void add_security_headers(Response& response, std::string_view path);

// JSON body helper: status 200 unless given.
Response json_response(const std::string& body, int status = 200);

// The reader of a request's JSON object body, whose errors name "body: <field>";
// it keeps the parsed body, so a handler reads its fields with
//   auto reader = TRY(body_reader(c));
//   auto title = reader.text("title", Presence::Required);
class BodyReader : public JsonObjectReader {
 public:
  explicit BodyReader(std::shared_ptr<const nlohmann::json> body)
      : JsonObjectReader(*body, "body"), body_(std::move(body)) {}

 private:
  std::shared_ptr<const nlohmann::json> body_;
};
Result<BodyReader> body_reader(const Context& c);

// A self-contained HTML report (inline CSS and SVG), with the Content-Security-Policy
// that lets it style itself and draw, and load nothing.
Response html_report_response(std::string html);

}  // namespace vigil::server
