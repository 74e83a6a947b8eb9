// The gap assessment's result: how far an ISO 27001 organisation is from NIS2,
// requirement by requirement, with scores, roadmap progress and the actions to
// take. Plain values, rendered by report_*.cpp for the CLI and the server alike.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "assess/document_register.h"
#include "assess/exercise_results.h"
#include "assess/score.h"
#include "assess/soa.h"
#include "catalog/catalog.h"
#include "core/time.h"
#include "scope/scope.h"

namespace vigil::assess {

enum class RequirementStatus { Met, Partial, Gap };
std::string_view to_string(RequirementStatus status);  // "met" | "partial" | "gap"

enum class FindingCode {
  MissingFromSoa,           // a counterpart the SoA does not list
  AllCounterpartsExcluded,  // every counterpart excluded: NIS2 allows no opt-out
  CounterpartExcluded,      // one counterpart excluded while others apply
  ReviewOverdue,            // an applicable counterpart last reviewed > 12 months ago
  DocumentReviewOverdue,    // a suggested document past its register next_review date
  SupplierRegister,         // a finding of the supplier register (`vigil gap --suppliers`)
};
std::string_view to_string(FindingCode code);  // "missing_from_soa", ...

struct Finding {
  FindingCode code;
  std::string control;       // the ISO id concerned; empty for all_counterparts_excluded and supplier findings
  std::string detail;        // one sentence for a person
  std::string subject = {};  // supplier_register: the supplier or group id it is about
};

// One ISO counterpart of a requirement as the SoA states it.
struct ControlResult {
  std::string_view id;
  std::string_view title;
  bool in_soa = true;
  bool applicable = true;                // absent from the SoA counts as applicable
  std::optional<Implementation> status;  // absent counts as not_implemented
  std::string owner;
  std::string justification;
  std::optional<Date> last_reviewed;
};

struct DocumentResult {
  std::string_view name;            // as the catalog suggests it
  DocumentStatus status;            // from the register; missing when it is not there
  std::optional<Date> next_review;  // from the register, when it gives one
  bool review_overdue = false;      // next_review is before the assessment date
};

struct RequirementResult {
  const catalog::Requirement* requirement;
  RequirementStatus status;
  bool judged_by_documents;  // no ISO counterpart: status from the register
  std::vector<ControlResult> controls;
  std::vector<Finding> findings;
  std::vector<DocumentResult> documents;
};

struct GroupResult {
  catalog::Group group;
  Tally tally;
};

enum class StepStatus { Done, InProgress, NotStarted };
std::string_view to_string(StepStatus status);  // "done" | "in_progress" | "not_started"

// One piece of evidence behind a roadmap step's status.
struct StepEvidence {
  std::string item;   // "A.5.24", "Incident reporting procedure", "rep.early_warning"
  std::string kind;   // "iso27001" | "document" | "requirement"
  std::string state;  // "implemented", "draft", "met", "excluded", "not in SoA", ...
  bool done;          // counts towards done
  bool started;       // counts towards in progress
};

struct StepResult {
  const catalog::RoadmapStep* step;
  StepStatus status;
  std::vector<StepEvidence> evidence;
};

enum class ActionKind {
  ReviewExclusion,      // justify or revoke the exclusion of a counterpart
  ImplementControl,     // bring a control to implemented
  WriteDocument,        // the register does not have it
  ApproveDocument,      // the register has it as a draft
  ReviewControl,        // evidence older than 12 months
  ReviewDocument,       // a document past its register next_review date
  AddressSupplier,      // resolve the supplier register's findings about one supplier or group
  ScheduleExercise,     // a plan or the reporting whose testing is overdue (`vigil gap --exercises`)
  ExerciseImprovement,  // an improvement item of an exercise's after-action report
};
std::string_view to_string(ActionKind kind);  // "review_exclusion", ...

struct Action {
  int rank = 0;  // 1 = first
  ActionKind kind;
  std::string target;                          // the control id or document name to work on
  std::string target_title;                    // the control's title; empty for documents
  RequirementStatus requirement_status;        // of the most urgent requirement it serves
  std::vector<std::string_view> requirements;  // ids of the requirements it serves
  std::vector<std::string_view> articles;
  std::string owner;   // from the SoA, when known
  std::string detail;  // one sentence for a person
};

// What the SoA itself looks like (ISO/IEC 27001 6.1.3 d) wants every Annex A
// control listed).
struct SoaSummary {
  int annex_a_total = 0;
  int annex_a_listed = 0;
  int clauses_total = 0;  // assessable clause requirements 4.1 ... 10.2
  int clauses_listed = 0;
  int applicable = 0;
  int excluded = 0;
  int implemented = 0;
  int partially_implemented = 0;
  int planned = 0;
  int not_implemented = 0;
  std::vector<std::string_view> annex_a_missing;
};

// One IR 2024/2690 Annex point judged from the SoA through its ISO/IEC
// 27001 counterparts (ENISA's correspondences) by the same rules as a NIS2
// requirement. ENISA's pairs are not equivalences: "met" says the ISO footing
// of the point is implemented, not that the point itself has been verified.
struct IrPointResult {
  const catalog::IrRequirement* point;
  RequirementStatus status;
  std::vector<ControlResult> controls;
  std::vector<Finding> findings;
};

// A register row no requirement reads: its name is not a suggested document
// and it has no maps_to. Reported, never silently dropped.
struct UnmatchedDocument {
  std::string name;
  std::string where;  // "register.csv:7"
};

struct GapReport {
  Date as_of;
  Tally overall;
  std::vector<GroupResult> groups;              // risk_management, reporting
  std::vector<RequirementResult> requirements;  // catalog order
  std::vector<StepResult> roadmap;              // steps 1..15
  std::vector<Action> actions;                  // in priority order
  SoaSummary soa;
  bool has_document_register = false;
  std::vector<UnmatchedDocument> unmatched_documents;  // register order
  // Set by the caller for display: the input names ("examples/soa.csv").
  std::string soa_source;
  std::string documents_source;
  std::string suppliers_source;  // with --suppliers
  // With --exercises: the latest exercise result of each exercised
  // requirement (exercise_results.h) and the files they came from.
  bool exercises_given = false;
  std::vector<ExerciseRow> exercises;
  std::vector<std::string> exercise_sources;
  // With --entity: the scoping result (classification, duties, supervision),
  // which says whether and how hard these requirements bind the entity.
  std::optional<scope::ScopeResult> entity;
  // For an entity IR 2024/2690 covers (its Art. 1 types): every Annex point,
  // in Annex order, and their tally; empty otherwise (add_ir_2024_2690).
  std::vector<IrPointResult> ir_2024_2690;
  Tally ir_2024_2690_tally;
};

}  // namespace vigil::assess
