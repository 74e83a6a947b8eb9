// The latest exercise result per requirement and whether its testing is
// overdue (the rules: exercise_results.h), and their place in the gap report.
#include "assess/exercise_results.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "assess/gap_report.h"
#include "assess/review_due.h"
#include "catalog/catalog.h"

namespace vigil::assess {
namespace {

// HSEEP ratings from worst to best.
int rank_of(char rating) {
  switch (rating) {
    case 'U': return 0;
    case 'M': return 1;
    case 'S': return 2;
    default: return 3;  // 'P'
  }
}

bool tests(const ExerciseResult& result, std::string_view requirement) {
  return std::any_of(result.objectives.begin(), result.objectives.end(), [&](const ExerciseObjective& o) {
    return std::find(o.evidences.begin(), o.evidences.end(), requirement) != o.evidences.end();
  });
}

std::optional<char> rating_for(const ExerciseResult& result, std::string_view requirement) {
  std::optional<char> worst;
  for (const ExerciseObjective& o : result.objectives) {
    if (!o.rating || std::find(o.evidences.begin(), o.evidences.end(), requirement) == o.evidences.end()) continue;
    if (!worst || rank_of(*o.rating) < rank_of(*worst)) worst = o.rating;
  }
  return worst;
}

bool known_by(const ExerciseResult& result, Date as_of) {
  return date::sys_days(result.ended) <= date::sys_days(as_of);
}

// The NIS2 requirement an improvement reference stands for: a catalog id as
// it is, an Annex point ("IR 2024/2690 4.3.2(a)") through the point's NIS2
// requirement; nullptr when the catalog has neither.
const catalog::Requirement* served(std::string_view reference) {
  if (const catalog::Requirement* r = catalog::find_requirement(reference)) return r;
  constexpr std::string_view kPrefix = "IR 2024/2690 ";
  if (reference.substr(0, kPrefix.size()) != kPrefix) return nullptr;
  std::string_view point = reference.substr(kPrefix.size());
  point = point.substr(0, point.find('('));
  // The point itself, or the nearest enclosing point the catalog lists.
  while (!point.empty()) {
    for (const catalog::IrRequirement& ir : catalog::builtin().ir_requirements) {
      if (ir.number == point) return catalog::find_requirement(ir.requirement);
    }
    auto dot = point.rfind('.');
    if (dot == std::string_view::npos) break;
    point = point.substr(0, dot);
  }
  return nullptr;
}

const RequirementResult* result_of(const GapReport& report, std::string_view id) {
  for (const RequirementResult& r : report.requirements) {
    if (r.requirement->id == id) return &r;
  }
  return nullptr;
}

std::string_view plan_of(std::string_view requirement) {
  if (requirement == "rm.incident_handling") return "the incident handling plan";
  if (requirement == "rm.business_continuity") return "the business continuity plan";
  if (requirement == "rm.crisis_management") return "the crisis management plan";
  return "the Art. 23 reporting";
}

}  // namespace

std::string not_counted_reason(const ExerciseResult& result) {
  if (!result.ended_early || (!result.ended_before_awareness && !result.ended_before_final_report_due)) return "";
  std::string played = result.played.empty() ? std::string() : " at " + result.played;
  if (!played.empty() && !result.duration.empty()) played += " of " + result.duration;
  return fmt::format("ended early{}, before {}: not counted as testing", played,
                     result.ended_before_awareness ? "the awareness inject" : "the final report was due");
}

std::vector<std::string_view> exercised_requirements() {
  std::vector<std::string_view> out{"rm.incident_handling", "rm.business_continuity", "rm.crisis_management"};
  for (const catalog::Requirement& r : catalog::builtin().requirements) {
    if (r.id.substr(0, 4) == "rep.") out.push_back(r.id);
  }
  return out;
}

std::vector<RequirementExercise> exercise_status(std::span<const ExerciseResult> results, Date as_of) {
  std::vector<RequirementExercise> out;
  for (std::string_view id : exercised_requirements()) {
    RequirementExercise e;
    e.requirement = id;
    for (std::size_t i = 0; i < results.size(); ++i) {
      if (!known_by(results[i], as_of) || !tests(results[i], id) || !not_counted_reason(results[i]).empty()) continue;
      // ">=": on equal dates the one given last wins.
      if (!e.latest || date::sys_days(results[i].ended) >= date::sys_days(results[*e.latest].ended)) e.latest = i;
    }
    for (std::size_t i = 0; i < results.size(); ++i) {
      if (!known_by(results[i], as_of) || !tests(results[i], id) || not_counted_reason(results[i]).empty()) continue;
      if (e.latest && date::sys_days(results[i].ended) < date::sys_days(results[*e.latest].ended)) continue;
      e.not_counted.push_back(i);
    }
    if (e.latest) {
      const ExerciseResult& latest = results[*e.latest];
      e.rating = rating_for(latest, id);
      e.testing_due = review_due(latest.ended);
      e.testing_overdue = review_overdue(latest.ended, as_of);
    }
    out.push_back(e);
  }
  return out;
}

void add_exercise_results(GapReport& report, std::span<const ExerciseResult> results) {
  report.exercises_given = true;
  report.exercise_sources.clear();
  for (const ExerciseResult& r : results) report.exercise_sources.push_back(r.source);
  report.exercises.clear();
  std::vector<Action> added;
  for (const RequirementExercise& e : exercise_status(results, report.as_of)) {
    ExerciseRow row;
    row.requirement = e.requirement;
    row.rating = e.rating;
    row.testing_due = e.testing_due;
    row.testing_overdue = e.testing_overdue;
    if (e.latest) {
      const ExerciseResult& x = results[*e.latest];
      row.scenario = x.scenario;
      row.title = x.title;
      row.source = x.source;
      row.ended = x.ended;
      row.reports_total = x.reports_total;
      row.reports_on_time = x.reports_on_time;
      row.reports_late = x.reports_late;
    }
    for (std::size_t i : e.not_counted) {
      const ExerciseResult& x = results[i];
      row.not_counted.push_back({x.source, x.scenario, x.ended, not_counted_reason(x)});
    }
    report.exercises.push_back(row);
    if (!e.testing_overdue) continue;
    const RequirementResult* r = result_of(report, e.requirement);
    if (!r) continue;
    Action a;
    a.kind = ActionKind::ScheduleExercise;
    a.target = std::string(e.requirement);
    a.requirement_status = r->status;
    a.requirements = {r->requirement->id};
    a.articles = {r->requirement->article};
    a.detail = e.latest
                   ? fmt::format(
                         "Exercise {}: the last exercise testing it ({}) ended on {}, its next test was "
                         "due on {}",
                         plan_of(e.requirement), row.scenario, format_date(*row.ended), format_date(*row.testing_due))
                   : fmt::format("Exercise {}: no exercise testing it in the 12 months before {}",
                                 plan_of(e.requirement), format_date(report.as_of));
    for (const ExerciseRow::NotCounted& n : row.not_counted) {
      a.detail += fmt::format(" ({} {} {})", n.source, n.scenario, n.reason);
    }
    added.push_back(std::move(a));
  }
  // Improvement items of the exercises that count, each once.
  std::set<std::pair<std::string, std::string>> seen;
  for (const ExerciseResult& x : results) {
    if (!known_by(x, report.as_of)) continue;
    for (const ImprovementItem& item : x.improvements) {
      if (!seen.insert({item.text, item.owner}).second) continue;
      Action a;
      a.kind = ActionKind::ExerciseImprovement;
      a.target = x.scenario;
      a.target_title = x.title;
      a.owner = item.owner;
      a.requirement_status = RequirementStatus::Partial;
      bool any = false;
      for (const std::string& reference : item.requirements) {
        const catalog::Requirement* req = served(reference);
        if (!req) continue;
        if (std::find(a.requirements.begin(), a.requirements.end(), req->id) != a.requirements.end()) continue;
        a.requirements.push_back(req->id);
        if (std::find(a.articles.begin(), a.articles.end(), req->article) == a.articles.end()) {
          a.articles.push_back(req->article);
        }
        if (const RequirementResult* r = result_of(report, req->id)) {
          if (!any || r->status == RequirementStatus::Gap) a.requirement_status = r->status;
          any = true;
        }
      }
      std::string serves;
      for (const std::string& reference : item.requirements) {
        if (!catalog::find_requirement(reference)) serves += (serves.empty() ? "" : ", ") + reference;
      }
      a.detail = fmt::format("{} (exercise {} of {}{}{})", item.text, x.scenario, format_date(x.ended),
                             item.due ? ", due " + format_date(*item.due) : std::string(),
                             serves.empty() ? std::string() : "; serves " + serves);
      added.push_back(std::move(a));
    }
  }
  auto at = std::find_if(report.actions.begin(), report.actions.end(), [](const Action& a) {
    return a.kind == ActionKind::ReviewControl || a.kind == ActionKind::ReviewDocument;
  });
  report.actions.insert(at, std::make_move_iterator(added.begin()), std::make_move_iterator(added.end()));
  for (std::size_t i = 0; i < report.actions.size(); ++i) report.actions[i].rank = static_cast<int>(i) + 1;
}

}  // namespace vigil::assess
