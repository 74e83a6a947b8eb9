// `vigil audit verify`: re-walks every incident's chain through the Store
// interface (so it works on every implementation), recomputes each hash,
// replays the entries and checks that the listing row kept beside the log,
// the incident numbering and the evidence content still agree with them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "store/store.h"

namespace vigil::store {

struct AuditFinding {
  std::string incident_id;  // "" for findings about evidence
  std::int64_t seq = 0;     // the first entry that does not match; 0 when not about one entry
  std::string reason;
};

struct AuditReport {
  std::int64_t incidents = 0;
  std::int64_t entries = 0;
  std::int64_t evidence_files = 0;
  std::vector<AuditFinding> findings;  // empty: the trail is intact
  bool intact() const { return findings.empty(); }
};

Result<AuditReport> verify_workspace(Store& store, std::string_view org);

// {"intact", "incidents", "entries", "evidence_files", "findings": [{"incident",
// "seq", "reason"}]}: `vigil audit verify --format json` and GET .../audit/verify.
nlohmann::json to_json(const AuditReport& report);

}  // namespace vigil::store
