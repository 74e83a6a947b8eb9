// The knowledge base over HTTP, read-only, for any signed-in user: the same
// resolve/search/coverage as `vigil catalog | show | map | coverage | search |
// standard` (catalog/), and the same JSON as their --format json, built by
// catalog/catalog_json. The catalog is compiled into the binary, so nothing
// here touches storage.
#include <charconv>

#include <nlohmann/json.hpp>

#include "catalog/catalog.h"
#include "catalog/catalog_json.h"
#include "catalog/coverage.h"
#include "catalog/resolve.h"
#include "catalog/search.h"
#include "core/errors.h"
#include "server/app.h"

namespace vigil::server {

namespace {

namespace cat = vigil::catalog;

constexpr std::size_t kDefaultSearchLimit = 10;  // as `vigil search`
constexpr std::size_t kMaxSearchLimit = 1000;

Response ordered_json_response(const cat::OrderedJson& body) { return json_response(body.dump()); }

std::string known_sections() {
  std::string out;
  for (std::string_view s : cat::catalog_sections()) out += (out.empty() ? "" : ", ") + std::string(s);
  return out;
}

// GET /api/v1/catalog?section=...: `vigil catalog [SECTION] --format json`.
Result<Response> listing(Context& c) {
  auto section = c.request.query_param("section");
  if (section && !cat::is_catalog_section(*section)) {
    return fail(ErrorCode::InvalidInput, "section",
                "'" + *section + "' is not a section of the catalog; expected one of " + known_sections());
  }
  return ordered_json_response(cat::catalog_json(cat::builtin(), section.value_or("")));
}

// GET /api/v1/catalog/{id}: `vigil show ID --format json`. An unknown id is a
// 404 whose detail names the nearest ids ("did you mean ...?").
Result<Response> show(Context& c) {
  auto found = TRY(cat::resolve(c.param("id")));
  return ordered_json_response(cat::show_json(found));
}

// GET /api/v1/catalog/{id}/mapping: `vigil map ID --format json`.
Result<Response> mapping(Context& c) {
  auto found = TRY(cat::resolve(c.param("id")));
  return ordered_json_response(TRY(cat::map_json(found)));
}

// GET /api/v1/coverage[?regulation=ir-2024-2690]: `vigil coverage
// [--ir-2024-2690] --format json`.
Result<Response> coverage(Context& c) {
  auto regulation = c.request.query_param("regulation");
  if (!regulation) return ordered_json_response(cat::coverage_json(cat::builtin()));
  if (*regulation != "ir-2024-2690")
    return fail(
        ErrorCode::InvalidInput, "regulation",
        "'" + *regulation + "' is not valid; expected ir-2024-2690 (or no regulation for NIS2 Arts 20, 21, 23)");
  return ordered_json_response(cat::ir_coverage_json(cat::builtin()));
}

Result<std::size_t> search_limit(const Request& request) {
  auto text = request.query_param("limit");
  if (!text) return kDefaultSearchLimit;
  std::size_t limit = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), limit);
  if (ec != std::errc{} || end != text->data() + text->size() || limit < 1 || limit > kMaxSearchLimit) {
    return fail(ErrorCode::InvalidInput, "limit",
                "'" + *text + "' is not valid; expected a whole number from 1 to " + std::to_string(kMaxSearchLimit));
  }
  return limit;
}

// GET /api/v1/catalog-search?q=...&limit=N: `vigil search WORDS --format json`.
Result<Response> search(Context& c) {
  auto query = c.request.query_param("q");
  auto limit = search_limit(c.request);
  Errors errors;
  if (!query || query->empty())
    errors.add({ErrorCode::InvalidInput, "q", "required: the words to look for, e.g. ?q=encryption", {}});
  if (!limit) errors.add(limit.error());
  TRY(errors.result());
  auto hits = cat::search(cat::builtin(), *query, *limit);
  if (!hits) {
    Error error = hits.error();
    error.where = "q";  // the domain calls it the query; here it is this parameter
    return tl::unexpected(error);
  }
  return ordered_json_response(cat::search_json(*query, *hits));
}

// GET /api/v1/standard/{id}: `vigil standard ID --format json`.
Result<Response> standard(Context& c) {
  const cat::StandardProfile* profile = cat::find_standard(c.param("id"));
  if (!profile) {
    std::string known;
    for (const cat::StandardProfile& s : cat::builtin().standards)
      known += (known.empty() ? "" : ", ") + std::string(s.id);
    return fail(ErrorCode::NotFound, "id", "no standard profile '" + std::string(c.param("id")) + "'; known: " + known);
  }
  return ordered_json_response(cat::standard_json(*profile));
}

}  // namespace

void add_catalog_routes(const RouteGroups& api) {
  api.signed_in
      .add("GET", "/catalog",
           "The knowledge base (`vigil catalog --format json`); ?section=iso27001|requirements|articles|"
           "obligations|entity_types|roadmap|standards for one section.",
           listing)
      .reads("section", "One section of the catalog (e.g. requirements, entity_types)")
      .answers("Catalog");
  api.signed_in
      .add("GET", "/catalog/{id}",
           "One item (`vigil show ID --format json`): a requirement, an article or paragraph ('Art. 21(2)(h)'), "
           "an ISO/IEC 27001 clause or control, an entity type, a roadmap step or a standard; unknown ids 404 "
           "with the nearest ids.",
           show)
      .answers("CatalogItem");
  api.signed_in
      .add("GET", "/catalog/{id}/mapping",
           "The NIS2 <-> ISO/IEC 27001:2022 mapping of an item in both directions (`vigil map ID --format json`).",
           mapping)
      .answers("CatalogMapping");
  api.signed_in
      .add("GET", "/coverage",
           "How far ISO/IEC 27001 carries an entity towards NIS2, per group and requirement "
           "(`vigil coverage --format json`); ?regulation=ir-2024-2690 per IR 2024/2690 Annex section "
           "(`vigil coverage --ir-2024-2690 --format json`).",
           coverage)
      .reads("regulation", "ir-2024-2690: the IR 2024/2690 Annex (default: NIS2 Arts 20, 21, 23)")
      .answers("Coverage");
  api.signed_in
      .add("GET", "/catalog-search",
           "Ranked full-text search of the catalog (`vigil search --format json`): ?q=words&limit=1..1000 "
           "(default 10).",
           search)
      .reads("q", "The words to look for")
      .reads("limit", "How many results (1 to 1000; default 10)")
      .answers("CatalogSearch");
  api.signed_in
      .add("GET", "/standard/{id}",
           "A standard profile and how it carries an entity towards NIS2 (`vigil standard ID --format json`).",
           standard)
      .answers("StandardProfile");
}

}  // namespace vigil::server
