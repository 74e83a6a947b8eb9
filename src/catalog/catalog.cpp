// Lookups over the compiled-in knowledge base. The catalog is small (a few
// hundred items), so a linear scan answers in well under a microsecond and
// needs no index to build at start-up.
#include "catalog/catalog.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "core/names.h"
#include "core/text.h"

namespace vigil::catalog {
namespace {

template <class T>
const T* find_by_id(std::span<const T> items, std::string_view id) {
  for (const T& item : items)
    if (item.id == id) return &item;
  return nullptr;
}

// Every item `keep` is true of, in catalog order.
template <class T, class Keep>
std::vector<const T*> all_where(std::span<const T> items, Keep keep) {
  std::vector<const T*> out;
  for (const T& item : items)
    if (keep(item)) out.push_back(&item);
  return out;
}

bool contains(Ids ids, std::string_view id) { return std::find(ids.begin(), ids.end(), id) != ids.end(); }

// Splits "Art. 23(4)(d)(e)" into its number "23" and the parts "4", "d", "e".
bool split_reference(std::string_view reference, std::string_view& number, std::vector<std::string_view>& parts) {
  if (reference.substr(0, 5) != "Art. ") return false;
  std::size_t i = 5;
  while (i < reference.size() && reference[i] >= '0' && reference[i] <= '9') ++i;
  if (i == 5) return false;
  number = reference.substr(5, i - 5);
  while (i < reference.size()) {
    if (reference[i] != '(') return false;
    std::size_t close = reference.find(')', i);
    if (close == std::string_view::npos || close == i + 1) return false;
    parts.push_back(reference.substr(i + 1, close - i - 1));
    i = close + 1;
  }
  return true;
}

bool is_paragraph(std::string_view part) { return !part.empty() && part[0] >= '0' && part[0] <= '9'; }

// "Art. 23(4)(d)(e)" -> "Art. 23(4)(d)", "Art. 23(4)(e)"; "Art. 23(1)(2)" ->
// "Art. 23(1)", "Art. 23(2)"; "Art. 21(2)(h)" -> itself. Numbers are paragraphs,
// letters points of the paragraph before them; several of a kind are a list.
std::vector<std::string> expand(std::string_view reference) {
  std::string_view number;
  std::vector<std::string_view> parts;
  if (!split_reference(reference, number, parts)) return {std::string(reference)};
  std::string base = "Art. " + std::string(number);
  if (parts.empty()) return {base};
  std::vector<std::string> out;
  std::string paragraph;
  bool paragraph_has_points = false;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (is_paragraph(parts[i])) {
      if (!paragraph.empty() && !paragraph_has_points) out.push_back(paragraph);
      paragraph = base + "(" + std::string(parts[i]) + ")";
      paragraph_has_points = false;
    } else {
      out.push_back((paragraph.empty() ? base : paragraph) + "(" + std::string(parts[i]) + ")");
      paragraph_has_points = true;
    }
  }
  if (!paragraph.empty() && !paragraph_has_points) out.push_back(paragraph);
  return out;
}

}  // namespace

const IsoItem* find_iso(std::string_view id) { return find_by_id(builtin().iso27001, id); }
const Requirement* find_requirement(std::string_view id) { return find_by_id(builtin().requirements, id); }
const EntityType* find_entity_type(std::string_view id) { return find_by_id(builtin().entity_types, id); }
const StandardProfile* find_standard(std::string_view id) {
  for (const StandardProfile& s : builtin().standards)
    if (equal_ignoring_case(s.id, id)) return &s;
  return nullptr;
}

namespace {

// "IR 2024/2690 Annex 5.1.4", "Annex 5.1.4", "ir.5.1.4", "ir 5.1.4" -> "5.1.4";
// the text unchanged otherwise. Case and spaces around the parts do not matter.
std::string ir_number(std::string_view text, bool bare_number_ok) {
  std::string t = to_lower(trim(text));
  auto strip = [&](std::string_view prefix) {
    if (t.rfind(prefix, 0) != 0) return false;
    t = std::string(trim(std::string_view(t).substr(prefix.size())));
    return true;
  };
  bool prefixed =
      strip("ir 2024/2690") || strip("implementing regulation (eu) 2024/2690") || strip("ir.") || strip("ir ");
  prefixed = strip("annex") || prefixed;
  if (!prefixed && !bare_number_ok) return {};
  if (t.empty() || !std::isdigit(static_cast<unsigned char>(t[0]))) return {};
  return t;
}

}  // namespace

const IrRequirement* find_ir_requirement(std::string_view id) {
  std::string number = ir_number(id, false);
  if (number.empty()) return nullptr;
  for (const IrRequirement& r : builtin().ir_requirements)
    if (r.number == number) return &r;
  return nullptr;
}

const IrSection* find_ir_section(std::string_view id) {
  std::string number = ir_number(id, false);
  if (number.empty()) return nullptr;
  for (const IrSection& s : builtin().ir_sections)
    if (std::to_string(s.number) == number) return &s;
  return nullptr;
}

const MappingSource* find_mapping_source(std::string_view id) { return find_by_id(builtin().mapping_sources, id); }

