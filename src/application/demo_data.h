// The example organisation's inputs (examples/soa.csv, documents.csv,
// entity.json, suppliers.yaml), compiled in by CMake (cmake/demo_data.cpp.in)
// for the demo workspace (application/demo.h).
#pragma once

#include <string_view>

namespace vigil::application {

std::string_view demo_soa_csv();
std::string_view demo_documents_csv();
std::string_view demo_entity_json();
std::string_view demo_suppliers_yaml();

}  // namespace vigil::application
