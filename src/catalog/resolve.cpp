#include "catalog/resolve.h"

#include <cctype>

#include <fmt/core.h>

#include "core/text.h"

namespace vigil::catalog {
namespace {

bool starts_with_word(std::string_view text, std::string_view word) {
  if (text.size() < word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(text[i])) != word[i]) return false;
  return true;
}

template <class T>
const T* find_in(std::span<const T> items, std::string_view id, bool ignore_case) {
  std::string wanted = to_lower(id);
  for (const T& item : items)
    if (item.id == id || (ignore_case && to_lower(item.id) == wanted)) return &item;
  return nullptr;
}

Found make(Found::Kind kind) {
  Found found{};
  found.kind = kind;
  return found;
}

Result<Found> article_reference(std::string_view text) {
  std::string reference = normalise_article_reference(text);
  const Article* article = find_article(reference);
  if (!article) return fail(ErrorCode::NotFound, "", "");
  if (article->number == 0) {  // an annex: the whole of it, or one of its points, in any case
    std::string canonical;
    if (equal_ignoring_case(reference, article->id)) canonical = article->id;
    for (const Obligation& o : article->obligations)
      if (equal_ignoring_case(reference, o.reference)) canonical = o.reference;
    if (canonical.empty()) return fail(ErrorCode::NotFound, "", "");
    Found found = make(Found::Kind::Article);
    found.article = article;
    found.reference = canonical;
    return found;
  }
  if (reference != article->id && !find_obligation(reference) && obligations_under(*article, reference).empty() &&
      requirements_for_article(reference).empty())
    return fail(ErrorCode::NotFound, "", "");
  Found found = make(Found::Kind::Article);
  found.article = article;
  found.reference = reference;
  return found;
}

}  // namespace

std::string normalise_article_reference(std::string_view text) {
  text = trim(text);
  std::string_view rest;
  if (starts_with_word(text, "article")) rest = text.substr(7);
  else if (starts_with_word(text, "art.")) rest = text.substr(4);
  else if (starts_with_word(text, "art")) rest = text.substr(3);
  else return std::string(text);
  std::string out = "Art. ";
  for (char c : rest)
    if (!std::isspace(static_cast<unsigned char>(c)))
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (out.size() == 5 || !std::isdigit(static_cast<unsigned char>(out[5]))) return std::string(text);
  return out;
}

Result<Found> resolve(std::string_view query) {
  std::string_view q = trim(query);
  const Catalog& c = builtin();
  // Exact ids first, so that a case-insensitive match never hides an exact one.
  for (bool ignore_case : {false, true}) {
    auto find = [&](auto items) { return find_in(items, q, ignore_case); };
    Found found = make(Found::Kind::Iso);
    if ((found.iso = find(c.iso27001))) return found;
    found = make(Found::Kind::Requirement);
    if ((found.requirement = find(c.requirements))) return found;
    found = make(Found::Kind::EntityType);
    if ((found.entity_type = find(c.entity_types))) return found;
    found = make(Found::Kind::RoadmapStep);
    if ((found.step = find(c.roadmap))) return found;
    found = make(Found::Kind::Standard);
    if ((found.standard = find(c.standards))) return found;
  }
  if (const IrRequirement* ir = find_ir_requirement(q)) {
    Found found = make(Found::Kind::IrRequirement);
    found.ir_requirement = ir;
    return found;
  }
  if (const IrSection* section = find_ir_section(q)) {
    Found found = make(Found::Kind::IrSection);
    found.ir_section = section;
    return found;
  }
  if (auto article = article_reference(q)) return article;
  std::vector<std::string_view> ids = all_ids();
  std::vector<std::string> near = nearest(normalise_article_reference(q), ids);
  std::string message = fmt::format(
      "no ISO 27001 item, NIS2 requirement, article, IR 2024/2690 Annex point, entity "
      "type, roadmap step or standard has the id '{}'",
      excerpt(q));
  if (!near.empty()) message += fmt::format("; did you mean {}?", or_list(near));
  return fail(ErrorCode::NotFound, std::string(q), message);
}

std::vector<const IsoItem*> iso_item_and_children(const IsoItem& item) {
  std::vector<const IsoItem*> out{&item};
  if (item.assessable) return out;
  std::string prefix = std::string(item.id) + ".";
  for (const IsoItem& other : builtin().iso27001)
    if (other.id.substr(0, prefix.size()) == prefix) out.push_back(&other);
  return out;
}

std::vector<const Obligation*> obligations_under(const Article& article, std::string_view reference) {
  std::vector<const Obligation*> out;
  for (const Obligation& o : article.obligations)
    if (article.number == 0 ? reference == article.id || reference == o.reference  // an annex: whole or one point
                            : reference_covers(o.reference, reference))
      out.push_back(&o);
  return out;
}

Result<std::vector<Link>> links_of(const Found& found) {
  std::vector<Link> out;
  auto forward = [&](const Requirement* r) {
    if (r->iso27001.empty()) out.push_back({r, nullptr});
    for (std::string_view id : r->iso27001) out.push_back({r, find_iso(id)});
  };
  switch (found.kind) {
    case Found::Kind::Requirement: forward(found.requirement); break;
    case Found::Kind::Article:
      for (const Requirement* r : requirements_for_article(found.reference)) forward(r);
      break;
    case Found::Kind::RoadmapStep:
      for (std::string_view id : found.step->requirements) forward(find_requirement(id));
      break;
    case Found::Kind::Iso:
      for (const IsoItem* item : iso_item_and_children(*found.iso))
        for (const Requirement* r : requirements_for_iso(item->id)) out.push_back({r, item});
      break;
    case Found::Kind::EntityType:
      return fail(
          ErrorCode::InvalidInput, "",
          fmt::format("'{}' is an entity type, which does not map to ISO 27001", excerpt(found.entity_type->id)),
          {HintKind::ShowEntityType, std::string(found.entity_type->id)});
    case Found::Kind::Standard:
      return fail(ErrorCode::InvalidInput, "", fmt::format("'{}' is a standard profile", excerpt(found.standard->id)),
                  {HintKind::ShowStandard, std::string(found.standard->id)});
    case Found::Kind::IrRequirement:
      return fail(ErrorCode::InvalidInput, "",
                  fmt::format("'{}' is an IR 2024/2690 Annex point", found.ir_requirement->id),
                  {HintKind::ShowIrPoint, std::string(found.ir_requirement->id)});
    case Found::Kind::IrSection:
      return fail(ErrorCode::InvalidInput, "",
                  fmt::format("'{}' is an IR 2024/2690 Annex section", found.ir_section->id),
                  {HintKind::ShowIrSection, std::string(found.ir_section->id)});
  }
  return out;
}

}  // namespace vigil::catalog
