// The knowledge base as OSCAL JSON (NIST OSCAL 1.2.1, the version of the
// official schemas the tests validate against): the NIS2 requirements and the
// IR 2024/2690 Annex as catalogs, and their ISO/IEC 27001:2022 mappings as a
// mapping collection (`vigil export oscal catalog|mapping`). Every UUID is a
// version-5 UUID of the item's id, so re-exports diff cleanly; timestamps are
// the knowledge base's edition date, not the time of export.
#pragma once

#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "catalog/catalog.h"
#include "core/error.h"

namespace vigil::catalog {

inline constexpr std::string_view kOscalVersion = "1.2.1";
// The edition of the knowledge base these documents describe (metadata.version
// and last-modified of the catalogs and mappings).
inline constexpr std::string_view kKnowledgeBaseVersion = "2.0";
inline constexpr std::string_view kKnowledgeBaseDate = "2026-11-30T00:00:00Z";

// The UUID Vigil gives the thing named `name` ("catalog:nis2", "control:rm.mfa").
std::string oscal_uuid(std::string_view name);

// An OSCAL id (TokenDatatype: a letter or '_' first, then letters, digits, '.',
// '-', '_') from a Vigil id or Annex number: "5.1.4(a)" -> "ir.5.1.4_a".
std::string oscal_token(std::string_view text);

// "nis2" (Arts 20, 21, 23: one group per article, one control per requirement)
// or "ir-2024-2690" (one group per Annex section, one control per numbered
// point, sub-points as parts). Another name: InvalidInput naming both.
Result<nlohmann::ordered_json> oscal_catalog(const Catalog& catalog, std::string_view which);

// One mapping collection with two mappings: NIS2 requirements -> ISO/IEC
// 27001:2022 and IR 2024/2690 Annex points -> ISO/IEC 27001:2022, each map
// carrying Vigil's relationship as OSCAL's (equal-to, subset-of, superset-of,
// intersects-with); requirements without an ISO counterpart are listed in the
// source gap summary. The ENISA attribution is in the IR mapping's remarks and
// the back-matter.
nlohmann::ordered_json oscal_mapping(const Catalog& catalog);

// OSCAL's relationship token for Vigil's relationship.
std::string_view oscal_relationship(Relationship relationship);

}  // namespace vigil::catalog
