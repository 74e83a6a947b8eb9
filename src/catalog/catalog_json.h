// The machine form of the knowledge base: what `vigil catalog | show | map |
// coverage | search | standard --format json` print and what the /api/v1
// catalog routes answer. Built in one place so the CLI and the API cannot
// disagree; key order is part of the documented shape (ordered_json).
#pragma once

#include <span>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "catalog/catalog.h"
#include "catalog/resolve.h"
#include "catalog/search.h"
#include "core/error.h"

namespace vigil::catalog {

using OrderedJson = nlohmann::ordered_json;

// The sections of `vigil catalog <section>`, in listing order.
std::span<const std::string_view> catalog_sections();
bool is_catalog_section(std::string_view section);

// `vigil catalog`: without a section every array (iso27001, requirements,
// articles, entity_types, roadmap, standards, ir_2024_2690_sections,
// ir_2024_2690, mapping_sources; obligations live inside articles); with one,
// {<section>: [...]}. The section must be one of
// catalog_sections().
OrderedJson catalog_json(const Catalog& catalog, std::string_view section = {});

// `vigil show <id>`: the item's fields with a "type" and its links.
OrderedJson show_json(const Found& found);

// `vigil map <id>`: both directions of the NIS2 <-> ISO/IEC 27001 mapping.
// An entity type or a standard does not map: InvalidInput (from links_of).
Result<OrderedJson> map_json(const Found& found);

// The canonical id of what was found ("Art. 21(2)(h)", "A.8.24", ...).
std::string found_id(const Found& found);

// `vigil coverage`: per group and per requirement.
OrderedJson coverage_json(const Catalog& catalog);

// `vigil coverage --ir-2024-2690`: {regulation, sections: [{section, id, title,
// articles, coverage, total, full, partial, none, uncovered, iso27001}],
// points: [{id, reference, requirement, relationship, coverage, iso27001}],
// sources: [{id, citation, note}]}.
OrderedJson ir_coverage_json(const Catalog& catalog);

// `vigil search`: {query, results: [{rank, kind, id, title, reference, score}]}.
OrderedJson search_json(std::string_view query, std::span<const SearchHit> hits);

// `vigil standard <id>`: the standard profile.
OrderedJson standard_json(const StandardProfile& standard);

}  // namespace vigil::catalog
