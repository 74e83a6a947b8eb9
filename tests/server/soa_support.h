// Statements of Applicability the compliance route tests send.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "catalog/catalog.h"

namespace vigil::test {

// Every assessable ISO/IEC 27001:2022 control, applicable, with one status.
inline nlohmann::json soa_all(const std::string& status) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& item : catalog::builtin().iso27001) {
    if (item.assessable) rows.push_back({{"control", item.id}, {"applicable", "yes"}, {"status", status}});
  }
  return rows;
}

}  // namespace vigil::test
