// The gap report as one CSV table, for spreadsheets and pipelines: one row per
// NIS2 requirement and, for an entity IR 2024/2690 covers, one row per Annex
// point after them (group "ir_2024_2690", id "ir.5.1.4", article the Art. 21(2)
// point it implements), then one row per document register row no requirement
// reads (group "document_register", status "unmatched_document", the finding
// saying why). Lists inside a cell are separated by "; ".
#include <fmt/format.h>

#include "assess/report.h"
#include "assess/report_common.h"
#include "core/csv.h"

namespace vigil::assess {

namespace {

std::string controls_cell(const std::vector<ControlResult>& controls) {
  std::vector<std::string> out;
  for (const ControlResult& c : controls) {
    out.push_back(fmt::format("{}={}", c.id,
                              !c.in_soa ? std::string("missing_from_soa")
                              : !c.applicable
                                  ? std::string("excluded")
                                  : std::string(to_string(c.status.value_or(Implementation::NotImplemented)))));
  }
  return fmt::format("{}", fmt::join(out, "; "));
}

std::string findings_cell(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const Finding& f : findings) {
    const std::string& about = f.control.empty() ? f.subject : f.control;
    out.push_back(about.empty() ? std::string(to_string(f.code)) : fmt::format("{}:{}", to_string(f.code), about));
  }
  return fmt::format("{}", fmt::join(out, "; "));
}

// One line: the cells, then `tail` (further cells already quoted, each
// starting with a comma; empty for none).
void row(std::string& out, std::initializer_list<std::string> cells, const std::string& tail) {
  bool first = true;
  for (const std::string& cell : cells) {
    if (!first) out += ',';
    out += csv_field(cell);
    first = false;
  }
  out += tail;
  out += '\n';
}

}  // namespace

std::string render_csv(const GapReport& report) {
  // With --exercises, four more columns: the latest exercise of an exercised
  // requirement (empty for the others and for the Annex points).
  std::string out = "requirement,article,group,title,status,basis,controls,findings,open_documents,as_of";
  out += report.exercises_given ? ",exercise,exercise_rating,exercise_reports,exercise_testing\n" : "\n";
  const std::string as_of = format_date(report.as_of);
  auto exercise_cells = [&](std::string_view requirement) {
    if (!report.exercises_given) return std::string();
    const ExerciseRow* found = nullptr;
    for (const ExerciseRow& e : report.exercises) {
      if (e.requirement == requirement) found = &e;
    }
    std::string extra[4];
    if (found) {
      extra[0] = wording::exercise_latest(*found);
      extra[1] = found->rating ? std::string(1, *found->rating) : std::string();
      extra[2] = wording::exercise_reports(*found);
      extra[3] = wording::exercise_testing(*found);
    }
    std::string cells;
    for (const std::string& cell : extra) cells += ',' + csv_field(cell);
    return cells;
  };
  for (const RequirementResult& r : report.requirements) {
    row(out,
        {std::string(r.requirement->id), std::string(r.requirement->article),
         std::string(catalog::to_string(r.requirement->group)), std::string(r.requirement->title),
         std::string(to_string(r.status)), r.judged_by_documents ? "documents" : "controls", controls_cell(r.controls),
         findings_cell(r.findings), wording::open_documents(r), as_of},
        exercise_cells(r.requirement->id));
  }
  // The Annex points: judged through their ISO counterparts only (no documents).
  for (const IrPointResult& p : report.ir_2024_2690) {
    row(out,
        {std::string(p.point->id), std::string(p.point->article), "ir_2024_2690", std::string(p.point->title),
         std::string(to_string(p.status)), "controls", controls_cell(p.controls), findings_cell(p.findings), "", as_of},
        exercise_cells(p.point->id));
  }
  // The register rows no requirement reads (not a suggested document, no
  // maps_to): one row each, status "unmatched_document", never left out.
  for (const UnmatchedDocument& d : report.unmatched_documents) {
    row(out,
        {"", "", "document_register", d.name, "unmatched_document", "documents", "", wording::unmatched_document(d), "",
         as_of},
        exercise_cells(""));
  }
  return out;
}

}  // namespace vigil::assess
