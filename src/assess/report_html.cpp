// The gap report as one self-contained HTML file for management and the
// auditor: inline CSS, inline SVG charts (status by Art. 21(2) point, score by
// group, roadmap progress), no external requests, and print CSS so a browser's
// "Print to PDF" gives a clean document.
#include <fmt/format.h>

#include "assess/report.h"
#include "assess/report_common.h"
#include "core/html.h"

namespace vigil::assess {
namespace {

constexpr std::string_view kMet = "#2e7d32", kPartial = "#f9a825", kGap = "#c62828";

std::string_view status_class(RequirementStatus s) { return to_string(s); }

constexpr std::string_view kStyle = R"(
:root{--met:#2e7d32;--partial:#f9a825;--gap:#c62828;--ink:#1c2430;--muted:#5f6b7a;--line:#d9dee5}
*{box-sizing:border-box}
body{font-family:-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);margin:0 auto;max-width:1100px;padding:24px;line-height:1.4;font-size:14px}
h1{font-size:24px;margin:0 0 4px}
h2{font-size:18px;margin:28px 0 8px;border-bottom:2px solid var(--line);padding-bottom:4px}
.meta{color:var(--muted);margin:0 0 16px}
.cards{display:flex;gap:12px;flex-wrap:wrap}
.card{border:1px solid var(--line);border-radius:8px;padding:12px 16px;min-width:160px}
.card .value{font-size:28px;font-weight:700}
.card .label{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:16px;margin-top:16px}
figure{margin:0;border:1px solid var(--line);border-radius:8px;padding:12px}
figcaption{font-weight:600;margin-bottom:6px}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border-bottom:1px solid var(--line);padding:5px 6px;text-align:left;vertical-align:top}
th{background:#f3f5f8;font-weight:600}
td.num,th.num{text-align:right}
.badge{display:inline-block;border-radius:10px;padding:1px 8px;color:#fff;font-size:12px;font-weight:600;white-space:nowrap}
.badge.met{background:var(--met)}.badge.partial{background:var(--partial);color:#1c2430}.badge.gap{background:var(--gap)}.badge.review{background:#00838f}
.small{color:var(--muted);font-size:12px}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}
.legend span{margin-right:12px}.legend i{display:inline-block;width:10px;height:10px;margin-right:4px;border-radius:2px}
footer{margin-top:32px;color:var(--muted);font-size:12px}
@page{size:A4;margin:14mm}
@media print{
  body{max-width:none;padding:0;font-size:10.5pt}
  h2{break-after:avoid;page-break-after:avoid}
  tr,figure,.card{break-inside:avoid;page-break-inside:avoid}
  thead{display:table-header-group}
  .charts{grid-template-columns:1fr 1fr}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
)";

std::string legend() {
  return fmt::format(
      "<div class=\"legend small\"><span><i style=\"background:{}\"></i>met</span><span><i "
      "style=\"background:{}\"></i>partial</span><span><i style=\"background:{}\"></i>gap</span></div>",
      kMet, kPartial, kGap);
}

// Stacked horizontal bars: one per Art. 21(2) point, segments per status.
std::string points_chart(const GapReport& r) {
  auto points = wording::by_art_21_2_point(r);
  int most = 1;
  for (const auto& p : points) most = std::max(most, p.tally.total);
  const int row_h = 22, left = 40, bar_w = 260;
  const int h = static_cast<int>(points.size()) * row_h + 6;
  std::string svg = fmt::format(
      "<svg role=\"img\" aria-label=\"Status by Art. 21(2) point\" viewBox=\"0 0 340 {}\" width=\"100%\" "
      "xmlns=\"http://www.w3.org/2000/svg\" font-size=\"12\">",
      h);
  int y = 4;
  for (const auto& p : points) {
    svg += fmt::format("<text x=\"0\" y=\"{}\" fill=\"#1c2430\">{}</text>", y + 14, html_text(p.point));
    int x = left;
    auto seg = [&](int n, std::string_view colour, std::string_view label) {
      if (n == 0) return;
      int w = n * bar_w / most;
      svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"16\" fill=\"{}\"><title>{} {}</title></rect>",
                         x, y + 2, w, colour, n, label);
      x += w;
    };
    seg(p.tally.met, kMet, "met");
    seg(p.tally.partial, kPartial, "partial");
    seg(p.tally.gap, kGap, "gap");
    svg +=
        fmt::format("<text x=\"{}\" y=\"{}\" fill=\"#5f6b7a\">{}/{}</text>", x + 6, y + 14, p.tally.met, p.tally.total);
    y += row_h;
  }
  return svg + "</svg>";
}

// One bar per group, 0-100 %, with the score written at its end.
std::string groups_chart(const GapReport& r) {
  struct Row {
    std::string name;
    int tenths;
  };
  std::vector<Row> rows{{"overall", r.overall.score_tenths()}};
  for (const GroupResult& g : r.groups)
    rows.push_back({std::string(wording::group_name(g.group)), g.tally.score_tenths()});
  const int left = 120, bar_w = 180, row_h = 30;
  std::string svg = fmt::format(
      "<svg role=\"img\" aria-label=\"Readiness score by group\" viewBox=\"0 0 360 {}\" width=\"100%\" "
      "xmlns=\"http://www.w3.org/2000/svg\" font-size=\"12\">",
      static_cast<int>(rows.size()) * row_h + 6);
  int y = 4;
  for (const Row& row : rows) {
    int w = row.tenths * bar_w / 1000;
    std::string_view colour = row.tenths >= 800 ? kMet : row.tenths >= 500 ? kPartial : kGap;
    svg += fmt::format("<text x=\"0\" y=\"{}\" fill=\"#1c2430\">{}</text>", y + 16, html_text(row.name));
    svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"18\" fill=\"#eef1f5\"/>", left, y + 3, bar_w);
    svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"18\" fill=\"{}\"/>", left, y + 3, w, colour);
    svg += fmt::format("<text x=\"{}\" y=\"{}\" fill=\"#1c2430\" font-weight=\"600\">{}</text>", left + bar_w + 6,
                       y + 16, html_text(wording::percent(row.tenths)));
    y += row_h;
  }
  return svg + "</svg>";
}

