#include "exercise/after_action.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/html.h"
#include "core/text.h"
#include "incident/deadlines.h"

namespace vigil::exercise {

namespace {

using nlohmann::json;

json offset_json(const std::optional<Seconds>& s) { return s ? json(format_duration(*s)) : json(nullptr); }
json seconds_json(const std::optional<Seconds>& s) { return s ? json(s->count()) : json(nullptr); }
json flag_json(const std::optional<bool>& b) { return b ? json(*b) : json(nullptr); }

std::string offset_text(const std::optional<Seconds>& s) { return s ? format_duration(*s) : "-"; }

std::string local_text(const Scenario& scenario, const Score& score, const std::optional<Seconds>& s) {
  if (!s || !scenario.zone) return "-";
  return incident::format_local(score.started_at + *s, *scenario.zone);
}

std::string report_title(incident::SubmissionType type) {
  switch (type) {
    case incident::SubmissionType::EarlyWarning: return "Early warning";
    case incident::SubmissionType::Notification: return "Incident notification";
    case incident::SubmissionType::Final: return "Final report";
    case incident::SubmissionType::GdprBreach: return "GDPR breach notification";
    default: return std::string(incident::to_string(type));
  }
}

std::string role_of(const Play& play, const std::string& by) {
  const Player* p = play.find_player(by);
  return p ? p->role : "observer";
}

std::string counts_text(const Counts& c) {
  return fmt::format("{} of {} evaluated met, {} late, {} missed; {} not evaluated", c.met, c.evaluated, c.late,
                     c.missed, c.not_evaluated);
}

std::string on_time_text(const ReportResult& r) {
  if (!r.due_at) return "no clock (awareness not declared)";
  if (!r.submitted_at) return "not submitted";
  return *r.on_time ? "on time" : "late by " + format_duration(*r.late_by);
}

std::string latency_text(const std::optional<Seconds>& s) {
  if (!s) return "not done";
  if (*s < Seconds{0}) return format_duration(*s) + " (before)";
  return format_duration(*s) + " (" + incident::format_span(*s) + ")";
}

std::string decision_counts(const DecisionCounts& d) {
  return fmt::format(
      "{} decision{}: {} with a rationale, {} with the options considered, {} with what was known and "
      "unknown, {} with a confidence",
      d.total, d.total == 1 ? "" : "s", d.with_rationale, d.with_options, d.with_known_unknown, d.with_confidence);
}

// A plain aligned table for the terminal.
std::string text_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> width(header.size(), 0);
  auto cell_width = [](const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
  };
  for (std::size_t i = 0; i < header.size(); ++i) width[i] = cell_width(header[i]);
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], cell_width(row[i]));
  }
  auto line = [&](const std::vector<std::string>& row) {
    std::string out = "  ";
    for (std::size_t i = 0; i < row.size(); ++i) {
      out += row[i];
      if (i + 1 < row.size()) out += std::string(width[i] - cell_width(row[i]) + 2, ' ');
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "\n";
  };
  std::string out = line(header);
  std::vector<std::string> rule;
  for (auto w : width) rule.push_back(std::string(w, '-'));
  out += line(rule);
  for (const auto& row : rows) out += line(row);
  return out;
}

std::string md_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
  std::string out = "|";
  for (const auto& h : header) out += " " + markdown_text(h) + " |";
  out += "\n|";
  for (std::size_t i = 0; i < header.size(); ++i) out += " --- |";
  out += "\n";
  for (const auto& row : rows) {
    out += "|";
    for (const auto& cell : row) out += " " + markdown_text(cell) + " |";
    out += "\n";
  }
  return out;
}

std::string html_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                       int status_column = -1) {
  std::string out = "<table><thead><tr>";
  for (const auto& h : header) out += "<th>" + html_text(h) + "</th>";
  out += "</tr></thead><tbody>\n";
  for (const auto& row : rows) {
    out += "<tr>";
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (static_cast<int>(i) == status_column) {
        out += "<td class=\"s-" + html_text(row[i]) + "\">" + html_text(row[i]) + "</td>";
      } else {
        out += "<td>" + html_text(row[i]) + "</td>";
      }
    }
    out += "</tr>\n";
  }
  return out + "</tbody></table>\n";
}

