// The gap report as Markdown, for a wiki page, a ticket or a pull request.
#include <fmt/format.h>

#include "assess/report.h"
#include "assess/report_common.h"
#include "core/names.h"
#include "core/text.h"

namespace vigil::assess {
namespace {

std::string cell(std::string_view text) { return markdown_text(text); }

// "✅", "🟡" or "❌": the mark a status (and a step drawn like it) carries.
constexpr EnumNames<RequirementStatus, 3> kMarks{{"✅", "🟡", "❌"}};
std::string_view mark(RequirementStatus s) { return name_of(s, kMarks); }

std::string status_badge(RequirementStatus s) { return fmt::format("{} {}", mark(s), to_string(s)); }

std::string step_badge(StepStatus s) {
  return fmt::format("{} {}", mark(wording::drawn_as(s)), wording::step_words(s));
}

}  // namespace

std::string render_markdown(const GapReport& r) {
  std::string out = fmt::format("# NIS2 gap assessment\n\nAs of **{}**. Statement of Applicability: `{}`. ",
                                format_date(r.as_of), r.soa_source);
  out += r.documents_source.empty() ? "No documents register given (every suggested document counts as missing).\n"
                                    : fmt::format("Documents register: `{}`.\n", r.documents_source);
  if (!r.suppliers_source.empty()) out += fmt::format("Supplier register: `{}`.\n", r.suppliers_source);
  if (r.exercises_given) {
    std::vector<std::string> names;
    for (const std::string& source : r.exercise_sources) names.push_back(cell(source));
    out += fmt::format("Exercise results: {}.\n",
                       names.empty() ? std::string("none") : fmt::format("{}", fmt::join(names, ", ")));
  }

  if (r.entity) {
    wording::EntityWording w = wording::entity(*r.entity);
    out += fmt::format("\n## Entity\n\n**{}**\n\n", w.headline);
    for (const std::string& f : w.facts) out += "- " + f + "\n";
    if (!w.duties.empty()) out += "\nDuties:\n\n";
    for (const std::string& d : w.duties) out += "- " + d + "\n";
  }
  out += fmt::format("\n## Readiness: {}\n\n", wording::percent(r.overall.score_tenths()));
  out += "| group | score | met | partial | gap | total |\n| --- | ---: | ---: | ---: | ---: | ---: |\n";
  auto row = [&](std::string_view name, const Tally& t) {
    out += fmt::format("| {} | {} | {} | {} | {} | {} |\n", name, wording::percent(t.score_tenths()), t.met, t.partial,
                       t.gap, t.total);
  };
  row("**overall**", r.overall);
  for (const GroupResult& g : r.groups) row(wording::group_name(g.group), g.tally);
  out += "\nScore = (met + ½ partial) / total.\n";

  out += fmt::format("\n## Actions ({}, most urgent first)\n\n", r.actions.size());
  out += "| # | status | action | for | owner |\n| ---: | --- | --- | --- | --- |\n";
  for (const Action& a : r.actions) {
    std::string tag = wording::action_tag(a);
    out += fmt::format("| {} | {} | {} | {} ({}) | {} |\n", a.rank, tag, cell(a.detail),
                       fmt::join(a.requirements, ", "), fmt::join(a.articles, ", "), cell(a.owner));
  }

  out += "\n## Requirements\n\n| status | requirement | article | title | basis |\n| --- | --- | --- | --- | --- |\n";
  for (const RequirementResult& q : r.requirements) {
    out += fmt::format("| {} | `{}` | {} | {} | {} |\n", status_badge(q.status), q.requirement->id,
                       q.requirement->article, cell(q.requirement->title), cell(wording::basis(q)));
  }

  if (r.exercises_given) {
    out +=
        "\n## Documented versus performed (exercises)\n\n| requirement | documented | latest exercise | rating | "
        "reports | testing |\n| --- | --- | --- | --- | --- | --- |\n";
    for (const ExerciseRow& e : r.exercises) {
      out += fmt::format("| `{}` | {} | {} | {} | {} | {} |\n", e.requirement,
                         wording::documented_status(r, e.requirement), cell(wording::exercise_latest(e)),
                         cell(wording::exercise_rating(e)), cell(wording::exercise_reports(e)),
                         cell(wording::exercise_testing(e)));
    }
  }

  out += "\n## Findings\n\n";
  bool any = false;
  for (const RequirementResult& q : r.requirements) {
    for (const Finding& f : q.findings) {
      if (!any) out += "| finding | requirement | detail |\n| --- | --- | --- |\n";
      any = true;
      out += fmt::format("| `{}` | `{}` | {} |\n", to_string(f.code), q.requirement->id, cell(f.detail));
    }
  }
  for (const UnmatchedDocument& d : r.unmatched_documents) {
    if (!any) out += "| finding | requirement | detail |\n| --- | --- | --- |\n";
    any = true;
    out += fmt::format("| `unmatched_document` | register | {} |\n", cell(wording::unmatched_document(d)));
  }
  if (!any) out += "None.\n";

  out += "\n## Roadmap\n\n| step | status | title | evidence |\n| ---: | --- | --- | --- |\n";
  for (const StepResult& s : r.roadmap) {
    std::vector<std::string> items;
    for (const StepEvidence& e : s.evidence) items.push_back(fmt::format("{} ({})", e.item, e.state));
    out += fmt::format("| {} | {} | {} | {} |\n", s.step->number, step_badge(s.status), cell(s.step->title),
                       cell(fmt::format("{}", fmt::join(items, "; "))));
  }

  if (!r.ir_2024_2690.empty()) {
    const Tally& t = r.ir_2024_2690_tally;
    out += fmt::format("\n## IR 2024/2690 Annex ({} points: {} met, {} partial, {} gap)\n\n", t.total, t.met, t.partial,
                       t.gap);
    out +=
        "Each point judged from the SoA through its ISO/IEC 27001 counterparts in ENISA's mapping table. "
        "ENISA's pairs are correspondences, not equivalences: met means the ISO footing of the point is "
        "implemented, not that the point itself has been verified.\n\n";
    out += "| status | point | Art. 21(2) | requirement | title |\n| --- | --- | --- | --- | --- |\n";
    for (const IrPointResult& p : r.ir_2024_2690)
      out += fmt::format("| {} | {} | {} | {} | {} |\n", to_string(p.status), cell(p.point->reference),
                         cell(p.point->article), cell(p.point->requirement), cell(p.point->title));
  }

  const SoaSummary& s = r.soa;
  out += "\n## Statement of Applicability\n\n";
  out += fmt::format("- Annex A controls listed: {} of {}; clauses listed: {} of {}\n", s.annex_a_listed,
                     s.annex_a_total, s.clauses_listed, s.clauses_total);
  out += fmt::format("- Applicable: {} (implemented {}, partially implemented {}, planned {}, not implemented {})\n",
                     s.applicable, s.implemented, s.partially_implemented, s.planned, s.not_implemented);
  out += fmt::format("- Excluded: {}\n", s.excluded);
  if (!s.annex_a_missing.empty()) {
    out += fmt::format("- Missing from the SoA: {}\n", fmt::join(s.annex_a_missing, ", "));
  }
  return out;
}

}  // namespace vigil::assess
