// The machine form of the incident record (`--format json` of show, list and
// the export). Field names are stable: scripts and supervisors read them.
#pragma once

#include <span>

#include <nlohmann/json_fwd.hpp>

#include "incident/incident.h"

namespace vigil::incident {

nlohmann::json to_json(const Incident& incident);
nlohmann::json to_json(const Summary& summary);
nlohmann::json to_json(std::span<const PendingReport> pending);
nlohmann::json to_json(const Event& event);  // payload as an object

}  // namespace vigil::incident
