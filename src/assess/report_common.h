// Wording shared by the text, CSV, Markdown and HTML renderings of a gap
// report, so that every format says the same thing in the same words.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "assess/gap_report.h"

namespace vigil::assess::wording {

// "3 of 3 implemented" or "1 of 3 implemented; A.5.25 partially implemented,
// A.5.26 not in the SoA; excluded: A.8.20", or, for a requirement judged by its
// documents, "documents: Incident reporting procedure (draft)".
std::string basis(const RequirementResult& r);

// "partially implemented", "not in the SoA", "excluded", ...
std::string control_state(const ControlResult& c);

// Suggested documents of the requirement that are not approved:
// "Incident reporting procedure (draft); Final incident report (missing)".
std::string open_documents(const RequirementResult& r);

std::string percent(int tenths);  // "80.6 %"

// A roadmap step's state in words: "done", "in progress", "not started".
std::string_view step_words(StepStatus s);
// The requirement status a roadmap step is drawn like (colour, class, mark):
// done as met, in progress as partial, not started as gap.
RequirementStatus drawn_as(StepStatus s);

// The finding for a register row no requirement reads: "'Leitlinie'
// (register.csv:4) is not a suggested document, so no requirement counts it;
// map it to one with maps_to".
std::string unmatched_document(const UnmatchedDocument& d);

// The IR 2024/2690 points of Annex section `section` (1..13), tallied.
Tally ir_section_tally(const GapReport& report, int section);
// Under the IR 2024/2690 heading (text and HTML): how a point is judged and
// what "met" means for it. Plain text, no markup.
std::string_view ir_point_basis();

// Art. 21(2) points (a) to (j) in order, with their requirements, for the
// "status by Art. 21(2) point" chart and table.
struct PointTally {
  std::string point;  // "(a)"
  Tally tally;
};
std::vector<PointTally> by_art_21_2_point(const GapReport& report);

// The entity section (with --entity): a headline, then fact lines, then duties.
struct EntityWording {
  std::string headline;             // "Stratus GmbH: important entity, medium enterprise"
  std::vector<std::string> facts;   // "Legal basis: Art. 2(1), ...", "Supervision: ..."
  std::vector<std::string> duties;  // "Art. 23(4): ... (due ...)"
};
EntityWording entity(const scope::ScopeResult& result);

// Documented versus performed (--exercises), one row's cells:
std::string exercise_latest(const ExerciseRow& row);   // "ransomware-cloud, ended 2026-04-30" | "none"
std::string exercise_rating(const ExerciseRow& row);   // "M (performed with major challenges)" | "not rated" | ""
std::string exercise_reports(const ExerciseRow& row);  // "1 of 3 on time, 1 late" | ""
std::string exercise_testing(const ExerciseRow& row);  // "current (next due 2027-04-30)" | "overdue (...)"
// The status the requirement has on paper, for the row.
std::string_view documented_status(const GapReport& report, std::string_view requirement);
// An action's tag in the lists: "gap", "partial", "review", "supplier", "exercise".
std::string action_tag(const Action& action);
bool is_follow_up(const Action& action);  // review, supplier, exercise: not a status of its own

std::string_view group_name(catalog::Group group);   // "risk_management"
std::string_view group_title(catalog::Group group);  // "Risk management (Arts 20, 21)"

}  // namespace vigil::assess::wording
