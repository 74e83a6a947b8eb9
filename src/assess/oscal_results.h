// A gap assessment as OSCAL 1.2.1 JSON (`vigil export oscal
// assessment-results|poam`): assessment results with one finding per NIS2
// requirement (satisfied only when the requirement is met), the SoA's evidence
// references in back-matter with their SHA-256 where the caller could read the
// file, and the assessment's prioritised actions as a plan of action and
// milestones. UUIDs are version-5 UUIDs of ids and the assessment date, so the
// same assessment exports the same document.
#pragma once

#include <map>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "assess/gap_report.h"
#include "assess/soa.h"

namespace vigil::assess {

// SHA-256 (lower-case hex) of the evidence references the caller could read,
// keyed by the reference as the SoA gives it; references absent here are
// exported without a hash.
using EvidenceHashes = std::map<std::string, std::string>;

nlohmann::ordered_json oscal_assessment_results(const GapReport& report, const Soa& soa, const EvidenceHashes& hashes);
nlohmann::ordered_json oscal_poam(const GapReport& report);

}  // namespace vigil::assess
