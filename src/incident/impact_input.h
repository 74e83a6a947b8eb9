// Reads the JSON input of `vigil significance` (and of `vigil incident assess`)
// into an Impact: strict (unknown fields are errors, absent booleans false),
// with every error of the input reported together, each naming its field.
#pragma once

#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "core/error.h"
#include "incident/significance.h"

namespace vigil::incident {

// `where` prefixes every error ("impact.json").
Result<Impact> parse_impact(const nlohmann::json& value, std::string_view where);

}  // namespace vigil::incident
