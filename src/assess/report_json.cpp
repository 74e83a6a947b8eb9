#include <nlohmann/json.hpp>

#include "assess/report.h"
#include "assess/report_common.h"

namespace vigil::assess {
namespace {

using json = nlohmann::ordered_json;

// 806 tenths -> 80.6 as a JSON number (printed with its one decimal).
json score(int tenths) { return static_cast<double>(tenths) / 10.0; }

json optional_date(const std::optional<Date>& d) { return d ? json(format_date(*d)) : json(nullptr); }

json control_json(const ControlResult& c) {
  return {{"id", c.id},
          {"title", c.title},
          {"applicable", c.applicable},
          {"status", c.status ? json(to_string(*c.status)) : json(nullptr)},
          {"in_soa", c.in_soa},
          {"owner", c.owner},
          {"last_reviewed", optional_date(c.last_reviewed)}};
}

json requirement_json(const RequirementResult& r) {
  json controls = json::array(), findings = json::array(), documents = json::array();
  for (const ControlResult& c : r.controls) controls.push_back(control_json(c));
  for (const Finding& f : r.findings) {
    json item = {{"code", to_string(f.code)},
                 {"control", f.control.empty() ? json(nullptr) : json(f.control)},
                 {"detail", f.detail}};
    if (!f.subject.empty()) item["supplier"] = f.subject;
    findings.push_back(std::move(item));
  }
  for (const DocumentResult& d : r.documents) {
    json doc = {{"document", d.name}, {"status", to_string(d.status)}};
    if (d.next_review) doc["next_review"] = format_date(*d.next_review);
    if (d.review_overdue) doc["review_overdue"] = true;
    documents.push_back(std::move(doc));
  }
  return {{"id", r.requirement->id},          {"article", r.requirement->article},
          {"title", r.requirement->title},    {"group", catalog::to_string(r.requirement->group)},
          {"status", to_string(r.status)},    {"basis", r.judged_by_documents ? "documents" : "controls"},
          {"controls", std::move(controls)},  {"findings", std::move(findings)},
          {"documents", std::move(documents)}};
}

json step_json(const StepResult& s) {
  json evidence = json::array();
  for (const StepEvidence& e : s.evidence) evidence.push_back({{"item", e.item}, {"kind", e.kind}, {"state", e.state}});
  return {{"step", s.step->number},
          {"id", s.step->id},
          {"title", s.step->title},
          {"status", to_string(s.status)},
          {"achieved_by_iso27001", s.step->achieved_by_iso27001},
          {"evidence", std::move(evidence)}};
}

json action_json(const Action& a) {
  return {{"rank", a.rank},
          {"kind", to_string(a.kind)},
          {"target", a.target},
          {"title", a.target_title},
          {"requirement_status", to_string(a.requirement_status)},
          {"requirements", a.requirements},
          {"articles", a.articles},
          {"owner", a.owner},
          {"detail", a.detail}};
}

json soa_json(const SoaSummary& s) {
  return {{"annex_a_total", s.annex_a_total},
          {"annex_a_listed", s.annex_a_listed},
          {"annex_a_missing", s.annex_a_missing},
          {"clauses_total", s.clauses_total},
          {"clauses_listed", s.clauses_listed},
          {"applicable", s.applicable},
          {"excluded", s.excluded},
          {"implemented", s.implemented},
          {"partially_implemented", s.partially_implemented},
          {"planned", s.planned},
          {"not_implemented", s.not_implemented}};
}

// The IR 2024/2690 Annex section: per Annex section a tally, and every point
// with its status, counterparts and findings.
json ir_json(const GapReport& report) {
  json sections = json::array(), points = json::array();
  for (const catalog::IrSection& s : catalog::builtin().ir_sections) {
    const Tally t = wording::ir_section_tally(report, s.number);
    sections.push_back({{"section", s.number},
                        {"title", s.title},
                        {"total", t.total},
                        {"met", t.met},
                        {"partial", t.partial},
                        {"gap", t.gap},
                        {"score", score(t.score_tenths())}});
  }
  for (const IrPointResult& p : report.ir_2024_2690) {
    json controls = json::array(), findings = json::array();
    for (const ControlResult& c : p.controls)
      controls.push_back({{"id", c.id},
                          {"applicable", c.applicable},
                          {"status", c.status ? json(to_string(*c.status)) : json(nullptr)},
                          {"in_soa", c.in_soa}});
    for (const Finding& f : p.findings)
      findings.push_back({{"code", to_string(f.code)},
                          {"control", f.control.empty() ? json(nullptr) : json(f.control)},
                          {"detail", f.detail}});
    points.push_back({{"id", p.point->id},
                      {"reference", p.point->reference},
                      {"article", p.point->article},
                      {"requirement", p.point->requirement},
                      {"title", p.point->title},
                      {"status", to_string(p.status)},
                      {"controls", std::move(controls)},
                      {"findings", std::move(findings)}});
  }
  const Tally& t = report.ir_2024_2690_tally;
  return {{"basis",
           "ISO/IEC 27001 counterparts per ENISA's mapping table (correspondences, not equivalences): "
           "met means the ISO footing of the point is implemented"},
          {"total", t.total},
          {"met", t.met},
          {"partial", t.partial},
          {"gap", t.gap},
          {"score", score(t.score_tenths())},
          {"sections", std::move(sections)},
          {"points", std::move(points)}};
}

}  // namespace

json to_json(const GapReport& report) {
  json out;
  out["as_of"] = format_date(report.as_of);
  json scores = {{"overall", score(report.overall.score_tenths())}};
  json groups = json::array();
  for (const GroupResult& g : report.groups) {
    scores[std::string(catalog::to_string(g.group))] = score(g.tally.score_tenths());
    groups.push_back({{"name", catalog::to_string(g.group)},
                      {"total", g.tally.total},
                      {"met", g.tally.met},
                      {"partial", g.tally.partial},
                      {"gap", g.tally.gap},
                      {"score", score(g.tally.score_tenths())}});
  }
  out["score"] = std::move(scores);
  out["groups"] = std::move(groups);
  json requirements = json::array(), roadmap = json::array(), actions = json::array();
  for (const RequirementResult& r : report.requirements) requirements.push_back(requirement_json(r));
  for (const StepResult& s : report.roadmap) roadmap.push_back(step_json(s));
  for (const Action& a : report.actions) actions.push_back(action_json(a));
  out["requirements"] = std::move(requirements);
  out["roadmap"] = std::move(roadmap);
  out["actions"] = std::move(actions);
  out["soa"] = soa_json(report.soa);
  out["inputs"] = {{"soa", report.soa_source},
                   {"documents", report.documents_source.empty() ? json(nullptr) : json(report.documents_source)}};
  if (!report.suppliers_source.empty()) out["inputs"]["suppliers"] = report.suppliers_source;
  json unmatched = json::array();
  for (const UnmatchedDocument& d : report.unmatched_documents) {
    unmatched.push_back({{"name", d.name}, {"where", d.where}, {"detail", wording::unmatched_document(d)}});
  }
  out["unmatched_documents"] = std::move(unmatched);
  if (report.exercises_given) {
    out["inputs"]["exercises"] = report.exercise_sources;
    json rows = json::array();
    for (const ExerciseRow& row : report.exercises) {
      json latest = nullptr;
      if (row.ended) {
        latest = {
            {"scenario", row.scenario},
            {"title", row.title},
            {"source", row.source},
            {"ended", format_date(*row.ended)},
            {"rating", row.rating ? json(std::string(1, *row.rating)) : json(nullptr)},
            {"reports", {{"total", row.reports_total}, {"on_time", row.reports_on_time}, {"late", row.reports_late}}}};
      }
      json not_counted = json::array();
      for (const ExerciseRow::NotCounted& n : row.not_counted) {
        not_counted.push_back(
            {{"source", n.source}, {"scenario", n.scenario}, {"ended", format_date(n.ended)}, {"reason", n.reason}});
      }
      rows.push_back({{"requirement", row.requirement},
                      {"documented", wording::documented_status(report, row.requirement)},
                      {"latest", std::move(latest)},
                      {"not_counted", std::move(not_counted)},
                      {"testing_due", optional_date(row.testing_due)},
                      {"testing_overdue", row.testing_overdue}});
    }
    out["exercises"] = std::move(rows);
  }
  if (report.entity) out["entity"] = json(scope::to_json(*report.entity));
  if (!report.ir_2024_2690.empty()) out["ir_2024_2690"] = ir_json(report);
  return out;
}

std::string render_json(const GapReport& report) { return to_json(report).dump(2) + "\n"; }

}  // namespace vigil::assess