// The 15 steps as numbered tiles coloured by progress.
std::string roadmap_chart(const GapReport& r) {
  const int tile = 30, gap = 4, per_row = 8;
  int rows = (static_cast<int>(r.roadmap.size()) + per_row - 1) / per_row;
  std::string svg = fmt::format(
      "<svg role=\"img\" aria-label=\"Roadmap progress\" viewBox=\"0 0 {} {}\" width=\"100%\" "
      "xmlns=\"http://www.w3.org/2000/svg\" font-size=\"12\">",
      per_row * (tile + gap), rows * (tile + gap) + 2);
  for (std::size_t i = 0; i < r.roadmap.size(); ++i) {
    const StepResult& s = r.roadmap[i];
    int x = static_cast<int>(i % per_row) * (tile + gap), y = static_cast<int>(i / per_row) * (tile + gap);
    std::string_view colour = s.status == StepStatus::Done         ? kMet
                              : s.status == StepStatus::InProgress ? kPartial
                                                                   : kGap;
    svg += fmt::format(
        "<g><title>Step {}: {} ({})</title><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"4\" "
        "fill=\"{}\"/><text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#fff\" font-weight=\"700\">{}</text></g>",
        s.step->number, html_text(s.step->title), wording::step_words(s.status), x, y, tile, tile, colour, x + tile / 2,
        y + 20, s.step->number);
  }
  return svg + "</svg>";
}

