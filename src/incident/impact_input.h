// Reads the JSON input of `vigil significance` (and of `vigil incident assess`)
// into an Impact: strict (unknown fields are errors), with every error of the
// input reported together, each naming its field. A field that is absent or
// null is not known; 0, false and [] are facts.
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

// The legal basis the verdict rests on: IR 2024/2690 where it covers the
// entity type, else the general test of Art. 23(3) NIS2.
std::string_view significance_basis(const Significance& result);

// The verdict as JSON: true, false, "undetermined" (covered, but facts are
// missing) or null (not covered: a judgement under Art. 23(3)).
nlohmann::json significant_json(const Significance& result);

// {"entity_type", "significant": true|false|"undetermined"|null,
// "covered_by_ir_2024_2690", "basis", "criteria", "undetermined":
// [{"criterion", "missing"}], "facts_to_establish", "explanation",
// "questions"}: `vigil significance --format json` and POST /api/v1/significance.
nlohmann::json significance_json(const Impact& impact, const Significance& result);

// "significant" | "not-significant" (also "not_significant"); "" gives nullopt.
Result<std::optional<bool>> parse_judgement(std::string_view text, std::string_view where);

// The shared step of `vigil incident assess` and the API: reads the impact
// input, runs the IR 2024/2690 rules (assess_significance) and builds the
// request for incident::assess. Errors name `source` and the field.
// `incident_entity_type` (the incident's) stands in when the input gives no
// entity_type (absent or null); the request then records it as part of the
// input. A different one is refused by incident::assess.
Result<AssessRequest> assessment_request(const nlohmann::json& input, std::string_view source,
                                         std::optional<bool> judgement, std::string note, std::string by, Instant now,
                                         std::string_view incident_entity_type = "");

}  // namespace vigil::incident