// The sections every human-readable format shares, as rows.
struct Sections {
  std::vector<std::string> objective_header{"Objective", "Rating", "Expectations", "Evidences", "Title"};
  std::vector<std::vector<std::string>> objectives;
  std::vector<std::string> report_header{"Report", "Basis", "Due (offset)", "Due (local)", "Submitted", "Result"};
  std::vector<std::vector<std::string>> reports;
  std::vector<std::string> expectation_header{"ID",  "Objective", "Expected", "Window",
                                              "Due", "Done",      "Status",   "Observer"};
  std::vector<std::vector<std::string>> expectations;
  std::vector<std::string> latency_header{"Measure", "Value", "Against"};
  std::vector<std::vector<std::string>> latencies;
  std::vector<std::string> decision_header{"At",      "By",    "Tags",    "Decision",  "Rationale",
                                           "Options", "Known", "Unknown", "Confidence"};
  std::vector<std::vector<std::string>> decisions;
  std::vector<std::string> assessment_header{"At", "By", "Team judgement", "Verdict on facts known then", "Agrees"};
  std::vector<std::vector<std::string>> assessments;
  std::vector<std::string> note_header{"At", "By", "Note"};
  std::vector<std::vector<std::string>> notes;
  std::vector<std::string> improvement_header{"Improvement", "Owner", "Due", "Serves"};
  std::vector<std::vector<std::string>> improvements;
};

using Header = std::vector<std::string>;
using Rows = std::vector<std::vector<std::string>>;

// A table of the report under its title; an optional one is left out when it
// has no rows.
struct TitledTable {
  std::string_view title;
  const Header& header;
  const Rows& rows;
  bool optional = false;
};

// How a form of the report (plain text, Markdown) writes a titled table.
struct Form {
  std::string_view title;  // a format string taking the title
  std::string (*table)(const Header&, const Rows&);
};
constexpr Form kText{"\n{}:\n", text_table};
constexpr Form kMarkdown{"\n## {}\n\n", md_table};

std::string titled_tables(std::initializer_list<TitledTable> tables, const Form& form) {
  std::string out;
  for (const TitledTable& t : tables) {
    if (t.optional && t.rows.empty()) continue;
    out += fmt::format(fmt::runtime(form.title), t.title) + form.table(t.header, t.rows);
  }
  return out;
}

// The tables that follow the objectives, and those that close the report.
std::string middle_tables(const Sections& s, const Form& form) {
  return titled_tables({{"Art. 23(4) reports", s.report_header, s.reports},
                        {"Expectations", s.expectation_header, s.expectations},
                        {"Latencies", s.latency_header, s.latencies}},
                       form);
}
std::string closing_tables(const Sections& s, const Form& form) {
  return titled_tables({{"Significance judgements", s.assessment_header, s.assessments, true},
                        {"Observer notes", s.note_header, s.notes, true},
                        {"Improvement plan", s.improvement_header, s.improvements, true}},
                       form);
}

std::string judgement_text(const std::optional<bool>& j) {
  return j ? (*j ? "significant" : "not significant") : "undetermined";
}

Sections sections(const Scenario& scenario, const Play& play, const Score& score) {
  Sections s;
  for (const auto& o : score.objectives) {
    s.objectives.push_back({o.objective->id, o.rating ? std::string(to_string(*o.rating)) : "-", counts_text(o.counts),
                            joined(o.objective->evidences), o.objective->title});
  }
  for (const auto& r : score.reports) {
    s.reports.push_back({report_title(r.report), std::string(r.reference), offset_text(r.due_at),
                         local_text(scenario, score, r.due_at), offset_text(r.submitted_at), on_time_text(r)});
  }
  for (const auto& r : score.expectations) {
    const Expectation& e = *r.expectation;
    s.expectations.push_back(
        {e.id, e.objective, describe(e), r.window, offset_text(r.due_at), offset_text(r.done_at),
         std::string(to_string(r.status)) + (r.late_by ? " (" + format_duration(*r.late_by) + ")" : "") +
             (r.reason.empty() || r.status == Status::Met || r.status == Status::Late ? "" : ": " + r.reason),
         r.observer ? std::string(to_string(*r.observer)) + (r.observer_after_end ? " (after the end)" : "") : ""});
  }
  const auto& l = score.latencies;
  auto report_due = [&](std::size_t i) {
    return i < score.reports.size() && score.reports[i].due_at && l.awareness_at
               ? "due " + format_duration(*score.reports[i].due_at - *l.awareness_at) + " after awareness"
               : std::string("-");
  };
  s.latencies.push_back(
      {"Awareness lag (declared awareness - reference inject)",
       l.awareness_lag  ? format_duration(*l.awareness_lag)
       : l.awareness_at ? std::string("no reference inject")
                        : std::string("awareness not declared"),
       l.reference_at ? "reference inject at " + format_duration(*l.reference_at) : "no reference inject"});
  s.latencies.push_back({"Awareness to early warning", latency_text(l.awareness_to_early_warning), report_due(0)});
  s.latencies.push_back({"Awareness to notification", latency_text(l.awareness_to_notification), report_due(1)});
  s.latencies.push_back({"Awareness to final report", latency_text(l.awareness_to_final_report), report_due(2)});
  for (const PlayAction* d : score.decisions.decisions) {
    s.decisions.push_back(
        {format_duration(d->at), d->by + " (" + role_of(play, d->by) + ")", joined(d->tags), d->decision,
         d->rationale.empty() ? "-" : d->rationale, d->options.empty() ? "-" : joined(d->options, "; "),
         d->known.empty() ? "-" : joined(d->known, "; "), d->unknown.empty() ? "-" : joined(d->unknown, "; "),
         d->confidence ? std::string(incident::to_string(*d->confidence)) : "-"});
  }
  for (const auto& a : score.assessments) {
    s.assessments.push_back({format_duration(a.action->at), a.action->by, judgement_text(a.action->judgement),
                             a.verdict, a.agrees ? (*a.agrees ? "yes" : "no") : "-"});
  }
  for (const PlayAction* n : score.notes) s.notes.push_back({format_duration(n->at), n->by, n->text});
  for (const auto& i : score.improvements) {
    s.improvements.push_back({i.text, i.owner.empty() ? "to be assigned" : i.owner,
                              i.due ? format_date(*i.due) : "to be set", joined(i.requirements)});
  }
  return s;
}

