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

// Version 2 adds to the record what the entries now say (the
// undetermined criteria and overrides of assessments, each submission's
// deadline and lateness, withdrawals). A version 1 file, written before,
// still verifies: its record must say what the entries say, field by field,
// for the fields it holds.
// Version 3 adds "seal": the signed head of the chain (store/seal.h) when it
// was sealed, else null; the seal itself is checked by the application
// (application/verified_export.h), which holds the key.
inline constexpr std::string_view kExportFormat = "vigil-incident-export/3";
inline constexpr std::string_view kExportFormatV2 = "vigil-incident-export/2";
inline constexpr std::string_view kExportFormatV1 = "vigil-incident-export/1";

// How to check an export without Vigil; written into every file and, in a
// version 2 file, part of what is verified (an edited text is tampering).
inline constexpr std::string_view kExportVerification =
    "Each entry's hash is the lower-case hex SHA-256 of the UTF-8 JSON object {actor, at, incident, kind, org, "
    "payload, prev, seq} (incident = incident.id, org = organisation) with keys sorted and no whitespace, "
    "e.g. Python json.dumps(obj, sort_keys=True, separators=(',', ':'), ensure_ascii=False). Entry 1 has prev = "
    "64 zeros; every later prev equals the hash before it; chain_head is the last entry. Or run: vigil audit "
    "verify --export FILE";

// `seal`: the chain's seal as a JSON object, or null.
nlohmann::json export_incident(const Incident& incident, std::span<const Event> events, Instant exported_at,
                               const nlohmann::json& seal);

struct ExportCheck {
  std::string incident_id;
  std::int64_t entries = 0;
  std::string head_hash;
};

// Rebuilds every entry from the file, recomputes its hash, checks the links
// and the chain head, and replays the entries to check the record in the file
// says what they say (a version 1 file: for the fields it holds). The error
// names the first entry or field that does not match. Errors:
//   InvalidInput  not a Vigil incident export (no or another "format", a
//                 missing key, a value of the wrong type);
//   Conflict      a Vigil export that does not verify: an entry, link, chain
//                 head or record field that does not match, or (version 2)
//                 a key Vigil does not write, anywhere, or an edited
//                 "verification" text.
// `zones` replays the entries (record.h: apply).
Result<ExportCheck> verify_export(const nlohmann::json& file, std::string_view where, const Zones& zones);

}  // namespace vigil::incident
