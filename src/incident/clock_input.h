// Reads the JSON input of `vigil deadlines` into a ClockInput: strict (unknown
// fields are errors, absent booleans false, timestamps must carry an offset).
// The time zone is looked up through `locate`, supplied by the shell, so the
// reading itself stays pure.
#pragma once

#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "core/error.h"
#include "incident/deadlines.h"
#include "incident/zones.h"

namespace vigil::incident {

// Fields: awareness_time, timezone (required); trust_service_incident,
// notification_submitted_time, ongoing_when_final_report_due,
// incident_handled_time, personal_data_breach_awareness_time (optional).
// The convention is not part of the input (a command-line choice).
Result<ClockInput> parse_clock_input(const nlohmann::json& value, std::string_view where, const ZoneLocator& locate,
                                     Convention convention);

}  // namespace vigil::incident
