#include "catalog/oscal.h"

#include <cctype>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/names.h"
#include "core/uuid.h"

namespace vigil::catalog {
namespace {

using Json = nlohmann::ordered_json;

Json metadata(std::string_view title, std::string_view remarks) {
  return {
      {"title", title},
      {"last-modified", kKnowledgeBaseDate},
      {"version", kKnowledgeBaseVersion},
      {"oscal-version", kOscalVersion},
      {"props", Json::array({{{"name", "generator"}, {"ns", "https://vigil.invalid/ns/oscal"}, {"value", "vigil"}}})},
      {"remarks", remarks}};
}

Json prop(std::string_view name, std::string_view value) { return {{"name", name}, {"value", value}}; }

Json label(std::string_view value) { return prop("label", value); }

Json iso_resource() {
  return {{"uuid", oscal_uuid("resource:iso27001-2022")},
          {"title",
           "ISO/IEC 27001:2022 Information security, cybersecurity and privacy protection - Information "
           "security management systems - Requirements"},
          {"description", "Clauses 4 to 10 and Annex A controls, referred to by their numbers only."}};
}

Json nis2_catalog(const Catalog& c) {
  Json groups = Json::array();
  for (const Article& a : c.articles) {
    if (a.requirements.empty()) continue;
    Json controls = Json::array();
    for (std::string_view id : a.requirements) {
      const Requirement* r = find_requirement(id);
      controls.push_back(
          {{"id", oscal_token(r->id)},
           {"class", "nis2-requirement"},
           {"title", r->title},
           {"props", Json::array({label(r->article), prop("group", to_string(r->group))})},
           {"parts",
            Json::array({{{"id", oscal_token(r->id) + "_smt"}, {"name", "statement"}, {"prose", r->summary}},
                         {{"id", oscal_token(r->id) + "_gdn"}, {"name", "guidance"}, {"prose", r->rationale}}})}});
    }
    groups.push_back(
        {{"id", oscal_token(a.id)},
         {"class", "article"},
         {"title", fmt::format("{} {}", a.id, a.title)},
         {"parts", Json::array({{{"id", oscal_token(a.id) + "_ovw"}, {"name", "overview"}, {"prose", a.summary}}})},
         {"controls", controls}});
  }
  return {{"uuid", oscal_uuid("catalog:nis2")},
          {"metadata", metadata("NIS2 Directive (EU) 2022/2555: cybersecurity risk-management and reporting "
                                "requirements (Arts 20, 21, 23)",
                                "Summaries in Vigil's own words; the Directive's text is not reproduced.")},
          {"groups", groups}};
}

Json ir_catalog(const Catalog& c) {
  Json groups = Json::array();
  for (const IrSection& s : c.ir_sections) {
    Json controls = Json::array();
    for (const IrRequirement& r : c.ir_requirements) {
      if (r.section != s.number) continue;
      Json parts = Json::array({{{"id", oscal_token(r.id) + "_smt"}, {"name", "statement"}, {"prose", r.summary}}});
      for (const IrPart& p : r.parts)
        parts.push_back({{"id", oscal_token("ir." + std::string(p.id))},
                         {"name", "item"},
                         {"props", Json::array({label(p.id)})},
                         {"prose", p.title}});
      controls.push_back({{"id", oscal_token(r.id)},
                          {"class", "ir-2024-2690-requirement"},
                          {"title", r.title},
                          {"props", Json::array({label(r.reference), prop("nis2-article", r.article),
                                                 prop("nis2-requirement", r.requirement)})},
                          {"parts", parts}});
    }
    Json articles = Json::array();
    for (std::string_view a : s.articles) articles.push_back(prop("nis2-article", a));
    articles.push_back(label(s.reference));
    groups.push_back({{"id", oscal_token(s.id)},
                      {"class", "annex-section"},
                      {"title", s.title},
                      {"props", articles},
                      {"controls", controls}});
  }
  return {{"uuid", oscal_uuid("catalog:ir-2024-2690")},
          {"metadata", metadata("Commission Implementing Regulation (EU) 2024/2690, Annex: technical and "
                                "methodological requirements",
                                "Numbering as in the Annex (ids ir.<number>); titles and summaries in Vigil's own "
                                "words; the Regulation's text is not reproduced.")},
          {"groups", groups}};
}

// One map per requirement or Annex point with an ISO counterpart.
Json maps_of(std::string_view id, Relationship relationship, Ids iso, std::string_view rationale) {
  Json targets = Json::array();
  for (std::string_view t : iso) targets.push_back({{"type", "control"}, {"id-ref", oscal_token(t)}});
  Json map = {{"uuid", oscal_uuid(fmt::format("map:{}", id))},
              {"relationship", oscal_relationship(relationship)},
              {"sources", Json::array({{{"type", "control"}, {"id-ref", oscal_token(id)}}})},
              {"targets", targets},
              {"props", Json::array({prop("vigil-relationship", to_string(relationship))})}};
  if (!rationale.empty()) map["remarks"] = rationale;
  return map;
}

}  // namespace

std::string oscal_uuid(std::string_view name) {
  return uuid_v5(kUuidNamespaceUrl, fmt::format("https://vigil.invalid/oscal/{}", name));
}

std::string oscal_token(std::string_view text) {
  std::string out;
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '.' || c == '-' || c == '_') out += c;
    else if (c == '(' || c == ' ' || c == ',') {
      if (!out.empty() && out.back() != '_') out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  if (out.empty() || !(std::isalpha(static_cast<unsigned char>(out[0])) || out[0] == '_')) out = "_" + out;
  return out;
}

// OSCAL's mapping relationships (NIST IR 8477 set theory).
constexpr EnumNames<Relationship, 5> kOscalRelationships{
    {"equal-to", "subset-of", "superset-of", "intersects-with", "no-relationship"}};

std::string_view oscal_relationship(Relationship relationship) { return name_of(relationship, kOscalRelationships); }

Result<nlohmann::ordered_json> oscal_catalog(const Catalog& catalog, std::string_view which) {
  if (which == "nis2") return Json{{"catalog", nis2_catalog(catalog)}};
  if (which == "ir-2024-2690") return Json{{"catalog", ir_catalog(catalog)}};
  return invalid("catalog", fmt::format("'{}' is not a catalog Vigil exports; valid: nis2, ir-2024-2690", which));
}

nlohmann::ordered_json oscal_mapping(const Catalog& c) {
  Json nis2_maps = Json::array(), unmapped = Json::array(), ir_maps = Json::array();
  for (const Requirement& r : c.requirements) {
    if (r.iso27001.empty()) unmapped.push_back(oscal_token(r.id));
    else nis2_maps.push_back(maps_of(r.id, r.relationship, r.iso27001, r.rationale));
  }
  for (const IrRequirement& r : c.ir_requirements) {
    Json map = maps_of(r.id, r.relationship, r.iso27001, {});
    for (std::string_view s : r.mapping_sources) map["props"].push_back(prop("source", s));
    ir_maps.push_back(std::move(map));
  }
  Json iso_ref = {{"type", "catalog"}, {"href", "#" + oscal_uuid("resource:iso27001-2022")}};
  Json nis2_mapping = {{"uuid", oscal_uuid("mapping:nis2-iso27001")},
                       {"method", "human"},
                       {"matching-rationale", "semantic"},
                       {"status", "complete"},
                       {"source-resource", {{"type", "catalog"}, {"href", "#" + oscal_uuid("resource:catalog-nis2")}}},
                       {"target-resource", iso_ref},
                       {"maps", nis2_maps}};
  if (!unmapped.empty())
    nis2_mapping["source-gap-summary"] = {{"uuid", oscal_uuid("gap:nis2-iso27001")},
                                          {"unmapped-controls", Json::array({{{"with-ids", unmapped}}})}};
  std::string attribution;
  Json resources =
      Json::array({iso_resource(),
                   {{"uuid", oscal_uuid("resource:catalog-nis2")},
                    {"title", "Vigil NIS2 catalog (vigil export oscal catalog nis2)"}},
                   {{"uuid", oscal_uuid("resource:catalog-ir-2024-2690")},
                    {"title", "Vigil IR 2024/2690 Annex catalog (vigil export oscal catalog ir-2024-2690)"}}});
  for (const MappingSource& m : c.mapping_sources) {
    attribution += fmt::format("{}: {} {}\n\n", m.id, m.citation, m.note);
    resources.push_back({{"uuid", oscal_uuid(fmt::format("source:{}", m.id))},
                         {"title", m.citation},
                         {"description", m.note},
                         {"props", Json::array({prop("vigil-source-id", m.id)})}});
  }
  Json ir_mapping = {
      {"uuid", oscal_uuid("mapping:ir-2024-2690-iso27001")},
      {"method", "human"},
      {"matching-rationale", "semantic"},
      {"status", "complete"},
      {"source-resource", {{"type", "catalog"}, {"href", "#" + oscal_uuid("resource:catalog-ir-2024-2690")}}},
      {"target-resource", iso_ref},
      {"maps", ir_maps},
      {"remarks",
       "ENISA presents these pairs as correspondences that point to relevant ISO/IEC "
       "27001:2022 requirements, not as equivalences or full coverage; the table is "
       "advisory.\n\n" +
           attribution}};
  Json provenance = {{"method", "human"},
                     {"matching-rationale", "semantic"},
                     {"status", "complete"},
                     {"mapping-description",
                      "How the NIS2 requirements (Arts 20, 21, 23) and the IR 2024/2690 Annex points relate to ISO/IEC "
                      "27001:2022 clauses and Annex A controls. NIS2 relationships are Vigil's own judgement, each "
                      "with its rationale; IR relationships follow ENISA's mapping table (correspondences, not "
                      "equivalences)."}};
  return {{"mapping-collection",
           {{"uuid", oscal_uuid("mapping-collection:vigil")},
            {"metadata", metadata("Vigil: NIS2 and IR 2024/2690 mapped to ISO/IEC 27001:2022",
                                  "Relationships carried over from Vigil's knowledge base; the original term is in "
                                  "each map's vigil-relationship property.")},
            {"provenance", provenance},
            {"mappings", Json::array({nis2_mapping, ir_mapping})},
            {"back-matter", {{"resources", resources}}}}}};
}

}  // namespace vigil::catalog