// How much of the exercise was played, and what an early end means for it.
std::string played_line(const Score& score) {
  if (!score.ended_early) return fmt::format("{} (the whole duration)", format_duration(score.played));
  std::string line = fmt::format("{} of {}: ended early; expectations due after the end are not evaluated",
                                 format_duration(score.played), format_duration(score.duration));
  if (score.ended_before_awareness) line += "; it ended before the awareness inject";
  else if (score.ended_before_final_report_due) line += "; it ended before the final report was due";
  if (score.ended_before_awareness || score.ended_before_final_report_due) {
    line += ", so it does not count as testing in the readiness report";
  }
  return line;
}

std::string summary_line(const Counts& c) {
  return fmt::format("{} expectations: {} evaluated ({} met, {} late, {} missed), {} not evaluated", c.total,
                     c.evaluated, c.met, c.late, c.missed, c.not_evaluated);
}

std::string coordination_line(const Coordination& c) {
  return fmt::format("expected roles: {}; acted: {}; missing: {}",
                     c.expected_roles.empty() ? "none" : joined(c.expected_roles),
                     c.acted_roles.empty() ? "none" : joined(c.acted_roles),
                     c.missing_roles.empty() ? "none" : joined(c.missing_roles));
}

}  // namespace

json score_json(const Scenario& scenario, const Play& play, const Score& score) {
  json out;
  out["marking"] = "EXERCISE";
  out["scenario"] = {{"id", scenario.id},
                     {"title", scenario.title},
                     {"entity_type", scenario.entity_type},
                     {"timezone", scenario.timezone},
                     {"trust_service_incident", scenario.trust_service_incident},
                     {"convention", incident::to_string(scenario.convention)}};
  out["started_at"] =
      scenario.zone ? incident::format_local(score.started_at, *scenario.zone) : format_utc(score.started_at);
  out["duration"] = format_duration(score.duration);
  out["played_duration"] = format_duration(score.played);
  out["ended_early"] = score.ended_early;
  out["ended_before"] = {{"awareness_inject", score.ended_before_awareness},
                         {"final_report_due", score.ended_before_final_report_due}};
  out["awareness_at"] = offset_json(score.latencies.awareness_at);
  json expectations = json::array();
  for (const auto& r : score.expectations) {
    const Expectation& e = *r.expectation;
    expectations.push_back({{"id", e.id},
                            {"objective", e.objective},
                            {"action", to_string(e.action)},
                            {"title", describe(e)},
                            {"window", r.window},
                            {"status", to_string(r.status)},
                            {"due_at", offset_json(r.due_at)},
                            {"done_at", offset_json(r.done_at)},
                            {"late_by_s", seconds_json(r.late_by)},
                            {"reason", r.reason.empty() ? json(nullptr) : json(r.reason)},
                            {"reason_code", r.reason_code.empty() ? json(nullptr) : json(std::string(r.reason_code))},
                            {"observer_rating", r.observer ? json(to_string(*r.observer)) : json(nullptr)},
                            {"observer_text", r.observer_text.empty() ? json(nullptr) : json(r.observer_text)},
                            {"observer_rated_after_end", r.observer && r.observer_after_end}});
  }
  out["expectations"] = std::move(expectations);
  auto counts = [](const Counts& c) {
    return json{{"total", c.total}, {"evaluated", c.evaluated}, {"met", c.met},
                {"late", c.late},   {"missed", c.missed},       {"not_evaluated", c.not_evaluated}};
  };
  json objectives = json::array();
  for (const auto& o : score.objectives) {
    objectives.push_back({{"id", o.objective->id},
                          {"title", o.objective->title},
                          {"rating", o.rating ? json(to_string(*o.rating)) : json(nullptr)},
                          {"rating_meaning", o.rating ? json(meaning(*o.rating)) : json(nullptr)},
                          {"evidences", o.objective->evidences},
                          {"counts", counts(o.counts)}});
  }
  out["objectives"] = std::move(objectives);
  json reports = json::array();
  for (const auto& r : score.reports) {
    reports.push_back({{"report", incident::to_string(r.report)},
                       {"reference", r.reference},
                       {"due_at", offset_json(r.due_at)},
                       {"due_local", r.due_at ? json(local_text(scenario, score, r.due_at)) : json(nullptr)},
                       {"submitted_at", offset_json(r.submitted_at)},
                       {"on_time", flag_json(r.on_time)},
                       {"late_by_s", seconds_json(r.late_by)}});
  }
  out["reports"] = std::move(reports);
  const auto& l = score.latencies;
  out["latencies"] = {{"reference_at", offset_json(l.reference_at)},
                      {"awareness_at", offset_json(l.awareness_at)},
                      {"awareness_lag_s", seconds_json(l.awareness_lag)},
                      {"awareness_to_early_warning_s", seconds_json(l.awareness_to_early_warning)},
                      {"awareness_to_notification_s", seconds_json(l.awareness_to_notification)},
                      {"awareness_to_final_report_s", seconds_json(l.awareness_to_final_report)}};
  const auto& d = score.decisions;
  json items = json::array();
  for (const PlayAction* a : d.decisions) {
    items.push_back({{"at", format_duration(a->at)},
                     {"by", a->by},
                     {"role", role_of(play, a->by)},
                     {"tags", a->tags},
                     {"decision", a->decision},
                     {"rationale", a->rationale},
                     {"options", a->options},
                     {"known", a->known},
                     {"unknown", a->unknown},
                     {"confidence", a->confidence ? json(incident::to_string(*a->confidence)) : json(nullptr)}});
  }
  out["decisions"] = {{"total", d.total},
                      {"with_rationale", d.with_rationale},
                      {"with_options", d.with_options},
                      {"with_known_unknown", d.with_known_unknown},
                      {"with_confidence", d.with_confidence},
                      {"items", std::move(items)}};
  out["coordination"] = {{"expected_roles", score.coordination.expected_roles},
                         {"acted_roles", score.coordination.acted_roles},
                         {"missing_roles", score.coordination.missing_roles}};
  json assessments = json::array();
  for (const auto& a : score.assessments) {
    assessments.push_back(
        {{"at", format_duration(a.action->at)},
         {"by", a.action->by},
         {"judgement",
          a.action->judgement ? json(*a.action->judgement ? "significant" : "not_significant") : json("undetermined")},
         {"verdict_from_known_facts", a.verdict},
         {"agrees", flag_json(a.agrees)}});
  }
  out["assessments"] = std::move(assessments);
  json notes = json::array();
  for (const PlayAction* n : score.notes)
    notes.push_back({{"at", format_duration(n->at)}, {"by", n->by}, {"text", n->text}});
  out["notes"] = std::move(notes);
  json improvements = json::array();
  for (const auto& i : score.improvements) {
    improvements.push_back({{"text", i.text},
                            {"owner", i.owner.empty() ? json(nullptr) : json(i.owner)},
                            {"due", i.due ? json(format_date(*i.due)) : json(nullptr)},
                            {"requirements", i.requirements},
                            {"expectation", i.expectation.empty() ? json(nullptr) : json(i.expectation)}});
  }
  out["improvements"] = std::move(improvements);
  out["summary"] = counts(score.summary);
  out["actions_after_end"] = score.actions_after_end;
  return out;
}

