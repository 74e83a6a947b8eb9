// Live exercises of an organisation over HTTP (src/server/live_exercise_routes.cpp)
// and the JSON Schemas of their requests and answers for the OpenAPI document.
#pragma once

#include <nlohmann/json.hpp>

namespace vigil::server {

struct RouteGroups;
void add_live_exercise_routes(const RouteGroups& api);
// components/schemas entries named by the live exercise routes.
nlohmann::json live_exercise_openapi_schemas();

}  // namespace vigil::server