std::vector<const IrRequirement*> ir_requirements_for(std::string_view requirement_id) {
  return all_where(builtin().ir_requirements, [&](const IrRequirement& r) { return r.requirement == requirement_id; });
}

std::vector<const IrRequirement*> ir_requirements_for_iso(std::string_view iso_id) {
  return all_where(builtin().ir_requirements, [&](const IrRequirement& r) { return contains(r.iso27001, iso_id); });
}

const Iso2013Control* find_iso2013(std::string_view id) {
  for (const auto& c : builtin().iso27001_2013) {
    bool same = c.id.size() == id.size();
    for (std::size_t i = 0; same && i < id.size(); ++i) {
      same = std::tolower(static_cast<unsigned char>(c.id[i])) == std::tolower(static_cast<unsigned char>(id[i]));
    }
    if (same) return &c;
  }
  return nullptr;
}

const Article* find_article(std::string_view id) {
  // "Annex I" or "Annex I, point 8": the annex, whatever the case.
  for (const Article& a : builtin().articles) {
    if (a.number != 0 || id.size() < a.id.size() || !equal_ignoring_case(id.substr(0, a.id.size()), a.id)) continue;
    if (id.size() == a.id.size() || id[a.id.size()] == ',') return &a;
  }
  std::string_view number;
  std::vector<std::string_view> parts;
  if (!split_reference(id, number, parts)) return nullptr;
  return find_by_id(builtin().articles, id.substr(0, 5 + number.size()));
}

const Obligation* find_obligation(std::string_view reference) {
  const Article* article = find_article(reference);
  if (!article) return nullptr;
  for (const Obligation& obligation : article->obligations)
    if (obligation.reference == reference) return &obligation;
  return nullptr;
}

bool reference_covers(std::string_view article, std::string_view reference) {
  for (const std::string& one : expand(article)) {
    if (one == reference) return true;
    if (one.size() > reference.size() && one.compare(0, reference.size(), reference) == 0 &&
        one[reference.size()] == '(')
      return true;
  }
  return false;
}

std::vector<const Requirement*> requirements_for_iso(std::string_view iso_id) {
  return all_where(builtin().requirements, [&](const Requirement& r) { return contains(r.iso27001, iso_id); });
}

std::vector<const RoadmapStep*> steps_with_iso(std::string_view iso_id) {
  return all_where(builtin().roadmap, [&](const RoadmapStep& s) { return contains(s.iso27001, iso_id); });
}

std::vector<const Requirement*> requirements_for_article(std::string_view reference) {
  return all_where(builtin().requirements,
                   [&](const Requirement& r) { return reference_covers(r.article, reference); });
}

std::vector<const RoadmapStep*> steps_for_requirement(std::string_view requirement_id) {
  return all_where(builtin().roadmap, [&](const RoadmapStep& s) { return contains(s.requirements, requirement_id); });
}

std::vector<std::string_view> iso_ids(bool assessable_only) {
  std::vector<std::string_view> out;
  for (const IsoItem& item : builtin().iso27001)
    if (!assessable_only || item.assessable) out.push_back(item.id);
  return out;
}

std::vector<std::string_view> entity_type_ids() {
  std::vector<std::string_view> out;
  for (const EntityType& e : builtin().entity_types) out.push_back(e.id);
  return out;
}

std::vector<std::string_view> all_ids() {
  const Catalog& c = builtin();
  std::vector<std::string_view> out = iso_ids(false);
  for (const Requirement& r : c.requirements) out.push_back(r.id);
  for (const IrSection& s : c.ir_sections) out.push_back(s.id);
  for (const IrRequirement& r : c.ir_requirements) out.push_back(r.id);
  for (const Article& a : c.articles) {
    out.push_back(a.id);
    for (const Obligation& o : a.obligations) out.push_back(o.reference);
  }
  for (const EntityType& e : c.entity_types) out.push_back(e.id);
  for (const RoadmapStep& s : c.roadmap) out.push_back(s.id);
  for (const StandardProfile& s : c.standards) out.push_back(s.id);
  return out;
}

namespace {

constexpr EnumNames<IsoKind, 3> kIsoKinds{{"clause", "control_theme", "control"}};
constexpr EnumNames<Relationship, 5> kRelationships{{"equal", "subset", "superset", "intersect", "no_relationship"}};
constexpr EnumNames<Coverage, 3> kCoverages{{"full", "partial", "none"}};
constexpr EnumNames<Correspondence, 3> kCorrespondences{{"one_to_one", "merged", "split"}};
constexpr EnumNames<Group, 2> kGroups{{"risk_management", "reporting"}};

}  // namespace

std::string_view to_string(IsoKind kind) { return name_of(kind, kIsoKinds); }
std::string_view to_string(Relationship relationship) { return name_of(relationship, kRelationships); }
std::string_view to_string(Coverage coverage) { return name_of(coverage, kCoverages); }
std::string_view to_string(Correspondence c) { return name_of(c, kCorrespondences); }
std::string_view to_string(Group group) { return name_of(group, kGroups); }

}  // namespace vigil::catalog