std::string after_action_text(const Scenario& scenario, const Play& play, const Score& score) {
  Sections s = sections(scenario, play, score);
  std::string out = "EXERCISE - after-action report (not a real incident)\n\n";
  out += fmt::format("Scenario:     {} - {}\n", scenario.id, scenario.title);
  out += fmt::format("Entity type:  {}\n", scenario.entity_type);
  out += fmt::format("Started:      {} ({}), lasting {}\n", local_text(scenario, score, Seconds{0}), scenario.timezone,
                     format_duration(score.duration));
  out += fmt::format("Awareness:    {}\n", score.latencies.awareness_at
                                               ? "declared at " + format_duration(*score.latencies.awareness_at)
                                               : std::string("never declared"));
  out += fmt::format("Played:       {}\n", played_line(score));
  out += fmt::format("Summary:      {}\n", summary_line(score.summary));
  if (score.actions_after_end > 0) {
    out += fmt::format("Not counted:  {} team actions after the end of the exercise\n", score.actions_after_end);
  }
  out += "\nObjectives (HSEEP: P performed without challenges, S with some, M with major challenges, U unable):\n";
  out += text_table(s.objective_header, s.objectives);
  out += middle_tables(s, kText);
  out += "\nDecisions: " + decision_counts(score.decisions) + "\n";
  if (!s.decisions.empty()) out += text_table(s.decision_header, s.decisions);
  out += "\nCoordination: " + coordination_line(score.coordination) + "\n";
  out += closing_tables(s, kText);
  return terminal_text(out);
}

