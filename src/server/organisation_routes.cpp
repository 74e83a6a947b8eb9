// The organisations (tenants) the caller belongs to.
#include <nlohmann/json.hpp>

#include "server/app.h"

namespace vigil::server {

void add_organisation_routes(const RouteGroups& api) {
  api.signed_in
      .add("GET", "/orgs", "The caller's organisations and roles.",
           [](Context& c) -> Result<Response> {
             nlohmann::json list = nlohmann::json::array();
             for (const auto& m : c.principal->memberships) {
               auto org = TRY(c.services.accounts->find_organisation(m.organisation_slug));
               list.push_back({{"org", org.slug}, {"name", org.name}, {"role", store::to_string(m.role)}});
             }
             return json_response(nlohmann::json{{"organisations", list}}.dump());
           })
      .answers("OrganisationList");

  api.members
      .add("GET", "", kAnyRole, "One organisation and the caller's role in it.",
           [](Context& c) -> Result<Response> {
             auto org = TRY(c.services.accounts->find_organisation(c.param("org")));
             nlohmann::json body = {
                 {"org", org.slug}, {"name", org.name}, {"role", store::to_string(c.membership->role)}};
             return json_response(body.dump());
           })
      .answers("Organisation");
}

}  // namespace vigil::server
