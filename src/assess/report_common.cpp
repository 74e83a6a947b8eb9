#include "assess/report_common.h"

#include <fmt/format.h>

#include "core/money.h"
#include "core/names.h"

namespace vigil::assess::wording {

std::string control_state(const ControlResult& c) {
  if (!c.in_soa) return "not in the SoA";
  if (!c.applicable) return "excluded";
  switch (c.status.value_or(Implementation::NotImplemented)) {
    case Implementation::Implemented: return "implemented";
    case Implementation::PartiallyImplemented: return "partially implemented";
    case Implementation::Planned: return "planned";
    case Implementation::NotImplemented: return "not implemented";
  }
  return "";
}

std::string open_documents(const RequirementResult& r) {
  std::vector<std::string> parts;
  for (const DocumentResult& d : r.documents) {
    if (d.status != DocumentStatus::Approved) parts.push_back(fmt::format("{} ({})", d.name, to_string(d.status)));
  }
  return fmt::format("{}", fmt::join(parts, "; "));
}

std::string basis(const RequirementResult& r) {
  if (r.judged_by_documents) {
    std::vector<std::string> parts;
    for (const DocumentResult& d : r.documents) parts.push_back(fmt::format("{} ({})", d.name, to_string(d.status)));
    return fmt::format("no ISO counterpart; documents: {}", fmt::join(parts, "; "));
  }
  int applicable = 0, implemented = 0;
  std::vector<std::string> open, excluded;
  for (const ControlResult& c : r.controls) {
    if (!c.applicable) {
      excluded.emplace_back(c.id);
      continue;
    }
    ++applicable;
    if (c.status == Implementation::Implemented) ++implemented;
    else open.push_back(fmt::format("{} {}", c.id, control_state(c)));
  }
  std::string text = fmt::format("{} of {} implemented", implemented, applicable);
  if (!open.empty()) text += fmt::format("; {}", fmt::join(open, ", "));
  if (!excluded.empty()) text += fmt::format("; excluded: {}", fmt::join(excluded, ", "));
  return text;
}

std::string unmatched_document(const UnmatchedDocument& d) {
  return fmt::format(
      "\"{}\" ({}) is not a suggested document, so no requirement counts it; map it to one with "
      "maps_to",
      d.name, d.where);
}

Tally ir_section_tally(const GapReport& report, int section) {
  Tally t;
  for (const IrPointResult& p : report.ir_2024_2690) {
    if (p.point->section != section) continue;
    ++t.total;
    if (p.status == RequirementStatus::Met) ++t.met;
    else if (p.status == RequirementStatus::Partial) ++t.partial;
    else ++t.gap;
  }
  return t;
}

std::string_view ir_point_basis() {
  return "Each point judged from the SoA through its ISO/IEC 27001 counterparts in ENISA's mapping table, by the "
         "rules of the NIS2 requirements. ENISA's pairs are correspondences, not equivalences: met means the ISO "
         "footing of the point is implemented, not that the point itself has been verified.";
}

constexpr EnumNames<StepStatus, 3> kStepWords{{"done", "in progress", "not started"}};
std::string_view step_words(StepStatus s) { return name_of(s, kStepWords); }

RequirementStatus drawn_as(StepStatus s) {
  switch (s) {
    case StepStatus::Done: return RequirementStatus::Met;
    case StepStatus::InProgress: return RequirementStatus::Partial;
    case StepStatus::NotStarted: return RequirementStatus::Gap;
  }
  return RequirementStatus::Gap;
}

std::string percent(int tenths) { return format_tenths(tenths) + " %"; }

std::vector<PointTally> by_art_21_2_point(const GapReport& report) {
  std::vector<PointTally> out;
  for (char letter = 'a'; letter <= 'j'; ++letter) {
    PointTally p{fmt::format("({})", letter), {}};
    std::string prefix = fmt::format("Art. 21(2)({})", letter);
    for (const RequirementResult& r : report.requirements) {
      if (r.requirement->article.rfind(prefix, 0) != 0) continue;
      ++p.tally.total;
      switch (r.status) {
        case RequirementStatus::Met: ++p.tally.met; break;
        case RequirementStatus::Partial: ++p.tally.partial; break;
        case RequirementStatus::Gap: ++p.tally.gap; break;
      }
    }
    out.push_back(std::move(p));
  }
  return out;
}

EntityWording entity(const scope::ScopeResult& r) {
  EntityWording w;
  std::string kind;
  switch (r.classification) {
    case scope::Classification::Essential: kind = "essential entity"; break;
    case scope::Classification::Important: kind = "important entity"; break;
    case scope::Classification::RegistrationOnly: kind = "registration duties only"; break;
    case scope::Classification::OutOfScope: kind = "out of scope of NIS2"; break;
  }
  w.headline = r.name.empty() ? kind : fmt::format("{}: {}", r.name, kind);
  if (r.size) w.headline += fmt::format(", {} enterprise", scope::to_string(r.size->category));
  if (!r.legal_basis.empty()) w.facts.push_back(fmt::format("Legal basis: {}", fmt::join(r.legal_basis, ", ")));
  switch (r.supervision) {
    case scope::Supervision::ExAnteAndExPost: w.facts.push_back("Supervision: ex ante and ex post (Art. 32)"); break;
    case scope::Supervision::ExPost: w.facts.push_back("Supervision: ex post (Art. 33)"); break;
    case scope::Supervision::None: break;
  }
  if (r.max_fine_floor) {
    w.facts.push_back(fmt::format("Maximum fine: at least {} ({})", format_euros(*r.max_fine_floor), r.max_fine_basis));
  }
  if (r.implementing_regulation_2024_2690) {
    w.facts.push_back("Implementing Regulation (EU) 2024/2690 sets the technical measures (IR Art. 2 and Annex)");
  }
  if (r.classification == scope::Classification::OutOfScope) {
    w.facts.push_back("NIS2 does not bind this profile: the readiness below is voluntary");
  }
  for (const scope::Duty* d : r.duties) {
    std::string line = fmt::format("{}: {}", d->reference, d->text);
    if (!d->due.empty()) line += fmt::format(" (by {})", d->due);
    w.duties.push_back(std::move(line));
  }
  return w;
}

std::string exercise_latest(const ExerciseRow& row) {
  std::string out = row.ended ? fmt::format("{}, ended {}", row.scenario, format_date(*row.ended)) : "none";
  for (const ExerciseRow::NotCounted& n : row.not_counted) {
    out += fmt::format("; {} ({}, ended {}) {}", n.source, n.scenario, format_date(n.ended), n.reason);
  }
  return out;
}

std::string exercise_rating(const ExerciseRow& row) {
  if (!row.ended) return "";
  if (!row.rating) return "not rated";
  std::string_view meaning = *row.rating == 'P'   ? "performed without challenges"
                             : *row.rating == 'S' ? "performed with some challenges"
                             : *row.rating == 'M' ? "performed with major challenges"
                                                  : "unable to be performed";
  return fmt::format("{} ({})", *row.rating, meaning);
}

std::string exercise_reports(const ExerciseRow& row) {
  if (!row.ended) return "";
  std::string out = fmt::format("{} of {} on time", row.reports_on_time, row.reports_total);
  if (row.reports_late > 0) out += fmt::format(", {} late", row.reports_late);
  const int other = row.reports_total - row.reports_on_time - row.reports_late;
  if (other > 0) out += fmt::format(", {} not sent", other);
  return out;
}

std::string exercise_testing(const ExerciseRow& row) {
  if (!row.testing_due) return "overdue (no exercise tested it by the assessment date)";
  if (row.testing_overdue) return fmt::format("overdue (was due {})", format_date(*row.testing_due));
  return fmt::format("current (next due {})", format_date(*row.testing_due));
}

std::string_view documented_status(const GapReport& report, std::string_view requirement) {
  for (const RequirementResult& r : report.requirements) {
    if (r.requirement->id == requirement) return to_string(r.status);
  }
  return "";
}

bool is_follow_up(const Action& action) {
  switch (action.kind) {
    case ActionKind::ReviewControl:
    case ActionKind::AddressSupplier:
    case ActionKind::ScheduleExercise:
    case ActionKind::ExerciseImprovement: return true;
    default: return false;
  }
}

std::string action_tag(const Action& action) {
  switch (action.kind) {
    case ActionKind::ReviewControl: return "review";
    case ActionKind::AddressSupplier: return "supplier";
    case ActionKind::ScheduleExercise:
    case ActionKind::ExerciseImprovement: return "exercise";
    default: return std::string(to_string(action.requirement_status));
  }
}

std::string_view group_name(catalog::Group group) { return catalog::to_string(group); }

std::string_view group_title(catalog::Group group) {
  return group == catalog::Group::RiskManagement ? "Risk management (Arts 20, 21)" : "Reporting (Art. 23)";
}

}  // namespace vigil::assess::wording
