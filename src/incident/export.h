// One incident as a single JSON file a supervisor can check without Vigil's
// database: the record, every entry of its chain with its hash, and the chain
// head. verify_export() is what `vigil audit verify --export FILE` runs; the
// same check can be written in a few lines of any language (docs/INCIDENTS.md).
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "core/error.h"
#include "incident/event_log.h"
#include "incident/incident.h"

namespace vigil::incident {

// Version 2 (issue 11) adds to the record what the entries now say (the
// undetermined criteria and overrides of assessments, each submission's
// deadline and lateness, withdrawals). A version 1 file, written before,
// still verifies: its record must say what the entries say, field by field,
// for the fields it holds.
inline constexpr std::string_view kExportFormat = "vigil-incident-export/2";
inline constexpr std::string_view kExportFormatV1 = "vigil-incident-export/1";

nlohmann::json export_incident(const Incident& incident, std::span<const Event> events, Instant exported_at);

struct ExportCheck {
  std::string incident_id;
  std::int64_t entries = 0;
  std::string head_hash;
};

// Rebuilds every entry from the file, recomputes its hash, checks the links
// and the chain head, and replays the entries to check the record in the file
// says what they say (a version 1 file: for the fields it holds). The error
// names the first entry or field that does not match.
Result<ExportCheck> verify_export(const nlohmann::json& file, std::string_view where);

}  // namespace vigil::incident
