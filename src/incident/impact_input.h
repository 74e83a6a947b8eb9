// Reads the JSON input of `vigil significance` (and of `vigil incident assess`)
// into an Impact: strict (unknown fields are errors, absent booleans false),
// with every error of the input reported together, each naming its field.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "core/error.h"
#include "core/time.h"
#include "incident/incident.h"
#include "incident/significance.h"

namespace vigil::incident {

// `where` prefixes every error ("impact.json").
Result<Impact> parse_impact(const nlohmann::json& value, std::string_view where);

// "significant" | "not-significant" (also "not_significant"); "" gives nullopt.
Result<std::optional<bool>> parse_judgement(std::string_view text, std::string_view where);

// The shared step of `vigil incident assess` and the API: reads the impact
// input, runs the IR 2024/2690 rules (assess_significance) and builds the
// request for incident::assess. Errors name `source` and the field.
Result<AssessRequest> assessment_request(const nlohmann::json& input, std::string_view source,
                                         std::optional<bool> judgement, std::string note, std::string by,
                                         Instant now);

}  // namespace vigil::incident