void summary(std::string& out, const GapReport& r) {
  out += "<div class=\"cards\">";
  out += fmt::format(
      "<div class=\"card\"><div class=\"label\">Readiness</div><div class=\"value\">{}</div>"
      "<div class=\"small\">met {} · partial {} · gap {} of {}</div></div>",
      html_text(wording::percent(r.overall.score_tenths())), r.overall.met, r.overall.partial, r.overall.gap,
      r.overall.total);
  for (const GroupResult& g : r.groups) {
    out += fmt::format(
        "<div class=\"card\"><div class=\"label\">{}</div><div class=\"value\">{}</div>"
        "<div class=\"small\">met {} · partial {} · gap {} of {}</div></div>",
        html_text(wording::group_title(g.group)), html_text(wording::percent(g.tally.score_tenths())), g.tally.met,
        g.tally.partial, g.tally.gap, g.tally.total);
  }
  out += fmt::format(
      "<div class=\"card\"><div class=\"label\">Actions</div><div class=\"value\">{}</div>"
      "<div class=\"small\">most urgent first</div></div>",
      r.actions.size());
  out += "</div>\n<div class=\"charts\">";
  out += "<figure><figcaption>Status by Art. 21(2) point</figcaption>" + points_chart(r) + legend() + "</figure>";
  out += "<figure><figcaption>Readiness score by group</figcaption>" + groups_chart(r) +
         "<div class=\"small\">score = (met + ½ partial) / total</div></figure>";
  out += "<figure><figcaption>Roadmap progress (15 steps)</figcaption>" + roadmap_chart(r) +
         "<div class=\"legend small\"><span><i style=\"background:#2e7d32\"></i>done</span><span><i "
         "style=\"background:#f9a825\"></i>in progress</span><span><i style=\"background:#c62828\"></i>not "
         "started</span></div></figure>";
  out += "</div>\n";
}

// A column of a report table; a number column is aligned right.
struct Column {
  std::string_view name;
  bool number = false;
};

// A table's head, up to the opening of its body.
std::string table_head(std::initializer_list<Column> columns) {
  std::string out = "<table><thead><tr>";
  for (const Column& c : columns) {
    out += c.number ? "<th class=\"num\">" : "<th>";
    out += c.name;
    out += "</th>";
  }
  return out + "</tr></thead><tbody>\n";
}

void entity(std::string& out, const GapReport& r) {
  if (!r.entity) return;
  wording::EntityWording w = wording::entity(*r.entity);
  out += fmt::format("<h2>Entity</h2>\n<p><strong>{}</strong></p>\n<ul>", html_text(w.headline));
  for (const std::string& f : w.facts) out += "<li>" + html_text(f) + "</li>";
  out += "</ul>\n";
  if (w.duties.empty()) return;
  out += "<p>Duties:</p>\n<ul>";
  for (const std::string& d : w.duties) out += "<li>" + html_text(d) + "</li>";
  out += "</ul>\n";
}

void actions(std::string& out, const GapReport& r) {
  out += fmt::format("<h2>Actions ({}, most urgent first)</h2>\n", r.actions.size());
  if (r.actions.empty()) {
    out += "<p>Nothing to do: every requirement is met and every review is current.</p>\n";
    return;
  }
  out += table_head({{"#", true}, {"for"}, {"action"}, {"requirements"}, {"owner"}});
  for (const Action& a : r.actions) {
    bool review = wording::is_follow_up(a);
    std::string tag = wording::action_tag(a);
    out += fmt::format(
        "<tr><td class=\"num\">{}</td><td><span class=\"badge {}\">{}</span></td><td>{}</td>"
        "<td><code>{}</code><div class=\"small\">{}</div></td><td>{}</td></tr>\n",
        a.rank, review ? "review" : status_class(a.requirement_status), tag, html_text(a.detail),
        html_text(fmt::format("{}", fmt::join(a.requirements, ", "))),
        html_text(fmt::format("{}", fmt::join(a.articles, ", "))), html_text(a.owner));
  }
  out += "</tbody></table>\n";
}

