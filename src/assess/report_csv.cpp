// The gap report as one CSV table, one row per NIS2 requirement, for
// spreadsheets and pipelines. Lists inside a cell are separated by "; ".
#include <fmt/format.h>

#include "assess/report.h"
#include "assess/report_common.h"
#include "core/csv.h"

namespace vigil::assess {

std::string render_csv(const GapReport& report) {
  // With --exercises, four more columns: the latest exercise of an exercised
  // requirement (empty for the others).
  std::string out = "requirement,article,group,title,status,basis,controls,findings,open_documents,as_of";
  out += report.exercises_given ? ",exercise,exercise_rating,exercise_reports,exercise_testing\n" : "\n";
  const std::string as_of = format_date(report.as_of);
  for (const RequirementResult& r : report.requirements) {
    std::vector<std::string> controls, findings;
    for (const ControlResult& c : r.controls) {
      controls.push_back(fmt::format("{}={}", c.id,
                                     !c.in_soa     ? std::string("missing_from_soa")
                                     : !c.applicable ? std::string("excluded")
                                                     : std::string(to_string(c.status.value_or(
                                                           Implementation::NotImplemented)))));
    }
    for (const Finding& f : r.findings) {
      const std::string& about = f.control.empty() ? f.subject : f.control;
      findings.push_back(about.empty() ? std::string(to_string(f.code))
                                       : fmt::format("{}:{}", to_string(f.code), about));
    }
    const std::string cells[] = {std::string(r.requirement->id),
                                 std::string(r.requirement->article),
                                 std::string(catalog::to_string(r.requirement->group)),
                                 std::string(r.requirement->title),
                                 std::string(to_string(r.status)),
                                 r.judged_by_documents ? "documents" : "controls",
                                 fmt::format("{}", fmt::join(controls, "; ")),
                                 fmt::format("{}", fmt::join(findings, "; ")),
                                 wording::open_documents(r),
                                 as_of};
    bool first = true;
    for (const std::string& cell : cells) {
      if (!first) out += ',';
      out += csv_field(cell);
      first = false;
    }
    if (report.exercises_given) {
      const ExerciseRow* row = nullptr;
      for (const ExerciseRow& e : report.exercises) {
        if (e.requirement == r.requirement->id) row = &e;
      }
      std::string extra[4];
      if (row) {
        extra[0] = wording::exercise_latest(*row);
        extra[1] = row->rating ? std::string(1, *row->rating) : std::string();
        extra[2] = wording::exercise_reports(*row);
        extra[3] = wording::exercise_testing(*row);
      }
      for (const std::string& cell : extra) out += ',' + csv_field(cell);
    }
    out += '\n';
  }
  return out;
}

}  // namespace vigil::assess
