#pragma once

#include <string_view>

namespace vigil::server {

// The text of src/server/openapi_schemas.json, compiled in at build time
// (generated from cmake/openapi_schemas.cpp.in; see CMakeLists.txt).
std::string_view openapi_schemas_json();

}  // namespace vigil::server
