// Liveness, readiness, metrics and the API description: what an operator's
// load balancer and monitoring call (issue 6, point 5).
#include <nlohmann/json.hpp>

#include "server/app.h"
#include "server/problem.h"

namespace vigil::server {

void add_operations_routes(Router& router) {
  router.add({"GET", "/healthz", Access::Public, kNoRole, "Liveness: the process answers.",
              [](Context&) -> Result<Response> { return json_response(R"({"status":"ok"})"); }});

  router.add({"GET", "/readyz", Access::Public, kNoRole, "Readiness: the database answers.",
              [](Context& c) -> Result<Response> {
                if (auto ping = c.services.accounts->ping(); !ping) {
                  // Not an internal error for the client: say plainly we are not ready.
                  return problem(503, "the database does not answer", c.request_id);
                }
                return json_response(R"({"status":"ready"})");
              }});

  router.add({"GET", "/metrics", Access::Public, kNoRole, "Prometheus metrics (text format 0.0.4).",
              [](Context& c) -> Result<Response> {
                std::vector<Gauge> gauges;
                for (const auto& source : c.services.gauges) {
                  auto more = source(c.services);
                  gauges.insert(gauges.end(), more.begin(), more.end());
                }
                Response r;
                r.content_type = "text/plain; version=0.0.4; charset=utf-8";
                r.body = c.services.metrics.render(gauges);
                return r;
              }});

  router.add({"GET", "/api/v1/openapi.json", Access::Public, kNoRole, "This API described in OpenAPI 3.1.",
              [](Context& c) -> Result<Response> { return json_response(openapi_document(c.router)); }});
}

}  // namespace vigil::server
