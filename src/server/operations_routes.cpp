// Liveness, readiness, metrics and the API description: what an operator's
// load balancer and monitoring call. /metrics is not public: it needs the
// metrics token, or is served on a separate address (Server, metrics_listen).
#include <nlohmann/json.hpp>

#include <algorithm>

#include "server/app.h"
#include "server/credentials.h"
#include "server/problem.h"

namespace vigil::server {

Response metrics_response(Services& services) {
  std::vector<Gauge> gauges;
  for (const auto& source : services.gauges) {
    auto more = source(services);
    gauges.insert(gauges.end(), more.begin(), more.end());
  }
  Response r;
  r.content_type = "text/plain; version=0.0.4; charset=utf-8";
  r.body = services.metrics.render(gauges);
  return r;
}

void add_operations_routes(const RouteGroups& api) {
  api.everyone
      .add("GET", "/healthz", "Liveness: the process answers.",
           [](Context&) -> Result<Response> { return json_response(R"({"status":"ok"})"); })
      .answers("Health");

  api.everyone
      .add("GET", "/readyz", "Readiness: the database answers.",
           [](Context& c) -> Result<Response> {
             if (auto ping = c.services.accounts->ping(); !ping) {
               // Not an internal error for the client: say plainly we are not ready.
               return problem(503, "the database does not answer", c.request_id);
             }
             return json_response(R"({"status":"ready"})");
           })
      .answers("Health");

  api.everyone
      .add("GET", "/metrics",
           "Prometheus metrics (text format 0.0.4); needs 'Authorization: Bearer <metrics_token>' (404 when "
           "no metrics_token is set).",
           [](Context& c) -> Result<Response> {
             const std::string& token = c.services.config.metrics_token;
             if (token.empty()) {
               return problem(404,
                              "metrics are off on this address (set metrics_token, or metrics_listen for a "
                              "separate address)",
                              c.request_id);
             }
             auto given = c.request.header("Authorization").value_or("");
             constexpr std::string_view kBearer = "Bearer ";
             if (given.substr(0, std::min(given.size(), kBearer.size())) != kBearer ||
                 !constant_time_equal(given.substr(kBearer.size()), token)) {
               return fail(ErrorCode::Unauthorized, "Authorization", "send 'Authorization: Bearer <metrics_token>'");
             }
             return metrics_response(c.services);
           })
      .answers_media("text/plain; version=0.0.4; charset=utf-8");

  api.everyone
      .add("GET", "/api/v1/openapi.json", "This API described in OpenAPI 3.1.",
           [](Context& c) -> Result<Response> { return json_response(openapi_document(c.router, c.services.config)); })
      .answers("OpenApiDocument");
}

}  // namespace vigil::server