void requirements(std::string& out, const GapReport& r) {
  out += "<h2>Requirements</h2>\n" + table_head({{"status"}, {"requirement"}, {"article"}, {"controls and documents"}});
  for (const RequirementResult& q : r.requirements) {
    std::string findings;
    for (const Finding& f : q.findings) {
      findings +=
          fmt::format("<div class=\"small\">⚠ <code>{}</code> {}</div>", to_string(f.code), html_text(f.detail));
    }
    out += fmt::format(
        "<tr><td><span class=\"badge {}\">{}</span></td><td><code>{}</code><div>{}</div></td>"
        "<td>{}</td><td>{}{}</td></tr>\n",
        status_class(q.status), to_string(q.status), html_text(q.requirement->id), html_text(q.requirement->title),
        html_text(q.requirement->article), html_text(wording::basis(q)), findings);
  }
  out += "</tbody></table>\n";
  if (!r.unmatched_documents.empty()) {
    out += "<h3>Register rows no requirement reads</h3>\n<ul>\n";
    for (const UnmatchedDocument& d : r.unmatched_documents) {
      out += fmt::format("<li>⚠ <code>unmatched_document</code> {}</li>\n", html_text(wording::unmatched_document(d)));
    }
    out += "</ul>\n";
  }
}

// Documented versus performed (--exercises).
void exercises(std::string& out, const GapReport& r) {
  if (!r.exercises_given) return;
  out +=
      "<h2>Documented versus performed (exercises)</h2>\n<p class=\"small\">The status on paper beside the latest "
      "exercise that tested the requirement (an objective evidencing it): its HSEEP rating and the Art. 23(4) "
      "reports on time. Testing is overdue when no exercise tested it in the 12 months before the assessment "
      "date.</p>\n";
  out += table_head({{"requirement"}, {"documented"}, {"latest exercise"}, {"rating"}, {"reports"}, {"testing"}});
  for (const ExerciseRow& row : r.exercises) {
    std::string_view documented = wording::documented_status(r, row.requirement);
    out += fmt::format(
        "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
        "<td><span class=\"badge {}\">{}</span></td></tr>\n",
        html_text(row.requirement), html_text(documented), html_text(wording::exercise_latest(row)),
        html_text(wording::exercise_rating(row)), html_text(wording::exercise_reports(row)),
        row.testing_overdue ? "gap" : "met", html_text(wording::exercise_testing(row)));
  }
  out += "</tbody></table>\n";
}

void roadmap(std::string& out, const GapReport& r) {
  out += "<h2>Roadmap</h2>\n" + table_head({{"step", true}, {"status"}, {"title"}, {"evidence"}});
  for (const StepResult& s : r.roadmap) {
    std::vector<std::string> items;
    for (const StepEvidence& e : s.evidence) items.push_back(html_text(fmt::format("{} ({})", e.item, e.state)));
    out += fmt::format(
        "<tr><td class=\"num\">{}</td><td><span class=\"badge {}\">{}</span></td><td>{}{}</td>"
        "<td class=\"small\">{}</td></tr>\n",
        s.step->number, status_class(wording::drawn_as(s.status)), wording::step_words(s.status),
        html_text(s.step->title),
        s.step->achieved_by_iso27001 ? "" : "<div class=\"small\">not covered by ISO 27001</div>",
        fmt::join(items, "; "));
  }
  out += "</tbody></table>\n";
}

