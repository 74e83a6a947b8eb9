// Finding any catalog item from what a user types: an ISO clause or control
// ("A.8.24", "6.1.3"), a requirement ("rm.cryptography"), an article or one of
// its paragraphs ("Art. 21(2)(h)", also "art 21(2)(h)" or "Article 21"), a
// Directive annex ("Annex I"), an IR 2024/2690 Annex point or section
// ("ir.5.1.4", "IR 2024/2690 Annex 5.1.4"), an entity type, a roadmap step or a
// standard. Ids are matched case-insensitively. `vigil show` and `vigil map` (and
// the API) resolve ids here, so they agree on what an id means.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"
#include "core/error.h"

namespace vigil::catalog {

struct Found {
  enum class Kind { Iso, Requirement, Article, EntityType, RoadmapStep, Standard, IrRequirement, IrSection };
  Kind kind;
  const IsoItem* iso = nullptr;
  const Requirement* requirement = nullptr;
  const Article* article = nullptr;  // for Kind::Article
  std::string reference;             // for Kind::Article: "Art. 21" or "Art. 21(2)(h)"
  const EntityType* entity_type = nullptr;
  const RoadmapStep* step = nullptr;
  const StandardProfile* standard = nullptr;
  const IrRequirement* ir_requirement = nullptr;  // "ir.5.1.4", "IR 2024/2690 Annex 5.1.4"
  const IrSection* ir_section = nullptr;          // "ir.5", "IR 2024/2690 Annex 5"
};

// The item `query` names. Exact ids first, then a case-insensitive match.
// An unknown id is a NotFound error that suggests the nearest ids.
Result<Found> resolve(std::string_view query);

// "art 21(2)(h)", "Article 21(2)(h)", "ART. 21 (2) (h)" -> "Art. 21(2)(h)";
// the text unchanged when it does not look like an article reference.
std::string normalise_article_reference(std::string_view text);

// ISO items under a heading ("A.8" -> A.8.1 ... A.8.34; "6.1" -> 6.1.1 ...
// 6.1.3), the item itself first. For a leaf just the item.
std::vector<const IsoItem*> iso_item_and_children(const IsoItem& item);

// Obligations of the article that fall under `reference` ("Art. 21(2)" gives
// (a) to (j)); all of them for the whole article.
std::vector<const Obligation*> obligations_under(const Article& article, std::string_view reference);

// One NIS2 requirement linked to one ISO item (iso = nullptr when the
// requirement has no counterpart). The rows of `vigil map`.
struct Link {
  const Requirement* requirement;
  const IsoItem* iso;
};

// The links of an item in both directions: for a requirement or an article,
// NIS2 -> ISO; for an ISO item (and the items under a heading), ISO -> NIS2;
// for a roadmap step, the links of the requirements it serves. An entity type,
// a standard or an IR 2024/2690 Annex point or section does not map here
// (its ISO counterparts are in `show`): InvalidInput.
Result<std::vector<Link>> links_of(const Found& found);

}  // namespace vigil::catalog