std::string after_action_markdown(const Scenario& scenario, const Play& play, const Score& score) {
  Sections s = sections(scenario, play, score);
  std::string out =
      "> **EXERCISE** - after-action report; not a real incident, nothing here was reported to an authority.\n\n";
  out += "# After-action report: " + markdown_text(scenario.title) + "\n\n";
  out += fmt::format("- **Scenario**: {}\n- **Entity type**: {}\n- **Started**: {} ({}), lasting {}\n",
                     markdown_text(scenario.id), markdown_text(scenario.entity_type),
                     local_text(scenario, score, Seconds{0}), markdown_text(scenario.timezone),
                     format_duration(score.duration));
  out += fmt::format("- **Declared awareness**: {}\n", score.latencies.awareness_at
                                                           ? format_duration(*score.latencies.awareness_at)
                                                           : std::string("never declared"));
  out += "- **Played**: " + played_line(score) + "\n";
  out += "- **Summary**: " + summary_line(score.summary) + "\n";
  if (score.actions_after_end > 0)
    out += fmt::format("- **Not counted**: {} team actions after the end\n", score.actions_after_end);
  out +=
      "\n## Objectives\n\nHSEEP ratings: P performed without challenges, S with some challenges, M with major "
      "challenges, U unable to perform.\n\n";
  out += md_table(s.objective_header, s.objectives);
  out += middle_tables(s, kMarkdown);
  out += "\n## Decisions\n\n" + decision_counts(score.decisions) + ".\n\n";
  if (!s.decisions.empty()) out += md_table(s.decision_header, s.decisions);
  out += "\n## Coordination\n\n" + markdown_text(coordination_line(score.coordination)) + "\n";
  out += closing_tables(s, kMarkdown);
  return out;
}