// For an entity IR 2024/2690 covers: per Annex section a tally, then every
// point with its status and the counterparts still open.
void ir_2024_2690(std::string& out, const GapReport& r) {
  if (r.ir_2024_2690.empty()) return;
  const Tally& t = r.ir_2024_2690_tally;
  out += fmt::format("<h2>IR 2024/2690 Annex ({} points: {} met, {} partial, {} gap)</h2>\n", t.total, t.met, t.partial,
                     t.gap);
  out += fmt::format("<p class=\"small\">{}</p>\n", wording::ir_point_basis());
  out += table_head({{"section", true}, {"title"}, {"met", true}, {"partial", true}, {"gap", true}});
  for (const catalog::IrSection& s : catalog::builtin().ir_sections) {
    const Tally in_section = wording::ir_section_tally(r, s.number);
    out += fmt::format(
        "<tr><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
        "<td class=\"num\">{}</td></tr>\n",
        s.number, html_text(s.title), in_section.met, in_section.partial, in_section.gap);
  }
  out += "</tbody></table>\n";
  out += table_head({{"status"}, {"point"}, {"implements"}, {"open counterparts"}});
  for (const IrPointResult& p : r.ir_2024_2690) {
    std::vector<std::string> open;
    for (const ControlResult& c : p.controls) {
      Implementation status = c.status.value_or(Implementation::NotImplemented);
      if (!c.applicable) open.push_back(fmt::format("{} excluded", c.id));
      else if (status != Implementation::Implemented) open.push_back(fmt::format("{} {}", c.id, to_string(status)));
    }
    out += fmt::format(
        "<tr><td><span class=\"badge {}\">{}</span></td><td><code>{}</code><div>{}</div></td>"
        "<td>{} <code>{}</code></td><td class=\"small\">{}</td></tr>\n",
        status_class(p.status), to_string(p.status), html_text(p.point->reference), html_text(p.point->title),
        html_text(p.point->article), html_text(p.point->requirement),
        html_text(open.empty() ? std::string("-") : fmt::format("{}", fmt::join(open, ", "))));
  }
  out += "</tbody></table>\n";
}

void soa(std::string& out, const GapReport& r) {
  const SoaSummary& s = r.soa;
  out += "<h2>Statement of Applicability</h2>\n<ul>";
  out += fmt::format("<li>Annex A controls listed: {} of {}; clauses listed: {} of {}</li>", s.annex_a_listed,
                     s.annex_a_total, s.clauses_listed, s.clauses_total);
  out += fmt::format(
      "<li>Applicable: {} (implemented {}, partially implemented {}, planned {}, not implemented "
      "{})</li>",
      s.applicable, s.implemented, s.partially_implemented, s.planned, s.not_implemented);
  out += fmt::format("<li>Excluded: {}</li>", s.excluded);
  if (!s.annex_a_missing.empty()) {
    out += fmt::format("<li>Missing from the SoA: {}</li>",
                       html_text(fmt::format("{}", fmt::join(s.annex_a_missing, ", "))));
  }
  out += "</ul>\n";
}

}  // namespace

std::string render_html(const GapReport& r) {
  std::string out;
  out.reserve(64 * 1024);
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += fmt::format("<title>NIS2 gap assessment, {}</title>\n<style>{}</style>\n</head>\n<body>\n",
                     format_date(r.as_of), kStyle);
  out += fmt::format(
      "<h1>NIS2 gap assessment</h1>\n<p class=\"meta\">As of <strong>{}</strong> · Statement of "
      "Applicability <code>{}</code> · {}</p>\n",
      format_date(r.as_of), html_text(r.soa_source),
      r.documents_source.empty()
          ? std::string("no documents register (every suggested document counts as missing)")
          : fmt::format("documents register <code>{}</code>", html_text(r.documents_source)) +
                (r.suppliers_source.empty()
                     ? std::string()
                     : fmt::format(" · supplier register <code>{}</code>", html_text(r.suppliers_source))) +
                (r.exercises_given ? fmt::format(" · exercise results <code>{}</code>",
                                                 html_text(fmt::format("{}", fmt::join(r.exercise_sources, ", "))))
                                   : std::string()));
  summary(out, r);
  entity(out, r);
  actions(out, r);
  requirements(out, r);
  exercises(out, r);
  roadmap(out, r);
  ir_2024_2690(out, r);
  soa(out, r);
  out +=
      "<footer>Generated by Vigil. Requirements of Directive (EU) 2022/2555 Arts 20, 21 and 23 assessed against "
      "the ISO/IEC 27001:2022 Statement of Applicability; a requirement without an ISO counterpart is judged by "
      "its documents.</footer>\n</body>\n</html>\n";
  return out;
}

}  // namespace vigil::assess
