// Scoping and significance over HTTP: the same parse_entity and classify as `vigil scope`
// (scope/scope.h), and the same JSON as `vigil scope --format json`. A pure
// computation on the caller's input: any signed-in user may ask, nothing is
// stored.
#include <nlohmann/json.hpp>

#include "core/json_input.h"
#include "incident/impact_input.h"
#include "incident/significance.h"
#include "scope/scope.h"
#include "server/app.h"

namespace vigil::server {

void add_scoping_routes(Router& router) {
  router.add({"POST", "/api/v1/scope", Access::SignedIn, kNoRole,
              "Classify an entity under NIS2 (Arts 2, 3, Annexes I-II): the entity JSON of `vigil scope`; the "
              "answer is `vigil scope --format json`.",
              [](Context& c) -> Result<Response> {
                auto body = TRY(parse_json(c.request.body, "body"));
                auto entity = TRY(scope::parse_entity(body, "body"));
                return json_response(scope::to_json(scope::classify(entity)).dump());
              }});
  router.add({"POST", "/api/v1/significance", Access::SignedIn, kNoRole,
              "Is an incident significant (IR 2024/2690, Art. 23(3))? The impact JSON of `vigil significance`; the "
              "answer is `vigil significance --format json`.",
              [](Context& c) -> Result<Response> {
                auto body = TRY(parse_json(c.request.body, "body"));
                auto request = TRY(incident::assessment_request(body, "body", std::nullopt, "", "", c.now));
                auto impact = TRY(incident::parse_impact(body, "body"));
                return json_response(incident::significance_json(impact, request.result).dump());
              }});
}

}  // namespace vigil::server
