#include "catalog/catalog_json.h"

#include <algorithm>
#include <array>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "catalog/coverage.h"

namespace vigil::catalog {

namespace {

using Json = OrderedJson;

constexpr std::array<std::string_view, 10> kSections = {
    "iso27001",  "requirements",          "articles",     "obligations",    "entity_types", "roadmap",
    "standards", "ir_2024_2690_sections", "ir_2024_2690", "mapping_sources"};

Json array_of(Ids ids) {
  Json out = Json::array();
  for (std::string_view id : ids) out.push_back(id);
  return out;
}

// --- the items themselves -----------------------------------------------------

Json iso_json(const IsoItem& i) {
  Json theme = i.kind == IsoKind::Clause ? Json(nullptr) : Json(i.group);
  return {{"id", i.id},       {"title", i.title},           {"kind", to_string(i.kind)}, {"theme", theme},
          {"group", i.group}, {"assessable", i.assessable}, {"summary", i.summary}};
}

Json ir_section_json(const IrSection& s) {
  return {{"id", s.id},
          {"number", s.number},
          {"reference", s.reference},
          {"title", s.title},
          {"articles", array_of(s.articles)}};
}

Json ir_requirement_json(const IrRequirement& r) {
  Json parts = Json::array();
  for (const IrPart& p : r.parts) parts.push_back({{"id", p.id}, {"title", p.title}});
  return {{"id", r.id},
          {"number", r.number},
          {"reference", r.reference},
          {"section", r.section},
          {"article", r.article},
          {"requirement", r.requirement},
          {"title", r.title},
          {"summary", r.summary},
          {"iso27001", array_of(r.iso27001)},
          {"relationship", to_string(r.relationship)},
          {"coverage", to_string(r.coverage)},
          {"mapping_sources", array_of(r.mapping_sources)},
          {"parts", parts}};
}

Json mapping_source_json(const MappingSource& m) { return {{"id", m.id}, {"citation", m.citation}, {"note", m.note}}; }

// An Annex point as a short JSON object (a link from another item).
Json ir_ref_json(const IrRequirement& r) {
  return {{"id", r.id}, {"reference", r.reference}, {"title", r.title}, {"relationship", to_string(r.relationship)}};
}

Json ir_refs_json(const std::vector<const IrRequirement*>& list) {
  Json out = Json::array();
  for (const IrRequirement* r : list) out.push_back(ir_ref_json(*r));
  return out;
}

Json requirement_json(const Requirement& r) {
  return {{"id", r.id},
          {"article", r.article},
          {"title", r.title},
          {"summary", r.summary},
          {"group", to_string(r.group)},
          {"iso27001", array_of(r.iso27001)},
          {"relationship", to_string(r.relationship)},
          {"coverage", to_string(r.coverage)},
          {"rationale", r.rationale},
          {"documents", array_of(r.documents)}};
}

Json obligation_json(const Obligation& o) { return {{"reference", o.reference}, {"text", o.text}}; }

Json article_json(const Article& a) {
  Json obligations = Json::array();
  for (const Obligation& o : a.obligations) obligations.push_back(obligation_json(o));
  return {{"id", a.id},
          {"number", a.number},
          {"title", a.title},
          {"summary", a.summary},
          {"obligations", obligations},
          {"requirements", array_of(a.requirements)},
          {"see_also", array_of(a.see_also)}};
}

Json entity_type_json(const EntityType& e) {
  return {{"id", e.id},
          {"annex", e.annex},
          {"sector", e.sector},
          {"subsector", e.subsector},
          {"entity_type", e.entity_type},
          {"defined_in", e.defined_in},
          {"size_independent_basis", e.size_independent_basis},
          {"annex_exclusion", e.annex_exclusion},
          {"ir_2024_2690", e.ir_2024_2690},
          {"jurisdiction", e.jurisdiction}};
}

Json step_json(const RoadmapStep& s) {
  return {{"number", s.number},
          {"id", s.id},
          {"title", s.title},
          {"description", s.description},
          {"requirements", array_of(s.requirements)},
          {"iso27001", array_of(s.iso27001)},
          {"documents", array_of(s.documents)},
          {"achieved_by_iso27001", s.achieved_by_iso27001}};
}

// A requirement as a short JSON object (a link from another item).
Json requirement_ref_json(const Requirement& r) {
  return {{"id", r.id},
          {"article", r.article},
          {"title", r.title},
          {"coverage", to_string(r.coverage)},
          {"relationship", to_string(r.relationship)},
          {"iso27001", array_of(r.iso27001)}};
}

Json steps_json(const std::vector<const RoadmapStep*>& steps) {
  Json out = Json::array();
  for (const RoadmapStep* s : steps) out.push_back({{"number", s->number}, {"id", s->id}, {"title", s->title}});
  return out;
}

Json section_json(const Catalog& c, std::string_view section) {
  Json out = Json::array();
  if (section == "iso27001")
    for (const IsoItem& i : c.iso27001) out.push_back(iso_json(i));
  else if (section == "requirements")
    for (const Requirement& r : c.requirements) out.push_back(requirement_json(r));
  else if (section == "articles")
    for (const Article& a : c.articles) out.push_back(article_json(a));
  else if (section == "obligations")
    for (const Article& a : c.articles)
      for (const Obligation& o : a.obligations) out.push_back(obligation_json(o));
  else if (section == "entity_types")
    for (const EntityType& e : c.entity_types) out.push_back(entity_type_json(e));
  else if (section == "roadmap")
    for (const RoadmapStep& s : c.roadmap) out.push_back(step_json(s));
  else if (section == "ir_2024_2690_sections")
    for (const IrSection& s : c.ir_sections) out.push_back(ir_section_json(s));
  else if (section == "ir_2024_2690")
    for (const IrRequirement& r : c.ir_requirements) out.push_back(ir_requirement_json(r));
  else if (section == "mapping_sources")
    for (const MappingSource& m : c.mapping_sources) out.push_back(mapping_source_json(m));
  else
    for (const StandardProfile& s : c.standards) out.push_back(standard_json(s));
  return out;
}

// --- vigil show, one function per kind of item ----------------------------------

Json show_iso(const IsoItem& item) {
  // A heading (A.8, 6.1) serves what the items under it serve.
  auto items = iso_item_and_children(item);
  std::vector<const Requirement*> requirements;
  for (const IsoItem* i : items)
    for (const Requirement* r : requirements_for_iso(i->id))
      if (std::find(requirements.begin(), requirements.end(), r) == requirements.end()) requirements.push_back(r);
  Json out = {{"type", "iso27001"}};
  out.update(iso_json(item));
  out["reference"] = fmt::format("ISO/IEC 27001:2022 {}", item.id);
  Json reqs = Json::array(), children = Json::array();
  for (const Requirement* r : requirements) reqs.push_back(requirement_ref_json(*r));
  for (std::size_t i = 1; i < items.size(); ++i) children.push_back({{"id", items[i]->id}, {"title", items[i]->title}});
  out["requirements"] = reqs;
  out["roadmap_steps"] = steps_json(steps_with_iso(item.id));
  out["children"] = children;
  out["ir_2024_2690"] = ir_refs_json(ir_requirements_for_iso(item.id));
  return out;
}

Json show_requirement(const Requirement& r) {
  // "Art. 23(4)(d)(e)" names two obligations: collect each one it covers.
  Json out = {{"type", "requirement"}};
  out.update(requirement_json(r));
  Json counterparts = Json::array(), obligation_list = Json::array();
  for (std::string_view id : r.iso27001) {
    const IsoItem* item = find_iso(id);
    counterparts.push_back({{"id", item->id}, {"title", item->title}, {"kind", to_string(item->kind)}});
  }
  for (const Obligation& o : find_article(r.article)->obligations)
    if (reference_covers(r.article, o.reference)) obligation_list.push_back(obligation_json(o));
  out["counterparts"] = counterparts;
  out["obligations"] = obligation_list;
  out["roadmap_steps"] = steps_json(steps_for_requirement(r.id));
  out["ir_2024_2690"] = ir_refs_json(ir_requirements_for(r.id));
  return out;
}

Json show_ir_requirement(const IrRequirement& r) {
  Json out = {{"type", "ir_2024_2690"}};
  out.update(ir_requirement_json(r));
  const IrSection& section = builtin().ir_sections[static_cast<std::size_t>(r.section - 1)];
  out["section_title"] = section.title;
  const Requirement* nis2 = find_requirement(r.requirement);
  out["implements"] = requirement_ref_json(*nis2);
  Json counterparts = Json::array(), sources = Json::array();
  for (std::string_view id : r.iso27001) {
    const IsoItem* item = find_iso(id);
    counterparts.push_back({{"id", item->id}, {"title", item->title}, {"kind", to_string(item->kind)}});
  }
  for (std::string_view id : r.mapping_sources) sources.push_back(mapping_source_json(*find_mapping_source(id)));
  out["counterparts"] = counterparts;
  out["sources"] = sources;
  return out;
}

Json show_ir_section(const IrSection& s) {
  Json out = {{"type", "ir_2024_2690_section"}};
  out.update(ir_section_json(s));
  Json points = Json::array();
  for (const IrRequirement& r : builtin().ir_requirements)
    if (r.section == s.number)
      points.push_back({{"id", r.id},
                        {"reference", r.reference},
                        {"title", r.title},
                        {"requirement", r.requirement},
                        {"coverage", to_string(r.coverage)},
                        {"iso27001", array_of(r.iso27001)}});
  out["points"] = points;
  return out;
}

Json show_article(const Article& article, const std::string& reference) {
  Json out = {{"type", "article"},
              {"id", reference},
              {"article", article.id},
              {"title", article.title},
              {"summary", article.summary}};
  Json obligation_list = Json::array(), reqs = Json::array();
  for (const Obligation* o : obligations_under(article, reference)) obligation_list.push_back(obligation_json(*o));
  for (const Requirement* r : requirements_for_article(reference)) reqs.push_back(requirement_ref_json(*r));
  out["obligations"] = obligation_list;
  out["requirements"] = reqs;
  out["see_also"] = array_of(article.see_also);
  if (article.number == 0) {  // an annex: the entity types it lists
    Json types = Json::array();
    std::string_view annex = article.id.substr(6);  // "Annex I" -> "I"
    for (const EntityType& e : builtin().entity_types)
      if (e.annex == annex) types.push_back({{"id", e.id}, {"sector", e.sector}, {"entity_type", e.entity_type}});
    out["entity_types"] = types;
  }
  return out;
}

Json show_entity_type(const EntityType& e) {
  Json out = {{"type", "entity_type"}};
  out.update(entity_type_json(e));
  return out;
}

Json show_step(const RoadmapStep& s) {
  Json out = {{"type", "roadmap_step"}};
  out.update(step_json(s));
  Json reqs = Json::array();
  for (std::string_view id : s.requirements) reqs.push_back(requirement_ref_json(*find_requirement(id)));
  out["requirement_details"] = reqs;
  return out;
}

}  // namespace

std::span<const std::string_view> catalog_sections() { return kSections; }

bool is_catalog_section(std::string_view section) {
  return std::find(kSections.begin(), kSections.end(), section) != kSections.end();
}

OrderedJson catalog_json(const Catalog& catalog, std::string_view section) {
  if (!section.empty()) return {{section, section_json(catalog, section)}};
  Json out;
  for (std::string_view s : kSections)
    if (s != "obligations") out[std::string(s)] = section_json(catalog, s);  // obligations live inside articles
  return out;
}

OrderedJson standard_json(const StandardProfile& s) {
  Json areas = Json::array(), articles = Json::array(), facts = Json::array();
  for (const CoverageArea& a : s.coverage_areas)
    areas.push_back({{"name", a.name}, {"description", a.description}, {"iso27001", array_of(a.iso27001)}});
  for (const StandardArticle& a : s.related_articles)
    articles.push_back({{"article", a.article}, {"guidance", a.guidance}, {"requirements", array_of(a.requirements)}});
  for (const QuickFact& f : s.quick_facts) facts.push_back({{"label", f.label}, {"value", f.value}});
  return {{"id", s.id},
          {"name", s.name},
          {"overview", s.overview},
          {"applicability", s.applicability},
          {"coverage_areas", areas},
          {"related_articles", articles},
          {"quick_facts", facts}};
}

OrderedJson show_json(const Found& found) {
  switch (found.kind) {
    case Found::Kind::Iso: return show_iso(*found.iso);
    case Found::Kind::Requirement: return show_requirement(*found.requirement);
    case Found::Kind::Article: return show_article(*found.article, found.reference);
    case Found::Kind::EntityType: return show_entity_type(*found.entity_type);
    case Found::Kind::RoadmapStep: return show_step(*found.step);
    case Found::Kind::Standard: return standard_json(*found.standard);
    case Found::Kind::IrRequirement: return show_ir_requirement(*found.ir_requirement);
    case Found::Kind::IrSection: return show_ir_section(*found.ir_section);
  }
  return nullptr;
}

std::string found_id(const Found& f) {
  switch (f.kind) {
    case Found::Kind::Iso: return std::string(f.iso->id);
    case Found::Kind::Requirement: return std::string(f.requirement->id);
    case Found::Kind::Article: return f.reference;
    case Found::Kind::RoadmapStep: return std::string(f.step->id);
    case Found::Kind::EntityType: return std::string(f.entity_type->id);
    case Found::Kind::Standard: return std::string(f.standard->id);
    case Found::Kind::IrRequirement: return std::string(f.ir_requirement->id);
    case Found::Kind::IrSection: return std::string(f.ir_section->id);
  }
  return {};
}

Result<OrderedJson> map_json(const Found& found) {
  auto links = TRY(links_of(found));
  // Both directions: each requirement with all its ISO counterparts, and each
  // ISO item with every requirement it serves (not only the ones asked about).
  std::vector<const Requirement*> requirements;
  std::vector<const IsoItem*> items;
  for (const Link& l : links) {
    if (std::find(requirements.begin(), requirements.end(), l.requirement) == requirements.end())
      requirements.push_back(l.requirement);
    if (l.iso && std::find(items.begin(), items.end(), l.iso) == items.end()) items.push_back(l.iso);
  }
  Json forward = Json::array(), backward = Json::array(), link_list = Json::array();
  for (const Requirement* r : requirements) forward.push_back(requirement_ref_json(*r));
  for (const IsoItem* i : items) {
    Json ids = Json::array();
    for (const Requirement* r : requirements_for_iso(i->id)) ids.push_back(r->id);
    backward.push_back({{"iso27001", i->id}, {"title", i->title}, {"requirements", ids}});
  }
  for (const Link& l : links)
    link_list.push_back({{"requirement", l.requirement->id},
                         {"article", l.requirement->article},
                         {"relationship", to_string(l.requirement->relationship)},
                         {"coverage", to_string(l.requirement->coverage)},
                         {"iso27001", l.iso ? Json(l.iso->id) : Json(nullptr)}});
  return Json{
      {"id", found_id(found)}, {"nis2_to_iso27001", forward}, {"iso27001_to_nis2", backward}, {"links", link_list}};
}

OrderedJson coverage_json(const Catalog& c) {
  Json group_list = Json::array(), reqs = Json::array();
  for (const GroupCoverage& g : coverage_by_group(c)) {
    Json uncovered = Json::array();
    for (std::string_view id : g.uncovered) uncovered.push_back(id);
    group_list.push_back({{"name", to_string(g.group)},
                          {"total", g.total},
                          {"full", g.full},
                          {"partial", g.partial},
                          {"none", g.none},
                          {"uncovered", uncovered}});
  }
  for (const Requirement& r : c.requirements)
    reqs.push_back({{"id", r.id},
                    {"article", r.article},
                    {"coverage", to_string(r.coverage)},
                    {"iso27001", array_of(r.iso27001)}});
  return {{"groups", group_list}, {"requirements", reqs}};
}

OrderedJson ir_coverage_json(const Catalog& c) {
  Json sections = Json::array(), points = Json::array(), sources = Json::array();
  for (const IrSectionCoverage& s : coverage_by_ir_section(c)) {
    Json ids = Json::array(), uncovered = Json::array();
    for (std::string_view id : s.iso27001) ids.push_back(id);
    for (std::string_view id : s.uncovered) uncovered.push_back(id);
    sections.push_back({{"section", s.section->number},
                        {"id", s.section->id},
                        {"title", s.section->title},
                        {"articles", array_of(s.section->articles)},
                        {"coverage", to_string(s.verdict)},
                        {"total", s.total},
                        {"full", s.full},
                        {"partial", s.partial},
                        {"none", s.none},
                        {"uncovered", uncovered},
                        {"iso27001", ids}});
  }
  for (const IrRequirement& r : c.ir_requirements)
    points.push_back({{"id", r.id},
                      {"reference", r.reference},
                      {"requirement", r.requirement},
                      {"relationship", to_string(r.relationship)},
                      {"coverage", to_string(r.coverage)},
                      {"iso27001", array_of(r.iso27001)}});
  for (const MappingSource& m : c.mapping_sources) sources.push_back(mapping_source_json(m));
  return {{"regulation", "Commission Implementing Regulation (EU) 2024/2690, Annex"},
          {"sections", sections},
          {"points", points},
          {"sources", sources}};
}

OrderedJson search_json(std::string_view query, std::span<const SearchHit> hits) {
  Json results = Json::array();
  int rank = 0;
  for (const SearchHit& h : hits)
    results.push_back({{"rank", ++rank},
                       {"kind", h.kind},
                       {"id", h.id},
                       {"title", h.title},
                       {"reference", h.reference},
                       {"score", std::round(h.score * 1000) / 1000}});
  return {{"query", query}, {"results", results}};
}

}  // namespace vigil::catalog
