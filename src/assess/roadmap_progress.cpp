// Where the entity stands on the 15-step NIS2 roadmap, with the evidence that
// decided each step: the step's ISO 27001 items (from the SoA) and documents
// (from the register); a step linked to neither is judged by the requirements
// it serves.
#include <fmt/format.h>

#include "assess/assess.h"
#include "core/names.h"

namespace vigil::assess {
namespace {

StepEvidence iso_evidence(const catalog::IsoItem& item, const SoaEntry* entry) {
  StepEvidence e{std::string(item.id), "iso27001", "", false, false};
  if (!entry) {
    e.state = "not in SoA";
  } else if (!entry->applicable) {
    e.state = "excluded";
  } else {
    Implementation s = entry->status.value_or(Implementation::NotImplemented);
    e.state = std::string(to_string(s));
    e.done = s == Implementation::Implemented;
    e.started = s == Implementation::PartiallyImplemented;
  }
  return e;
}

StepEvidence document_evidence(std::string_view name, const DocumentIndex& documents) {
  DocumentStatus s = documents.status_of(name);
  return {std::string(name), "document", std::string(to_string(s)), s == DocumentStatus::Approved,
          s == DocumentStatus::Draft};
}

}  // namespace

StepStatus step_status(std::span<const StepEvidence> evidence) {
  if (evidence.empty()) return StepStatus::NotStarted;
  bool all_done = true, any = false;
  for (const StepEvidence& e : evidence) {
    all_done = all_done && e.done;
    any = any || e.done || e.started;
  }
  if (all_done) return StepStatus::Done;
  return any ? StepStatus::InProgress : StepStatus::NotStarted;
}

std::string_view to_string(StepStatus status) {
  static constexpr EnumNames<StepStatus, 3> kNames{{"done", "in_progress", "not_started"}};
  return name_of(status, kNames);
}

std::vector<StepResult> roadmap_progress(const SoaIndex& soa, const DocumentIndex& documents,
                                         std::span<const RequirementResult> requirements) {
  std::vector<StepResult> out;
  for (const catalog::RoadmapStep& step : catalog::builtin().roadmap) {
    StepResult result{&step, StepStatus::NotStarted, {}};
    result.evidence.reserve(iso_items_of(step).size() + step.documents.size());
    for (const catalog::IsoItem* item : iso_items_of(step)) {
      result.evidence.push_back(iso_evidence(*item, soa.find(*item)));
    }
    for (std::string_view name : step.documents) result.evidence.push_back(document_evidence(name, documents));
    if (result.evidence.empty()) {
      for (std::string_view id : step.requirements) {
        for (const RequirementResult& r : requirements) {
          if (r.requirement->id != id) continue;
          result.evidence.push_back({std::string(id), "requirement", std::string(to_string(r.status)),
                                     r.status == RequirementStatus::Met, r.status == RequirementStatus::Partial});
        }
      }
    }
    result.status = step_status(result.evidence);
    out.push_back(std::move(result));
  }
  return out;
}

}  // namespace vigil::assess
