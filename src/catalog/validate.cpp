#include "catalog/validate.h"

#include <map>
#include <set>
#include <string_view>

#include <fmt/core.h>

namespace vigil::catalog {

Coverage coverage_of(Relationship relationship) {
  switch (relationship) {
    case Relationship::Equal:
    case Relationship::Subset: return Coverage::Full;
    case Relationship::Superset:
    case Relationship::Intersect: return Coverage::Partial;
    case Relationship::NoRelationship: return Coverage::None;
  }
  return Coverage::None;
}

namespace {

class Checker {
 public:
  explicit Checker(const Catalog& c) : c_(c) {
    for (const IsoItem& i : c.iso27001) iso_.insert(i.id);
    for (const Requirement& r : c.requirements) requirements_.insert(r.id);
  }

  std::vector<std::string> run() {
    unique_ids();
    for (const Requirement& r : c_.requirements) requirement(r);
    for (const Article& a : c_.articles) article(a);
    for (std::size_t i = 0; i < c_.roadmap.size(); ++i) step(c_.roadmap[i], i + 1);
    for (const StandardProfile& s : c_.standards) standard(s);
    for (const IrRequirement& r : c_.ir_requirements) ir_requirement(r);
    return std::move(problems_);
  }

 private:
  void problem(std::string text) { problems_.push_back(std::move(text)); }

  // `vigil show <id>` accepts any kind of id, so ids must be unique across kinds.
  void unique_ids() {
    std::map<std::string_view, std::string_view> seen;
    auto claim = [&](std::string_view id, std::string_view kind) {
      if (id.empty()) return problem(fmt::format("{} with an empty id", kind));
      auto [it, inserted] = seen.emplace(id, kind);
      if (!inserted) problem(fmt::format("duplicate id '{}' ({} and {})", id, it->second, kind));
    };
    for (const IsoItem& i : c_.iso27001) claim(i.id, "ISO item");
    for (const Requirement& r : c_.requirements) claim(r.id, "requirement");
    for (const Article& a : c_.articles) claim(a.id, "article");
    for (const IrSection& s : c_.ir_sections) claim(s.id, "IR 2024/2690 Annex section");
    for (const IrRequirement& r : c_.ir_requirements) claim(r.id, "IR 2024/2690 Annex point");
    for (const EntityType& e : c_.entity_types) claim(e.id, "entity type");
    std::set<std::string_view> steps, standards;
    for (const RoadmapStep& s : c_.roadmap)
      if (!steps.insert(s.id).second) problem(fmt::format("duplicate roadmap step id '{}'", s.id));
    for (const StandardProfile& s : c_.standards)
      if (!standards.insert(s.id).second) problem(fmt::format("duplicate standard id '{}'", s.id));
  }

  void iso_exist(Ids ids, std::string_view owner) {
    for (std::string_view id : ids)
      if (!iso_.count(id)) problem(fmt::format("{}: unknown ISO 27001 id '{}'", owner, id));
  }
  void requirements_exist(Ids ids, std::string_view owner) {
    for (std::string_view id : ids)
      if (!requirements_.count(id)) problem(fmt::format("{}: unknown requirement '{}'", owner, id));
  }

  // Every mapping to ISO items is backed by a relationship, or explicitly marked
  // as having none, and the relationship fixes the coverage.
  template <typename Mapped>
  void mapping_consistent(const Mapped& r, const std::string& owner) {
    if (r.iso27001.empty() != (r.relationship == Relationship::NoRelationship))
      problem(owner + ": no_relationship goes with an empty ISO mapping and only with it");
    if (r.coverage != coverage_of(r.relationship))
      problem(fmt::format("{}: relationship {} implies coverage {}, not {}", owner, to_string(r.relationship),
                          to_string(coverage_of(r.relationship)), to_string(r.coverage)));
  }

  void requirement(const Requirement& r) {
    std::string owner = fmt::format("requirement {}", r.id);
    iso_exist(r.iso27001, owner);
    mapping_consistent(r, owner);
    if (r.documents.empty()) problem(owner + ": no document evidences it");
    if (r.summary.empty() || r.rationale.empty()) problem(owner + ": summary and rationale are required");
    if (!find_article_in(r.article)) problem(fmt::format("{}: article '{}' is not in the catalog", owner, r.article));
  }

  const Article* find_article_in(std::string_view reference) const {
    for (const Article& a : c_.articles)
      if (reference.substr(0, a.id.size()) == a.id &&
          (reference.size() == a.id.size() || reference[a.id.size()] == '(' || reference[a.id.size()] == ','))
        return &a;
    return nullptr;
  }

  void article(const Article& a) {
    std::string owner = fmt::format("article {}", a.id);
    requirements_exist(a.requirements, owner);
    if (a.obligations.empty()) problem(owner + ": lists no obligation");
    for (const Obligation& o : a.obligations)
      if (find_article_in(o.reference) != &a)
        problem(fmt::format("{}: obligation '{}' belongs to another article", owner, o.reference));
  }

  void step(const RoadmapStep& s, std::size_t expected) {
    std::string owner = fmt::format("roadmap step {}", s.number);
    if (s.number != static_cast<int>(expected)) problem(fmt::format("{}: expected number {}", owner, expected));
    requirements_exist(s.requirements, owner);
    iso_exist(s.iso27001, owner);
    if (s.iso27001.empty() && s.documents.empty()) problem(owner + ": no ISO id and no document evidences it");
  }

  void standard(const StandardProfile& s) {
    for (const CoverageArea& a : s.coverage_areas)
      iso_exist(a.iso27001, fmt::format("standard {} area {}", s.id, a.name));
    for (const StandardArticle& a : s.related_articles) {
      std::string owner = fmt::format("standard {} article {}", s.id, a.article);
      requirements_exist(a.requirements, owner);
      if (!find_article_in(a.article)) problem(owner + ": not an article of the catalog");
    }
  }

  // An IR 2024/2690 Annex point: a reference, a summary, a NIS2 requirement
  // that exists, ISO ids that exist, a relationship its coverage agrees with,
  // and a source for its mapping.
  void ir_requirement(const IrRequirement& r) {
    std::string owner = fmt::format("IR 2024/2690 Annex point {}", r.id);
    if (r.reference.empty() || r.summary.empty()) problem(owner + ": reference and summary are required");
    if (!requirements_.count(r.requirement)) problem(fmt::format("{}: unknown requirement '{}'", owner, r.requirement));
    iso_exist(r.iso27001, owner);
    mapping_consistent(r, owner);
    if (!r.iso27001.empty() && r.mapping_sources.empty()) problem(owner + ": its mapping names no source");
    for (std::string_view id : r.mapping_sources) {
      bool known = false;
      for (const MappingSource& m : c_.mapping_sources) known = known || m.id == id;
      if (!known) problem(fmt::format("{}: unknown mapping source '{}'", owner, id));
    }
  }

  const Catalog& c_;
  std::set<std::string_view> iso_, requirements_;
  std::vector<std::string> problems_;
};

}  // namespace

std::vector<std::string> validate(const Catalog& catalog) { return Checker(catalog).run(); }

}  // namespace vigil::catalog
