// `vigil significance` and `vigil deadlines`: read a JSON file, call the pure
// incident rules (incident/significance, incident/deadlines), render. The only
// edge work here is reading the file, locating the time zone and the clock
// for "time left" in the text output.
//
// JSON shapes (stable):
//   significance: {"entity_type", "significant": true|false|"undetermined"|null,
//     "covered_by_ir_2024_2690", "basis", "criteria": [..], "undetermined":
//     [{"criterion", "missing": [..]}], "facts_to_establish": [..],
//     "explanation": [..], "questions": [..]}
//   deadlines: see incident/deadlines_json.h (shared with POST /api/v1/deadlines)
#include <date/tz.h>
#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/output.h"
#include "core/json_input.h"
#include "core/text.h"
#include "incident/clock_input.h"
#include "incident/deadlines.h"
#include "incident/deadlines_json.h"
#include "incident/impact_input.h"
#include "incident/significance.h"
#include "tzdata/zones.h"

namespace vigil::cli {
namespace {

using nlohmann::json;
using namespace vigil::incident;

Result<json> read_json(const std::string& path, const std::string& encoding) {
  std::string text = TRY(read_file(path, encoding));
  return parse_json(text, path == "-" ? "stdin" : path);
}

std::string source_name(const std::string& path) { return path == "-" ? "stdin" : path; }

// --- significance ------------------------------------------------------------

std::string verdict(const Significance& s) {
  if (s.significant) return *s.significant ? "yes" : "no";
  return s.covered_by_ir_2024_2690 ? "undetermined" : "to be judged (Art. 23(3))";
}

std::string_view basis(const Significance& s) { return significance_basis(s); }

std::string significance_text(const Impact& impact, const Significance& s, Format format) {
  bool md = format == Format::Markdown;
  std::string out;
  if (md) {
    out += "# Significance assessment\n\n";
    out += fmt::format("- **Significant incident**: {}\n- **Entity type**: {}\n- **Basis**: {}\n", verdict(s),
                       impact.entity_type, basis(s));
  } else {
    std::string answer = verdict(s);
    if (use_colour()) answer = colour(answer, s.significant ? (*s.significant ? "1;31" : "32") : "1;33");
    out += fmt::format("Significant incident: {}\nEntity type:          {}\nBasis:                {}\n", answer,
                       impact.entity_type, basis(s));
  }
  auto list = [&](std::string_view title, const std::vector<std::string>& lines) {
    if (lines.empty()) return;
    out += md ? fmt::format("\n## {}\n\n", title) : fmt::format("\n{}:\n", title);
    for (const auto& line : lines) out += fmt::format("{}{}\n", md ? "- " : "  - ", line);
  };
  if (!s.criteria.empty()) {
    out += md ? fmt::format("- **Criteria met**: {}\n", joined(s.criteria))
              : fmt::format("Criteria met:         {}\n", joined(s.criteria));
  }
  if (!s.facts_to_establish.empty()) {
    out += md ? fmt::format("- **Facts to establish**: {}\n", joined(s.facts_to_establish))
              : fmt::format("Facts to establish:   {}\n", joined(s.facts_to_establish));
  }
  list("Why", s.explanation);
  list("Answer these questions (Art. 23(3))", s.questions);
  return out;
}

std::string significance_csv(const Significance& s) {
  Table table{{"kind", "reference", "text"}, {}};
  table.rows.push_back({"verdict", s.covered_by_ir_2024_2690 ? "IR 2024/2690" : "Art. 23(3)", verdict(s)});
  for (std::size_t i = 0; i < s.criteria.size(); ++i) {
    table.rows.push_back({"criterion", s.criteria[i], s.explanation[i]});
  }
  // The explanation holds one line per undetermined criterion after those met.
  for (const auto& u : s.undetermined)
    table.rows.push_back({"undetermined", u.criterion, "needs " + joined(u.missing)});
  for (std::size_t i = s.criteria.size() + s.undetermined.size(); i < s.explanation.size(); ++i) {
    table.rows.push_back({"explanation", "", s.explanation[i]});
  }
  for (const auto& q : s.questions)
    table.rows.push_back({"question", q.substr(0, q.find(':')), q.substr(q.find(':') + 2)});
  return render_csv(table);
}

int run_significance(const std::string& path, const std::string& encoding, Format format) {
  auto input = read_json(path, encoding);
  if (!input) return report(input.error());
  auto impact = parse_impact(*input, source_name(path));
  if (!impact) return report(impact.error());
  auto assessed = assess_significance(*impact);
  if (!assessed) {
    // The domain names the field; the user also needs the file.
    return report(prefixed(assessed.error(), fmt::format("{}: ", source_name(path))));
  }
  switch (format) {
    case Format::Json: print(significance_json(*impact, *assessed).dump(2) + "\n"); break;
    case Format::Csv: print(significance_csv(*assessed)); break;
    default: print(significance_text(*impact, *assessed, format)); break;
  }
  return 0;
}

// --- deadlines -----------------------------------------------------------------

std::string_view report_name(Report report) {
  switch (report) {
    case Report::EarlyWarning: return "Early warning";
    case Report::IncidentNotification: return "Incident notification";
    case Report::FinalReport: return "Final report";
    case Report::ProgressReport: return "Progress report";
    case Report::GdprBreachNotification: return "GDPR breach notification";
  }
  return "";
}

// "Tue 2025-06-03 09:15:00 CEST"; a deadline at local midnight reads as 24:00
// of the day before, which is the day it belongs to ("by the end of Monday").
std::string local_display(Instant instant, const date::time_zone& zone) {
  date::zoned_seconds zoned{&zone, instant};
  auto local = zoned.get_local_time();
  if (local == date::floor<date::days>(local)) {
    date::zoned_seconds before{&zone, instant - std::chrono::seconds{1}};
    return date::format("%a %Y-%m-%d 24:00:00 %Z", before);
  }
  return date::format("%a %Y-%m-%d %H:%M:%S %Z", zoned);
}

std::string time_left(Instant due, Instant now) {
  auto left = std::chrono::duration_cast<std::chrono::minutes>(due > now ? due - now : now - due);
  auto days = left.count() / (24 * 60), hours = left.count() / 60 % 24, minutes = left.count() % 60;
  std::string span = days > 0 ? fmt::format("{} d {} h {:02} min", days, hours, minutes)
                              : fmt::format("{} h {:02} min", hours, minutes);
  if (due >= now) return "in " + span;
  std::string overdue = "OVERDUE by " + span;
  return use_colour() ? colour(overdue, "1;31") : overdue;
}

// Wraps a paragraph at `width` columns for the terminal.
std::string wrap(std::string_view text, std::size_t width, std::string_view indent) {
  std::string out;
  for (const std::string& line : wrapped_lines(text, width)) out += std::string(indent) + line + "\n";
  return out;
}

Table deadlines_table(const ClockInput& in, const Deadlines& d, std::optional<Instant> now) {
  Table table{{"Report", fmt::format("Due ({})", in.zone->name()), "Due (UTC)"}, {}};
  if (now) table.columns.push_back("Time left");
  table.columns.push_back("Basis");
  for (const auto& deadline : d.all) {
    std::vector<std::string> row{std::string(report_name(deadline.report)) +
                                 (deadline.provisional ? " (provisional)" : "")};
    if (deadline.due) {
      row.push_back(local_display(*deadline.due, *in.zone));
      row.push_back(format_utc(*deadline.due));
      if (now) row.push_back(time_left(*deadline.due, *now));
    } else {
      row.push_back("one month after the incident is handled");
      row.push_back("-");
      if (now) row.push_back("-");
    }
    row.push_back(std::string(deadline.reference));
    table.rows.push_back(std::move(row));
    if (deadline.report == Report::IncidentNotification) {
      std::vector<std::string> intermediate{"Intermediate report", "on request of the CSIRT or authority", "-"};
      if (now) intermediate.push_back("-");
      intermediate.push_back("Art. 23(4)(c)");
      table.rows.push_back(std::move(intermediate));
    }
  }
  return table;
}

std::vector<std::string> deadline_notes(const ClockInput& in, const Deadlines& d) {
  std::vector<std::string> notes;
  if (d.final_report_provisional) {
    notes.push_back(
        "The notification has not been submitted: the final-report date is provisional, "
        "counted from the notification deadline. Record the submission time to fix it.");
  }
  if (d.notification_late) {
    notes.push_back(fmt::format("The notification was submitted after its deadline ({}).",
                                format_utc(d.incident_notification_due)));
  }
  if (in.ongoing_when_final_report_due && !d.final_report_due) {
    notes.push_back(
        "The incident is ongoing: the final report is due one month after it is handled "
        "(Art. 23(4)(e)). Record the handling time to compute it.");
  }
  if (in.trust_service_incident) {
    notes.push_back(
        "Trust service incident: the notification is due within 24 hours "
        "(Art. 23(4), second subparagraph).");
  }
  return notes;
}

std::string deadlines_text(const ClockInput& in, const Deadlines& d, Instant now) {
  std::string out = use_colour() ? colour("Incident reporting clock (NIS2 Art. 23(4))", "1") + "\n"
                                 : "Incident reporting clock (NIS2 Art. 23(4))\n";
  out += fmt::format("Aware since: {}  ({})\n", local_display(in.awareness, *in.zone), format_utc(in.awareness));
  out += fmt::format("Now:         {}  ({})\n\n", local_display(now, *in.zone), format_utc(now));
  out += render_text(deadlines_table(in, d, now));
  auto notes = deadline_notes(in, d);
  if (!notes.empty()) {
    out += "\nNotes:\n";
    for (const auto& note : notes) out += wrap(note, 78, "  ");
  }
  out += fmt::format("\nConvention ({}):\n", to_string(d.convention));
  out += wrap(convention_text(d.convention), 78, "  ");
  return out;
}

std::string deadlines_markdown(const ClockInput& in, const Deadlines& d) {
  std::string out = "# Incident reporting clock (NIS2 Art. 23(4))\n\n";
  out += fmt::format("- **Aware since**: {} ({})\n", local_display(in.awareness, *in.zone), format_utc(in.awareness));
  out += fmt::format("- **Time zone**: {}\n\n", in.zone->name());
  out += render_markdown(deadlines_table(in, d, std::nullopt));
  auto notes = deadline_notes(in, d);
  if (!notes.empty()) {
    out += "\n## Notes\n\n";
    for (const auto& note : notes) out += "- " + note + "\n";
  }
  out += fmt::format("\n## Convention ({})\n\n{}\n", to_string(d.convention), convention_text(d.convention));
  return out;
}

std::string deadlines_csv(const ClockInput& in, const Deadlines& d) {
  Table table{{"report", "due_utc", "due_local", "provisional", "reference", "rule"}, {}};
  for (const auto& deadline : d.all) {
    table.rows.push_back({std::string(to_string(deadline.report)), deadline.due ? format_utc(*deadline.due) : "",
                          deadline.due ? format_local(*deadline.due, *in.zone) : "",
                          deadline.provisional ? "true" : "false", std::string(deadline.reference),
                          std::string(deadline.rule)});
  }
  return render_csv(table);
}

int run_deadlines(const std::string& path, const std::string& encoding, const std::string& convention_name,
                  Format format) {
  auto convention = parse_convention(convention_name, "--convention");
  if (!convention) return report(convention.error());
  auto input = read_json(path, encoding);
  if (!input) return report(input.error());
  auto clock = parse_clock_input(*input, source_name(path), tzdata::locate, *convention);
  if (!clock) return report(clock.error());
  auto deadlines = compute_deadlines(*clock);
  if (!deadlines) return report(prefixed(deadlines.error(), source_name(path) + ": "));
  switch (format) {
    case Format::Json: print(deadlines_json(*clock, *deadlines).dump(2) + "\n"); break;
    case Format::Csv: print(deadlines_csv(*clock, *deadlines)); break;
    case Format::Markdown: print(deadlines_markdown(*clock, *deadlines)); break;
    default: {
      auto now = cli::now();
      if (!now) return report(now.error());
      print(deadlines_text(*clock, *deadlines, *now));
    }
  }
  return 0;
}

struct ClockOptions {
  std::string input;
  std::string convention = "elapsed-time";
  std::string encoding;
  Format format = Format::Text;
};

// A command that reads one JSON file (--input; `input_help` says what it
// holds) in any encoding and answers in any format.
CLI::App* add_input_command(CLI::App& app, const char* name, const char* description, const char* input_help,
                            ClockOptions& o) {
  auto* command = app.add_subcommand(name, description);
  command->add_option("--input,-i", o.input, input_help)->required();
  add_encoding_option(*command, o.encoding);
  add_format_option(*command, o.format);
  return command;
}

}  // namespace

void add_clock_commands(CLI::App& app, int& exit_code) {
  auto significance_options = std::make_shared<ClockOptions>();
  auto* significance = add_input_command(app, "significance",
                                         "Is an incident significant? IR 2024/2690 Arts 3-14 for its 11 entity types "
                                         "(criteria met, with the numbers); the Art. 23(3) questions for every other "
                                         "type.",
                                         "Impact JSON file ('-' for standard input): entity_type, users_eu_total, "
                                         "direct_financial_loss_eur, complete_unavailability_minutes, ...",
                                         *significance_options);
  significance->callback([significance_options, &exit_code] {
    exit_code =
        run_significance(significance_options->input, significance_options->encoding, significance_options->format);
  });

  auto deadline_options = std::make_shared<ClockOptions>();
  auto* deadlines = add_input_command(app, "deadlines",
                                      "When each Art. 23(4) report is due (early warning, notification, final, "
                                      "progress) and the GDPR Art. 33 breach notification, in UTC and local time.",
                                      "Incident JSON file ('-' for standard input): awareness_time, timezone, "
                                      "trust_service_incident, notification_submitted_time, "
                                      "ongoing_when_final_report_due, incident_handled_time, "
                                      "personal_data_breach_awareness_time",
                                      *deadline_options);
  deadlines
      ->add_option("--convention", deadline_options->convention,
                   "How periods are counted: elapsed-time (default) or reg-1182-71")
      ->check(CLI::IsMember({"elapsed-time", "reg-1182-71"}));
  deadlines->callback([deadline_options, &exit_code] {
    exit_code = run_deadlines(deadline_options->input, deadline_options->encoding, deadline_options->convention,
                              deadline_options->format);
  });
}

}  // namespace vigil::cli