std::string timeline_svg(const Scenario& scenario, const Play& play, const Score& score) {
  (void)play;
  constexpr double kLeft = 110, kWidth = 790, kTop = 30;
  const double total = std::max<double>(1, static_cast<double>(score.duration.count()));
  // A square-root time axis: the first hours, where most happens, stay readable
  // beside a month-long final-report clock.
  auto x = [&](Seconds at) {
    double t = std::clamp(static_cast<double>(at.count()), 0.0, total);
    return kLeft + kWidth * std::sqrt(t / total);
  };
  std::string out = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 960 264\" width=\"960\" height=\"264\" role=\"img\" "
      "aria-label=\"{}\">\n",
      html_text("Timeline of " + scenario.id + ": injects, team actions and Art. 23(4) deadlines"));
  out += "<text x=\"10\" y=\"18\" class=\"mark\">EXERCISE</text>\n";
  double lane_inject = kTop + 30, lane_action = kTop + 90;
  out += fmt::format("<text x=\"10\" y=\"{}\">Injects</text><text x=\"10\" y=\"{}\">Team actions</text>\n",
                     lane_inject + 4, lane_action + 4);
  out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" class=\"axis\"/>\n", kLeft, kTop + 150,
                     kLeft + kWidth);
  const std::pair<long long, const char*> ticks[] = {
      {0, "0"},           {3600, "1 h"},       {6 * 3600, "6 h"}, {24 * 3600, "24 h"}, {72 * 3600, "72 h"},
      {7 * 86400, "7 d"}, {30 * 86400, "30 d"}};
  for (const auto& [at, label] : ticks) {
    if (at > score.duration.count()) continue;
    double px = x(Seconds{at});
    out += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\" class=\"tick\"/>"
        "<text x=\"{0:.1f}\" y=\"{3}\" class=\"t\">{4}</text>\n",
        px, kTop + 150, kTop + 155, kTop + 168, label);
  }
  // Deadline labels in time order alternate between two rows, so close ones do not overlap.
  std::vector<const ReportResult*> dues;
  for (const auto& r : score.reports) {
    if (r.due_at) dues.push_back(&r);
  }
  std::stable_sort(dues.begin(), dues.end(),
                   [](const ReportResult* a, const ReportResult* b) { return *a->due_at < *b->due_at; });
  int row = 0;
  for (const ReportResult* due : dues) {
    const ReportResult& r = *due;
    double px = x(*r.due_at);
    double label_y = kTop + 180 + 12 * (row++ % 2);
    out += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\" class=\"due\"><title>{3}</title></line>"
        "<text x=\"{0:.1f}\" y=\"{4}\" class=\"t due-label\">{5} due</text>\n",
        px, kTop + 10, kTop + 150,
        html_text(report_title(r.report) + " due at " + format_duration(*r.due_at) + " (" + std::string(r.reference) +
                  ")"),
        label_y, html_text(std::string(r.reference)));
  }
  if (score.latencies.awareness_at) {
    double px = x(*score.latencies.awareness_at);
    out += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\" class=\"aware\"><title>{3}</title></line>\n", px,
        kTop + 10, kTop + 150, html_text("declared awareness at " + format_duration(*score.latencies.awareness_at)));
  }
  for (const auto& i : scenario.injects) {
    out += fmt::format("<circle cx=\"{:.1f}\" cy=\"{}\" r=\"5\" class=\"inject{}\"><title>{}</title></circle>\n",
                       x(i.at), lane_inject, i.awareness ? " reference" : "",
                       html_text(i.id + " at " + format_duration(i.at) + " (" + i.channel +
                                 "): " + (i.title.empty() ? i.text : i.title)));
  }
  std::size_t drawn = 0;
  for (const auto& a : play.actions) {
    if (a.kind == PlayKind::Note || a.kind == PlayKind::Rate || a.kind == PlayKind::Improvement) continue;
    if (a.at > score.duration) continue;
    if (++drawn > 2000) break;  // a chart, not a log: the tables hold every action
    std::string label = format_duration(a.at) + " " + a.by + ": " + std::string(to_string(a.kind));
    if (a.report) label += " " + std::string(incident::to_string(*a.report));
    if (!a.tags.empty()) label += " [" + joined(a.tags) + "]";
    out +=
        fmt::format("<rect x=\"{:.1f}\" y=\"{}\" width=\"6\" height=\"12\" class=\"act {}\"><title>{}</title></rect>\n",
                    x(a.at) - 3, lane_action - 6 + static_cast<double>(static_cast<int>(a.kind) % 4) * 10 - 15,
                    to_string(a.kind), html_text(label));
  }
  out +=
      "<text x=\"10\" y=\"242\" class=\"t legend\">Square-root time axis. Circles: injects (blue: the reference "
      "moment of awareness). Bars: team actions (red: submissions, purple: decisions).</text>\n"
      "<text x=\"10\" y=\"256\" class=\"t legend\">Blue line: declared awareness. Dashed: Art. 23(4) deadlines. "
      "Hover a mark for details.</text>\n";
  out += "</svg>\n";
  return out;
}

