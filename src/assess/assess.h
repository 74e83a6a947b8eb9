// The gap assessment: from a Statement of Applicability and a documents
// register to the status of every NIS2 requirement (Arts 20, 21 and 23), the
// readiness scores, the roadmap progress and the prioritised actions. Pure:
// the assessment date is an argument, never read from a clock.
#pragma once

#include <span>
#include <vector>

#include "assess/document_register.h"
#include "assess/gap_report.h"
#include "assess/soa.h"
#include "catalog/catalog.h"
#include "core/time.h"

namespace vigil::assess {

// The SoA looked up by catalog item, so that each counterpart is found in
// constant time.
class SoaIndex {
 public:
  explicit SoaIndex(const Soa& soa);
  const SoaEntry* find(const catalog::IsoItem& item) const;

 private:
  std::vector<const SoaEntry*> by_item_;  // parallel to catalog::builtin().iso27001
};

// The assessable ISO items a list of catalog ids stands for: a heading such as
// "9.2" stands for its items 9.2.1 and 9.2.2 (a heading is never an SoA line).
std::vector<const catalog::IsoItem*> assessable_items(catalog::Ids ids);

// The same, for a requirement's counterparts and a roadmap step's ISO items,
// resolved once for the whole compiled-in catalog (immutable, like the catalog
// itself), so that an assessment does no id lookups.
std::span<const catalog::IsoItem* const> counterparts_of(const catalog::Requirement& requirement);
std::span<const catalog::IsoItem* const> iso_items_of(const catalog::RoadmapStep& step);

// The status of one requirement with its controls, findings and documents.
RequirementResult assess_requirement(const catalog::Requirement& requirement, const SoaIndex& soa,
                                     const DocumentIndex& documents, Date as_of);

// Each roadmap step's progress from its ISO items and documents (or, for a
// step linked to neither, from the requirements it serves).
std::vector<StepResult> roadmap_progress(const SoaIndex& soa, const DocumentIndex& documents,
                                         std::span<const RequirementResult> requirements);

// What to do first: gaps before partials; within each, Art. 20 governance and
// Art. 23 reporting before the Art. 21 measures; then the controls whose review
// is overdue. Each action names the control or document to work on, once,
// listing every requirement it serves.
std::vector<Action> prioritised_actions(std::span<const RequirementResult> requirements);

// A step's status from its evidence: done when all of it is done, in progress
// when any of it is done or started, otherwise not started.
StepStatus step_status(std::span<const StepEvidence> evidence);

// One finding of the supplier register (supplier/gap_findings.h makes them
// from `vigil supplier analyse`), for the requirement it bears on.
struct RegisterFinding {
  std::string_view requirement;  // "rm.supply_chain" | "rm.supplier_vulnerabilities"
  std::string subject;           // the supplier or group id
  std::string detail;            // one sentence, the register's finding code included
};

// Adds the register's findings to their requirements (code supplier_register;
// the requirement's status stays what the SoA and documents make it), one
// action per supplier or group (address_supplier, after the gaps and partials
// and before the overdue reviews), and to each roadmap step serving those
// requirements one piece of evidence "supplier register" (done only when the
// register has no finding for them), re-deciding the step. NIS2 Art. 21(2)(d),
// 21(3); IR 2024/2690 Annex 5.
void add_supplier_register(GapReport& report, std::span<const RegisterFinding> findings, std::string source);

// The whole assessment. `documents` may be empty (no register supplied: every
// suggested document counts as missing).
GapReport assess(const Soa& soa, const DocumentRegister& documents, Date as_of);

// Adds the IR 2024/2690 Annex section to a report: each Annex point judged
// from the SoA through its ISO counterparts with the rules of the NIS2
// requirements (assess_requirement), findings included. The caller decides
// whether the entity is one IR 2024/2690 covers (scope's
// implementing_regulation_2024_2690).
void add_ir_2024_2690(GapReport& report, const Soa& soa);

}  // namespace vigil::assess
