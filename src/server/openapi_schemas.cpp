// The JSON Schemas (Draft 2020-12, the dialect of OpenAPI 3.1) of the API's
// request and response bodies, under components/schemas of openapi.json.
// Route::request_schema and Route::response_schema name them; the contract
// test (tests/server/api_contract_test.cpp, tests/server/validate_responses.py)
// validates every answer the route tests receive against them, and fails on a
// route without them. Keep a schema beside the code that writes its shape.
//
// The schemas are data: src/server/openapi_schemas.json, compiled in by CMake
// (cmake/openapi_schemas.cpp.in). Supplier and exercise shapes are built in
// their own files (supplier_openapi_schemas(), openapi.cpp).
#include <nlohmann/json.hpp>

#include "server/app.h"
#include "server/openapi_schemas_data.h"

namespace vigil::server {

nlohmann::json api_schemas() { return nlohmann::json::parse(openapi_schemas_json()); }

}  // namespace vigil::server