std::string after_action_html(const Scenario& scenario, const Play& play, const Score& score) {
  Sections s = sections(scenario, play, score);
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>EXERCISE - After-action report: " +
      html_text(scenario.title) +
      "</title>\n"
      "<style>body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1b1b1b;max-width:1100px}"
      ".banner{background:#7a1f1f;color:#fff;padding:.6rem 1rem;font-weight:700;letter-spacing:.05em}"
      "table{border-collapse:collapse;margin:.5rem 0 1.5rem;width:100%}th,td{border:1px solid #ccc;padding:.3rem .5rem;"
      "text-align:left;vertical-align:top}th{background:#f2f2f2}.s-met{background:#e3f4e3}.s-late{background:#fff2cc}"
      ".s-missed{background:#f8d7d7}svg{max-width:100%;height:auto;font-size:11px}.axis,.tick{stroke:#555}"
      ".due{stroke:#b00020;stroke-dasharray:4 3}.aware{stroke:#1565c0;stroke-width:2}.inject{fill:#555}"
      ".inject.reference{fill:#1565c0}.act{fill:#2e7d32}.act.submit{fill:#b00020}.act.decide{fill:#6a1b9a}"
      ".t{text-anchor:middle;fill:#333}.due-label{fill:#b00020}.legend{text-anchor:start}.mark{font-weight:700;fill:#"
      "7a1f1f}"
      "</style></head><body>\n"
      "<div class=\"banner\">EXERCISE - not a real incident; nothing in this report was sent to an authority</div>\n";
  out += "<h1>After-action report: " + html_text(scenario.title) + "</h1>\n<ul>";
  out += "<li><strong>Scenario</strong>: " + html_text(scenario.id) + "</li>";
  out += "<li><strong>Entity type</strong>: " + html_text(scenario.entity_type) + "</li>";
  out += "<li><strong>Started</strong>: " + html_text(local_text(scenario, score, Seconds{0})) + " (" +
         html_text(scenario.timezone) + "), lasting " + html_text(format_duration(score.duration)) + "</li>";
  out += "<li><strong>Declared awareness</strong>: " +
         html_text(score.latencies.awareness_at ? format_duration(*score.latencies.awareness_at) : "never declared") +
         "</li>";
  out += "<li><strong>Played</strong>: " + html_text(played_line(score)) + "</li>";
  out += "<li><strong>Summary</strong>: " + html_text(summary_line(score.summary)) + "</li>";
  if (score.actions_after_end > 0) {
    out += "<li><strong>Not counted</strong>: " + std::to_string(score.actions_after_end) +
           " team actions after the end</li>";
  }
  out += "</ul>\n<h2>Timeline</h2>\n" + timeline_svg(scenario, play, score);
  out +=
      "<h2>Objectives</h2>\n<p>HSEEP ratings: P performed without challenges, S with some challenges, M with major "
      "challenges, U unable to perform.</p>\n" +
      html_table(s.objective_header, s.objectives);
  out += "<h2>Art. 23(4) reports</h2>\n" + html_table(s.report_header, s.reports);
  std::vector<std::vector<std::string>> rows = s.expectations;
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i][6] = std::string(to_string(score.expectations[i].status));
  auto header = s.expectation_header;
  header.insert(header.begin() + 7, "Detail");
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i].insert(rows[i].begin() + 7, s.expectations[i][6]);
  out += "<h2>Expectations</h2>\n" + html_table(header, rows, 6);
  out += "<h2>Latencies</h2>\n" + html_table(s.latency_header, s.latencies);
  out += "<h2>Decisions</h2>\n<p>" + html_text(decision_counts(score.decisions)) + ".</p>\n";
  if (!s.decisions.empty()) out += html_table(s.decision_header, s.decisions);
  out += "<h2>Coordination</h2>\n<p>" + html_text(coordination_line(score.coordination)) + "</p>\n";
  if (!s.assessments.empty())
    out += "<h2>Significance judgements</h2>\n" + html_table(s.assessment_header, s.assessments);
  if (!s.notes.empty()) out += "<h2>Observer notes</h2>\n" + html_table(s.note_header, s.notes);
  if (!s.improvements.empty()) out += "<h2>Improvement plan</h2>\n" + html_table(s.improvement_header, s.improvements);
  out += "</body></html>\n";
  return out;
}

// --- the scenario itself ------------------------------------------------------

json scenario_json(const Scenario& s) {
  json out;
  out["marking"] = "EXERCISE";
  out["id"] = s.id;
  out["title"] = s.title;
  out["description"] = s.description;
  out["entity_type"] = s.entity_type;
  if (!s.supplier.empty()) {
    out["supplier"] = {{"id", s.supplier}, {"name", s.supplier_name.empty() ? json(nullptr) : json(s.supplier_name)}};
  }
  out["timezone"] = s.timezone;
  out["start"] = s.zone ? incident::format_local(s.start, *s.zone) : format_utc(s.start);
  out["duration"] = format_duration(s.duration);
  out["trust_service_incident"] = s.trust_service_incident;
  out["convention"] = incident::to_string(s.convention);
  json objectives = json::array();
  for (const auto& o : s.objectives)
    objectives.push_back({{"id", o.id}, {"title", o.title}, {"evidences", o.evidences}});
  out["objectives"] = std::move(objectives);
  json injects = json::array();
  for (const auto& i : s.injects) {
    injects.push_back({{"id", i.id},
                       {"at", format_duration(i.at)},
                       {"channel", i.channel},
                       {"to", i.to},
                       {"title", i.title},
                       {"text", i.text},
                       {"facts", i.facts.empty() ? json(nullptr) : json::parse(i.facts)},
                       {"awareness", i.awareness}});
  }
  out["injects"] = std::move(injects);
  json expectations = json::array();
  for (const auto& e : s.expectations) {
    json item{{"id", e.id}, {"objective", e.objective}, {"action", to_string(e.action)}, {"title", describe(e)}};
    if (e.report) item["report"] = incident::to_string(*e.report);
    if (!e.tag.empty()) item["tag"] = e.tag;
    if (!e.role.empty()) item["role"] = e.role;
    if (e.judgement) item["judgement"] = *e.judgement ? "significant" : "not_significant";
    if (e.by) {
      item["by"] = to_string(*e.by);
    } else {
      item["after"] = e.after;
      item["within"] = format_duration(e.within.value_or(Seconds{0}));
    }
    expectations.push_back(std::move(item));
  }
  out["expectations"] = std::move(expectations);
  json steps = json::array();
  for (const auto& step : s.significance) {
    steps.push_back({{"at", format_duration(step.at)},
                     {"inject", step.inject},
                     {"significant", step.covered_by_ir_2024_2690
                                         ? (step.significant ? json(*step.significant) : json("undetermined"))
                                         : json(nullptr)},
                     {"covered_by_ir_2024_2690", step.covered_by_ir_2024_2690},
                     {"criteria", step.criteria},
                     {"facts_to_establish", step.facts_to_establish}});
  }
  out["significance"] = std::move(steps);
  return out;
}

