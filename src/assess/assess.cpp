#include "assess/assess.h"

#include <fmt/format.h>

#include "assess/review_due.h"
#include "core/names.h"

namespace vigil::assess {
namespace {

std::size_t offset_of(const catalog::IsoItem& item) {
  return static_cast<std::size_t>(&item - catalog::builtin().iso27001.data());
}

std::string name_of(const catalog::IsoItem& item) { return fmt::format("{} {}", item.id, item.title); }

ControlResult control_result(const catalog::IsoItem& item, const SoaEntry* entry) {
  ControlResult c;
  c.id = item.id;
  c.title = item.title;
  if (!entry) {
    // Issue rule: a counterpart absent from the SoA counts as applicable and
    // not implemented (and is reported as missing_from_soa).
    c.in_soa = false;
    c.applicable = true;
    c.status = Implementation::NotImplemented;
    return c;
  }
  c.applicable = entry->applicable;
  c.status = entry->status;
  c.owner = entry->owner;
  c.justification = entry->justification;
  c.last_reviewed = entry->last_reviewed;
  return c;
}

// A requirement with no ISO counterpart (crisis management, the Art. 23
// obligations) is only as far along as the documents that evidence it.
RequirementStatus status_from_documents(std::span<const DocumentResult> documents) {
  if (documents.empty()) return RequirementStatus::Gap;  // nothing could show it is met
  bool all_approved = true, any_written = false;
  for (const DocumentResult& d : documents) {
    all_approved = all_approved && d.status == DocumentStatus::Approved;
    any_written = any_written || d.status != DocumentStatus::Missing;
  }
  if (all_approved) return RequirementStatus::Met;
  return any_written ? RequirementStatus::Partial : RequirementStatus::Gap;
}

void count(Tally& tally, RequirementStatus status) {
  ++tally.total;
  switch (status) {
    case RequirementStatus::Met: ++tally.met; break;
    case RequirementStatus::Partial: ++tally.partial; break;
    case RequirementStatus::Gap: ++tally.gap; break;
  }
}

SoaSummary summarise(const Soa& soa, const SoaIndex& index) {
  SoaSummary s;
  for (const catalog::IsoItem& item : catalog::builtin().iso27001) {
    if (!item.assessable) continue;
    bool listed = index.find(item) != nullptr;
    if (item.kind == catalog::IsoKind::Control) {
      ++s.annex_a_total;
      if (listed) ++s.annex_a_listed;
      else s.annex_a_missing.push_back(item.id);
    } else if (item.kind == catalog::IsoKind::Clause) {
      ++s.clauses_total;
      if (listed) ++s.clauses_listed;
    }
  }
  for (const SoaEntry& e : soa.entries) {
    if (!e.applicable) {
      ++s.excluded;
      continue;
    }
    ++s.applicable;
    switch (e.status.value_or(Implementation::NotImplemented)) {
      case Implementation::Implemented: ++s.implemented; break;
      case Implementation::PartiallyImplemented: ++s.partially_implemented; break;
      case Implementation::Planned: ++s.planned; break;
      case Implementation::NotImplemented: ++s.not_implemented; break;
    }
  }
  return s;
}

constexpr EnumNames<RequirementStatus, 3> kRequirementStatuses{{"met", "partial", "gap"}};
constexpr EnumNames<FindingCode, 6> kFindingCodes{{"missing_from_soa", "all_counterparts_excluded",
                                                   "counterpart_excluded", "review_overdue", "document_review_overdue",
                                                   "supplier_register"}};

}  // namespace

std::string_view to_string(RequirementStatus status) { return vigil::name_of(status, kRequirementStatuses); }
std::string_view to_string(FindingCode code) { return vigil::name_of(code, kFindingCodes); }

SoaIndex::SoaIndex(const Soa& soa) : by_item_(catalog::builtin().iso27001.size(), nullptr) {
  for (const SoaEntry& e : soa.entries) {
    if (e.item) by_item_[offset_of(*e.item)] = &e;
  }
}

const SoaEntry* SoaIndex::find(const catalog::IsoItem& item) const {
  std::size_t i = offset_of(item);
  return i < by_item_.size() ? by_item_[i] : nullptr;
}

std::vector<const catalog::IsoItem*> assessable_items(catalog::Ids ids) {
  std::vector<const catalog::IsoItem*> out;
  for (std::string_view id : ids) {
    const catalog::IsoItem* item = catalog::find_iso(id);
    if (!item) continue;  // the catalog's own test rejects unknown ids
    if (item->assessable) {
      out.push_back(item);
      continue;
    }
    for (const catalog::IsoItem& child : catalog::builtin().iso27001) {
      if (child.assessable && child.id.size() > id.size() && child.id.substr(0, id.size()) == id &&
          child.id[id.size()] == '.') {
        out.push_back(&child);
      }
    }
  }
  return out;
}

namespace {

struct ResolvedCatalog {
  std::vector<std::vector<const catalog::IsoItem*>> requirements;  // parallel to catalog requirements
  std::vector<std::vector<const catalog::IsoItem*>> steps;         // parallel to the roadmap
};

const ResolvedCatalog& resolved() {
  // Derived from the immutable catalog on first use (thread-safe static
  // initialisation) and never changed: the one shared table besides the catalog.
  static const ResolvedCatalog table = [] {
    ResolvedCatalog t;
    for (const catalog::Requirement& r : catalog::builtin().requirements)
      t.requirements.push_back(assessable_items(r.iso27001));
    for (const catalog::RoadmapStep& s : catalog::builtin().roadmap) t.steps.push_back(assessable_items(s.iso27001));
    return t;
  }();
  return table;
}

template <class T>
std::span<const catalog::IsoItem* const> lookup(std::span<const T> all, const T& one,
                                                const std::vector<std::vector<const catalog::IsoItem*>>& table) {
  if (&one >= all.data() && &one < all.data() + all.size()) return table[static_cast<std::size_t>(&one - all.data())];
  return {};
}

}  // namespace

std::span<const catalog::IsoItem* const> counterparts_of(const catalog::Requirement& requirement) {
  return lookup(catalog::builtin().requirements, requirement, resolved().requirements);
}

std::span<const catalog::IsoItem* const> iso_items_of(const catalog::RoadmapStep& step) {
  return lookup(catalog::builtin().roadmap, step, resolved().steps);
}

RequirementResult assess_requirement(const catalog::Requirement& requirement, const SoaIndex& soa,
                                     const DocumentIndex& documents, Date as_of) {
  RequirementResult r{&requirement, RequirementStatus::Gap, false, {}, {}, {}};
  for (std::string_view name : requirement.documents) {
    const RegisteredDocument* registered = documents.find(name);
    DocumentResult d{name, DocumentStatus::Missing, std::nullopt, false};
    if (registered) {
      d.status = registered->status;
      d.next_review = registered->next_review;
      // The register's own review date (ISO/IEC 27001 7.5.2 and 9.1; NIS2
      // Art. 21(2)(f)): a document past it no longer shows the measure is current.
      d.review_overdue = d.status != DocumentStatus::Missing && d.next_review && *d.next_review < as_of;
    }
    if (d.review_overdue) {
      r.findings.push_back({FindingCode::DocumentReviewOverdue, "",
                            fmt::format("document \"{}\" was due for review on {} (register next_review), "
                                        "before the assessment date {}",
                                        name, format_date(*d.next_review), format_date(as_of))});
    }
    r.documents.push_back(d);
  }
  std::span<const catalog::IsoItem* const> members = counterparts_of(requirement);  // M
  std::vector<const catalog::IsoItem*> own;  // a requirement from outside the built-in catalog
  if (members.empty() && !requirement.iso27001.empty()) {
    own = assessable_items(requirement.iso27001);
    members = own;
  }
  if (members.empty()) {
    r.judged_by_documents = true;
    r.status = status_from_documents(r.documents);
    return r;
  }

  r.controls.reserve(members.size());
  int applicable = 0, implemented = 0, started = 0;  // |A|, and how far A is
  for (const catalog::IsoItem* item : members) {
    const SoaEntry* entry = soa.find(*item);
    ControlResult c = control_result(*item, entry);
    if (!entry) {
      r.findings.push_back(
          {FindingCode::MissingFromSoa, std::string(item->id),
           fmt::format("{} is not in the SoA: counted as applicable and not implemented", name_of(*item))});
    }
    if (c.applicable) {
      ++applicable;
      Implementation s = c.status.value_or(Implementation::NotImplemented);
      if (s == Implementation::Implemented) ++implemented;
      if (s == Implementation::Implemented || s == Implementation::PartiallyImplemented) ++started;
      // Stale evidence: more than 12 months since the last review.
      if (c.last_reviewed && review_overdue(*c.last_reviewed, as_of)) {
        r.findings.push_back({FindingCode::ReviewOverdue, std::string(item->id),
                              fmt::format("{} was last reviewed on {}, more than 12 months before {} (due {})",
                                          name_of(*item), format_date(*c.last_reviewed), format_date(as_of),
                                          format_date(review_due(*c.last_reviewed)))});
      }
    }
    r.controls.push_back(std::move(c));
  }

  if (applicable == 0) {
    // NIS2 Art. 21(1)-(2) measures are mandatory for every entity in scope: an
    // ISO 27001 exclusion cannot opt out of them.
    r.status = RequirementStatus::Gap;
    std::vector<std::string> ids;
    for (const ControlResult& c : r.controls) {
      ids.push_back(c.justification.empty() ? std::string(c.id) : fmt::format("{} \"{}\"", c.id, c.justification));
    }
    r.findings.push_back({FindingCode::AllCounterpartsExcluded, "",
                          fmt::format("every ISO 27001 counterpart ({}) is excluded in the SoA, but NIS2 {} "
                                      "allows no opt-out: review the justifications",
                                      fmt::join(ids, ", "), requirement.article)});
    return r;
  }
  for (const ControlResult& c : r.controls) {
    if (c.applicable) continue;
    std::string why = c.justification.empty() ? "" : fmt::format(" (\"{}\")", c.justification);
    r.findings.push_back({FindingCode::CounterpartExcluded, std::string(c.id),
                          fmt::format("{} {} is excluded{} although NIS2 {} relies on it: review the "
                                      "justification",
                                      c.id, c.title, why, requirement.article)});
  }
  if (implemented == applicable) r.status = RequirementStatus::Met;
  else if (started > 0) r.status = RequirementStatus::Partial;
  else r.status = RequirementStatus::Gap;
  return r;
}

GapReport assess(const Soa& soa, const DocumentRegister& documents, Date as_of) {
  const catalog::Catalog& cat = catalog::builtin();
  const SoaIndex index(soa);
  const DocumentIndex docs(documents);
  GapReport report;
  report.as_of = as_of;
  report.groups = {{catalog::Group::RiskManagement, {}}, {catalog::Group::Reporting, {}}};
  report.requirements.reserve(cat.requirements.size());
  for (const catalog::Requirement& requirement : cat.requirements) {
    RequirementResult r = assess_requirement(requirement, index, docs, as_of);
    count(report.overall, r.status);
    for (GroupResult& g : report.groups) {
      if (g.group == requirement.group) count(g.tally, r.status);
    }
    report.requirements.push_back(std::move(r));
  }
  report.roadmap = roadmap_progress(index, docs, report.requirements);
  report.actions = prioritised_actions(report.requirements);
  report.soa = summarise(soa, index);
  report.has_document_register = !documents.documents.empty();
  for (const RegisteredDocument& d : documents.documents) {
    if (d.maps_to.empty() && !find_suggested_document(d.name)) report.unmatched_documents.push_back({d.name, d.where});
  }
  return report;
}

void add_ir_2024_2690(GapReport& report, const Soa& soa) {
  const SoaIndex index(soa);
  const DocumentIndex no_documents(DocumentRegister{});
  report.ir_2024_2690.clear();
  report.ir_2024_2690_tally = {};
  for (const catalog::IrRequirement& point : catalog::builtin().ir_requirements) {
    // The point as a requirement outside the built-in list: its own ISO ids,
    // its Art. 21(2) point for the messages, no documents of its own.
    const catalog::Requirement as_requirement{
        point.id,           point.article,  point.title, point.summary, catalog::Group::RiskManagement, point.iso27001,
        point.relationship, point.coverage, "",          catalog::Ids{}};
    RequirementResult r = assess_requirement(as_requirement, index, no_documents, report.as_of);
    count(report.ir_2024_2690_tally, r.status);
    report.ir_2024_2690.push_back({&point, r.status, std::move(r.controls), std::move(r.findings)});
  }
}

}  // namespace vigil::assess
