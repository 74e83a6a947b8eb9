// The gap report for a person at a terminal: the score first, then what needs
// doing (actions), then the detail an auditor asks for (requirements,
// findings, roadmap, the SoA itself).
#include <algorithm>

#include <fmt/format.h>

#include "assess/report.h"
#include "assess/report_common.h"
#include "core/names.h"
#include "core/text.h"

namespace vigil::assess {
namespace {

std::string plain(std::string_view text, std::string_view) { return std::string(text); }

// Display width of UTF-8 text: code points, not bytes.
std::size_t width(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string pad(std::string_view text, std::size_t w) {
  std::string out(text);
  std::size_t have = width(text);
  if (have < w) out.append(w - have, ' ');
  return out;
}

// ANSI colours: green, yellow, red.
constexpr EnumNames<RequirementStatus, 3> kStatusColours{{"32", "33", "31"}};

std::string_view status_colour(RequirementStatus s) { return name_of(s, kStatusColours); }

// A 20-cell bar: █ for met, ▒ for partial, · for gap, proportional to counts.
std::string bar(const Tally& t, Paint paint) {
  constexpr int cells = 20;
  if (t.total == 0) return std::string();
  int met = (t.met * cells * 2 + t.total) / (t.total * 2);
  int partial = ((t.met + t.partial) * cells * 2 + t.total) / (t.total * 2) - met;
  int gap = cells - met - partial;
  std::string m, p, g;
  for (int i = 0; i < met; ++i) m += "█";
  for (int i = 0; i < partial; ++i) p += "▒";
  for (int i = 0; i < gap; ++i) g += "·";
  return paint(m, "32") + paint(p, "33") + paint(g, "31");
}

// Wraps `text` at `w` columns, continuation lines indented by `indent`.
std::string wrap(std::string_view text, std::size_t w, std::size_t indent) {
  return joined(wrapped_lines(text, w), "\n" + std::string(indent, ' '));
}

void heading(std::string& out, std::string_view title, Paint paint) { out += "\n" + paint(title, "1") + "\n"; }

void entity(std::string& out, const GapReport& r, Paint paint) {
  if (!r.entity) return;
  wording::EntityWording w = wording::entity(*r.entity);
  heading(out, "ENTITY", paint);
  out += "  " + w.headline + "\n";
  for (const std::string& f : w.facts) out += "  " + wrap(f, 100, 4) + "\n";
  if (!w.duties.empty()) out += "  Duties:\n";
  for (const std::string& d : w.duties) out += "    - " + wrap(d, 96, 6) + "\n";
}

void readiness(std::string& out, const GapReport& r, Paint paint) {
  heading(out, fmt::format("READINESS  {}", wording::percent(r.overall.score_tenths())), paint);
  auto row = [&](std::string_view name, const Tally& t) {
    out += fmt::format("  {}{}  {}  met {:>2}  partial {:>2}  gap {:>2}  of {}\n", pad(name, 17),
                       pad(wording::percent(t.score_tenths()), 7), bar(t, paint), t.met, t.partial, t.gap, t.total);
  };
  row("overall", r.overall);
  for (const GroupResult& g : r.groups) row(wording::group_name(g.group), g.tally);
  out += "  score = (met + ½ partial) / total\n";
}

void actions(std::string& out, const GapReport& r, Paint paint) {
  heading(out, fmt::format("ACTIONS ({}, most urgent first)", r.actions.size()), paint);
  if (r.actions.empty()) {
    out += "  Nothing to do: every requirement is met and every review is current.\n";
    return;
  }
  for (const Action& a : r.actions) {
    std::string tag = wording::action_tag(a);
    std::string_view colour = wording::is_follow_up(a) ? "36" : status_colour(a.requirement_status);
    out += fmt::format("  {:>2}. {} {}\n", a.rank, paint(pad(tag, 7), colour), wrap(a.detail, 86, 14));
    std::string serves = fmt::format("{} ({})", fmt::join(a.requirements, ", "), fmt::join(a.articles, ", "));
    std::string line = "for " + serves;
    if (!a.owner.empty()) line += "; owner: " + a.owner;
    out += std::string(14, ' ') + wrap(line, 86, 14) + "\n";
  }
}

void requirements(std::string& out, const GapReport& r, Paint paint) {
  heading(out, "REQUIREMENTS", paint);
  std::size_t art_w = 0;
  for (const RequirementResult& q : r.requirements) art_w = std::max(art_w, width(q.requirement->article));
  const std::size_t indent = 4 + 9 + art_w + 2;
  const std::size_t text_w = 100 - indent;
  bool first = true;
  catalog::Group group = catalog::Group::RiskManagement;
  for (const RequirementResult& q : r.requirements) {
    if (first || q.requirement->group != group) {
      group = q.requirement->group;
      out += fmt::format("  {}\n", wording::group_title(group));
      first = false;
    }
    std::string title = fmt::format("{} ({})", q.requirement->title, q.requirement->id);
    out += fmt::format("    {}{}  ", paint(pad(to_string(q.status), 9), status_colour(q.status)),
                       pad(q.requirement->article, art_w));
    if (q.status == RequirementStatus::Met) {
      out += wrap(title + ": " + wording::basis(q), text_w, indent) + "\n";
    } else {
      out += wrap(title, text_w, indent) + "\n";
      out += std::string(indent, ' ') + wrap(wording::basis(q), text_w, indent) + "\n";
    }
  }
}

// Documented versus performed (--exercises): the requirement's status on
// paper beside the latest exercise that tested it.
void exercises(std::string& out, const GapReport& r, Paint paint) {
  if (!r.exercises_given) return;
  heading(out, "DOCUMENTED VERSUS PERFORMED (exercises)", paint);
  for (const ExerciseRow& row : r.exercises) {
    std::string_view documented = wording::documented_status(r, row.requirement);
    out += fmt::format("  {}  documented: {}\n", pad(row.requirement, 26), documented);
    std::string performed = "performed: " + wording::exercise_latest(row);
    if (row.ended) {
      performed += fmt::format("; {}; reports {}", wording::exercise_rating(row), wording::exercise_reports(row));
    }
    out += std::string(30, ' ') + wrap(performed, 70, 30) + "\n";
    out += std::string(30, ' ') +
           paint("testing: " + wording::exercise_testing(row), row.testing_overdue ? "31" : "32") + "\n";
  }
}

void findings(std::string& out, const GapReport& r, Paint paint) {
  std::size_t n = 0;
  for (const RequirementResult& q : r.requirements) n += q.findings.size();
  n += r.unmatched_documents.size();
  heading(out, fmt::format("FINDINGS ({})", n), paint);
  if (n == 0) {
    out += "  None.\n";
    return;
  }
  for (const UnmatchedDocument& d : r.unmatched_documents) {
    out += "  " + paint("unmatched_document [register]", "33") + "\n";
    out += "      " + wrap(wording::unmatched_document(d), 100, 6) + "\n";
  }
  for (const RequirementResult& q : r.requirements) {
    for (const Finding& f : q.findings) {
      std::string head = fmt::format("{} [{}]", to_string(f.code), q.requirement->id);
      out += "  " +
             paint(head,
                   f.code == FindingCode::ReviewOverdue || f.code == FindingCode::DocumentReviewOverdue ? "36" : "33") +
             "\n";
      out += "      " + wrap(f.detail, 100, 6) + "\n";
    }
  }
}

void roadmap(std::string& out, const GapReport& r, Paint paint) {
  int done = 0, progress = 0;
  for (const StepResult& s : r.roadmap) {
    done += s.status == StepStatus::Done;
    progress += s.status == StepStatus::InProgress;
  }
  heading(out,
          fmt::format("ROADMAP ({} done, {} in progress, {} not started, of {} steps)", done, progress,
                      static_cast<int>(r.roadmap.size()) - done - progress, r.roadmap.size()),
          paint);
  std::size_t title_w = 0;
  for (const StepResult& s : r.roadmap) title_w = std::max(title_w, width(s.step->title));
  for (const StepResult& s : r.roadmap) {
    std::vector<std::string> open;
    for (const StepEvidence& e : s.evidence) {
      if (!e.done) {
        std::string state = e.state;
        std::replace(state.begin(), state.end(), '_', ' ');
        open.push_back(fmt::format("{} {}", e.item, state));
      }
    }
    std::string why;
    if (s.status == StepStatus::Done) {
      why = fmt::format("all {} evidence items done", s.evidence.size());
    } else {
      why = fmt::format("{} of {} done; open: {}", s.evidence.size() - open.size(), s.evidence.size(),
                        fmt::join(open, ", "));
    }
    if (!s.step->achieved_by_iso27001) why = "not covered by ISO 27001; " + why;
    std::size_t indent = 2 + 3 + 12 + title_w + 2;
    out += fmt::format("  {:>2} {}{}  {}\n", s.step->number,
                       paint(pad(wording::step_words(s.status), 12), status_colour(wording::drawn_as(s.status))),
                       pad(s.step->title, title_w), wrap(why, std::max<std::size_t>(40, 100 - indent), indent));
  }
}

// The IR 2024/2690 Annex, for an entity the Regulation covers: per section how
// far the ISO footing of its points is implemented, then the points not met.
void ir_2024_2690(std::string& out, const GapReport& r, Paint paint) {
  if (r.ir_2024_2690.empty()) return;
  const Tally& t = r.ir_2024_2690_tally;
  heading(out,
          fmt::format("IR 2024/2690 ANNEX ({} points: {} met, {} partial, {} gap)", t.total, t.met, t.partial, t.gap),
          paint);
  out += "  " + wrap(wording::ir_point_basis(), 100, 2) + "\n";
  for (const catalog::IrSection& s : catalog::builtin().ir_sections) {
    const Tally in_section = wording::ir_section_tally(r, s.number);
    out += fmt::format("  {:>2}  {:>2} met {:>2} partial {:>2} gap  {}\n", s.number, in_section.met, in_section.partial,
                       in_section.gap, s.title);
  }
  out += "  Points not met:\n";
  for (const IrPointResult& p : r.ir_2024_2690) {
    if (p.status == RequirementStatus::Met) continue;
    std::vector<std::string> open;
    for (const ControlResult& c : p.controls) {
      Implementation status = c.status.value_or(Implementation::NotImplemented);
      if (!c.applicable) open.push_back(fmt::format("{} excluded", c.id));
      else if (status != Implementation::Implemented) open.push_back(fmt::format("{} {}", c.id, to_string(status)));
    }
    out += fmt::format("    {:<9} {:<8} ", p.point->id, to_string(p.status)) +
           wrap(fmt::format("{} ({}, {}); open: {}", p.point->title, p.point->article, p.point->requirement,
                            fmt::join(open, ", ")),
                80, 23) +
           "\n";
  }
}

void soa_summary(std::string& out, const GapReport& r, Paint paint) {
  const SoaSummary& s = r.soa;
  heading(out, "STATEMENT OF APPLICABILITY", paint);
  out += fmt::format("  Annex A controls listed {} of {}, clauses listed {} of {}\n", s.annex_a_listed, s.annex_a_total,
                     s.clauses_listed, s.clauses_total);
  out += fmt::format("  applicable {}: implemented {}, partially implemented {}, planned {}, not implemented {}\n",
                     s.applicable, s.implemented, s.partially_implemented, s.planned, s.not_implemented);
  out += fmt::format("  excluded {}\n", s.excluded);
  if (!s.annex_a_missing.empty()) {
    out += "  " +
           wrap(fmt::format("Annex A controls missing from the SoA (ISO/IEC 27001 6.1.3 d) wants all 93): {}",
                            fmt::join(s.annex_a_missing, ", ")),
                100, 2) +
           "\n";
  }
}

}  // namespace

std::string render_text(const GapReport& r, Paint paint) {
  if (!paint) paint = plain;
  std::string out = paint(fmt::format("NIS2 gap assessment as of {}", format_date(r.as_of)), "1") + "\n";
  out += fmt::format("Statement of Applicability: {}\n", r.soa_source.empty() ? "(given)" : r.soa_source);
  out += fmt::format("Documents register: {}\n", r.documents_source.empty()
                                                     ? "none given (every suggested document counts as missing)"
                                                     : r.documents_source);
  if (!r.suppliers_source.empty()) out += fmt::format("Supplier register: {}\n", r.suppliers_source);
  if (r.exercises_given) {
    out += fmt::format("Exercise results: {}\n", r.exercise_sources.empty()
                                                     ? std::string("none")
                                                     : fmt::format("{}", fmt::join(r.exercise_sources, ", ")));
  }
  entity(out, r, paint);
  readiness(out, r, paint);
  actions(out, r, paint);
  requirements(out, r, paint);
  exercises(out, r, paint);
  findings(out, r, paint);
  roadmap(out, r, paint);
  ir_2024_2690(out, r, paint);
  soa_summary(out, r, paint);
  return out;
}

}  // namespace vigil::assess