std::string scenario_text(const Scenario& s) {
  std::string out = "EXERCISE scenario " + s.id + ": " + s.title + "\n\n";
  out += std::string(trim(s.description)) + "\n\n";
  out +=
      fmt::format("Entity type: {}\nTime zone:   {}\nStart:       {}\nDuration:    {}\n", s.entity_type, s.timezone,
                  s.zone ? incident::format_local(s.start, *s.zone) : format_utc(s.start), format_duration(s.duration));
  if (!s.supplier.empty()) {
    out += terminal_text(fmt::format("Supplier:    {}{}\n", s.supplier,
                                     s.supplier_name.empty() ? std::string() : " (" + s.supplier_name + ")"));
  }
  if (s.trust_service_incident) out += "Trust service incident: the notification is due within 24 hours\n";
  out += "\nObjectives:\n";
  for (const auto& o : s.objectives) {
    out += fmt::format("  {}  {}\n", o.id, o.title);
    if (!o.evidences.empty()) out += "      evidences: " + joined(o.evidences) + "\n";
  }
  out += "\nInjects:\n";
  std::vector<std::vector<std::string>> rows;
  for (const auto& i : s.injects) {
    std::string verdict;
    for (const auto& step : s.significance) {
      if (step.inject != i.id) continue;
      verdict = !step.covered_by_ir_2024_2690 ? "judgement (Art. 23(3))"
                : step.significant ? (*step.significant ? "significant: " + joined(step.criteria) : "not significant")
                                   : "undetermined";
    }
    rows.push_back({i.id, format_duration(i.at), i.channel, joined(i.to),
                    (i.awareness ? "* " : "") + (i.title.empty() ? excerpt(i.text, 60) : i.title), verdict});
  }
  out +=
      text_table({"ID", "At", "Channel", "To", "Title (* reference awareness)", "Significance on facts known"}, rows);
  out += "\nExpectations:\n";
  rows.clear();
  for (const auto& e : s.expectations) {
    rows.push_back({e.id, e.objective, describe(e),
                    e.by ? fmt::format("by {}", to_string(*e.by))
                         : fmt::format("{} + {}", e.after, format_duration(e.within.value_or(Seconds{0})))});
  }
  out += text_table({"ID", "Objective", "Expected", "Window"}, rows);
  return terminal_text(out);
}

json scenario_list_json(const std::vector<Scenario>& scenarios) {
  json list = json::array();
  for (const auto& s : scenarios) {
    list.push_back({{"id", s.id},
                    {"title", s.title},
                    {"entity_type", s.entity_type},
                    {"timezone", s.timezone},
                    {"duration", format_duration(s.duration)},
                    {"injects", s.injects.size()},
                    {"expectations", s.expectations.size()},
                    {"objectives", s.objectives.size()},
                    {"trust_service_incident", s.trust_service_incident}});
  }
  return json{{"marking", "EXERCISE"}, {"scenarios", std::move(list)}};
}

std::string scenario_list_text(const std::vector<Scenario>& scenarios) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& s : scenarios) {
    rows.push_back(
        {s.id, s.entity_type, std::to_string(s.injects.size()), std::to_string(s.expectations.size()), s.title});
  }
  return terminal_text("EXERCISE scenarios bundled with Vigil (vigil exercise show ID):\n\n" +
                       text_table({"ID", "Entity type", "Injects", "Expectations", "Title"}, rows));
}

}  // namespace vigil::exercise
