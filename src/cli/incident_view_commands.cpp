// `vigil incident list|show|performance|report|export`: what the record holds
// and owes, the report drafts, and the verifiable export
// (JSON shapes: cli/incident_command.h).
#include <filesystem>
#include <memory>

#include <date/tz.h>
#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "application/verified_export.h"
#include "cli/commands.h"
#include "cli/exercise_live.h"
#include "cli/incident_command.h"
#include "cli/output.h"
#include "core/json_input.h"
#include "core/text.h"
#include "incident/export.h"
#include "incident/performance.h"
#include "incident/record_json.h"
#include "incident/report_content.h"
#include "incident/report_draft.h"
#include "incident/report_facts.h"
#include "tzdata/zones.h"

namespace vigil::cli {
namespace {

namespace inc = vigil::incident;
using nlohmann::json;

// --- list ------------------------------------------------------------------------

struct ListOptions {
  Common common;
  bool all = false;
  std::int64_t limit = 0;
};

Result<int> run_list(const ListOptions& o) {
  auto now_instant = TRY(now());
  auto workspace = TRY(open_workspace(o.common));
  store::ListOptions options;
  options.include_inactive = o.all;
  if (o.limit > 0) options.limit = o.limit;
  auto rows = TRY(workspace.store->list_incidents(workspace.org, options));
  if (o.common.format == Format::Json) {
    json out = json::array();
    for (const auto& row : rows) {
      json item = inc::to_json(row);
      item["seconds_left"] = row.next_due ? json((*row.next_due - now_instant).count()) : json(nullptr);
      item["overdue"] = row.next_due && *row.next_due < now_instant;
      out.push_back(std::move(item));
    }
    // {"workspace", "organisation", "incidents": [...]}: the answer names where it came from.
    json wrapped{{"incidents", std::move(out)}};
    name_workspace(wrapped, workspace);
    print(wrapped.dump(2) + "\n");
    return 0;
  }
  Table table{{"ID", "Title", "Status", "Significant", "Next report", "Due (UTC)", "Time left", "Late"}, {}};
  table.rows.reserve(rows.size());
  for (const auto& row : rows) {
    std::string next = "-";
    if (!row.next_report.empty()) {
      next = report_label(row.next_report);
      if (row.next_owed() != inc::Owed::Due) next += " (" + owed_text(row.next_owed()) + ")";
    }
    std::string late = late_text(row.late);
    table.rows.push_back({row.id, row.title, row.status,
                          conclusion_text(row.significance) + (row.overridden ? " (override)" : ""), next,
                          row.next_due ? format_utc(*row.next_due) : "-",
                          row.next_due ? countdown(*row.next_due, now_instant) : "-", late.empty() ? "-" : late});
  }
  if (o.common.format == Format::Text && rows.empty()) {
    print(o.all ? "No incidents recorded.\n" : "No open incidents.\n");
    return 0;
  }
  print(render(table, o.common.format));
  return 0;
}

// --- show ------------------------------------------------------------------------

struct ShowOptions {
  Common common;
  std::string id;
};

std::string show_text(const inc::Incident& r, const std::vector<inc::PendingReport>& pending, Instant now_instant,
                      bool markdown) {
  const date::time_zone* zone = tzdata::locate(r.timezone);
  auto local = [&](Instant t) { return zone ? inc::format_local(t, *zone) : format_utc(t); };
  // Every value a user typed, escaped for Markdown (markup never renders);
  // plain text is made safe for the terminal where it is printed.
  auto m = [&](const std::string& text) { return markdown ? markdown_text(text) : text; };
  std::string out;
  if (!r.exercise.empty()) {
    out += fmt::format("{}EXERCISE {} — not a real incident; times are exercise time{}\n\n", markdown ? "**" : "",
                       r.exercise, markdown ? "**" : "");
  }
  auto heading = [&](std::string_view title) {
    out += markdown ? fmt::format("\n## {}\n\n", title) : fmt::format("\n{}:\n", title);
  };
  auto item = [&](const std::string& line) { out += (markdown ? "- " : "  ") + line + "\n"; };
  auto join = [&](const std::vector<std::string>& items) {
    std::string s;
    for (const auto& i : items) s += (s.empty() ? "" : "; ") + m(i);
    return s.empty() ? std::string("-") : s;
  };
  out += markdown ? fmt::format("# {}: {}\n\n", r.id, m(r.title)) : fmt::format("{}: {}\n", r.id, r.title);
  std::string significant = conclusion_text(inc::latest_conclusion(r));
  if (!r.assessments.empty()) {
    const auto& latest = r.assessments.back();
    auto facts = inc::facts_to_establish(latest.undetermined);
    if (latest.conclusion() == inc::Conclusion::Undetermined && !facts.empty()) {
      significant += " (facts to establish: " + joined(facts) + ")";
    }
    if (latest.overrides_rules()) {
      significant += fmt::format(" (override by {}: the rules say {}; rationale: {})", m(latest.judged_by),
                                 *latest.rule_result ? "significant" : "not significant",
                                 latest.note.empty() ? "none recorded" : m(latest.note));
    }
  }
  std::vector<std::pair<std::string, std::string>> fields{
      {"Status", r.closure ? fmt::format("closed (handled {})", local(r.closure->handled_at)) : "open"},
      {"Awareness", fmt::format("{} ({})", local(r.awareness), r.timezone)},
      {"Entity type", r.entity_type},
      {"Trust service incident", r.trust_service_incident ? "yes" : "no"},
      {"Significant", significant},
      {"Opened", fmt::format("{} by {}", format_utc(r.opened_at), m(r.opened_by))}};
  if (r.supplier) {
    fields.push_back({"Supplier", fmt::format("{} ({})", m(r.supplier->id), m(r.supplier->name))});
    std::vector<std::string> affected;
    for (const auto& f : r.supplier->functions) {
      affected.push_back(fmt::format("{} ({}{})", m(f.id), f.critical ? "critical, " : "",
                                     f.fails ? "fails" : "keeps an alternative"));
    }
    fields.push_back({"Affected functions", affected.empty() ? std::string("none in the register") : joined(affected)});
  }
  if (r.personal_data_breach_awareness) {
    fields.push_back(
        {"Personal-data breach", fmt::format("aware {} (GDPR Art. 33)", local(*r.personal_data_breach_awareness))});
  }
  fields.push_back({"Chain head", fmt::format("entry {}, {}", r.event_count, r.head_hash)});
  for (const auto& [k, v] : fields)
    out += markdown ? fmt::format("- **{}**: {}\n", k, v) : fmt::format("{:<24}{}\n", k + ":", v);

  heading("Reports pending");
  if (pending.empty()) item("none");
  for (const auto& p : pending) {
    std::string estimate = p.provisional ? " (provisional: one month after the notification is due; it counts "
                                           "from the notification once submitted)"
                                         : "";
    item(p.due ? fmt::format("{} ({}): {} {} — {}{}", report_label(p.report), p.reference, owed_text(p.owed),
                             local(*p.due), countdown(*p.due, now_instant), estimate)
               : fmt::format("{} ({}): {} one month after the incident is handled", report_label(p.report), p.reference,
                             owed_text(p.owed)));
  }
  bool until_withdrawn = std::any_of(pending.begin(), pending.end(),
                                     [](const inc::PendingReport& p) { return p.owed == inc::Owed::UntilWithdrawn; });
  if (until_withdrawn) {
    item(
        fmt::format("assessed not significant, but reports to the CSIRT or competent authority started the Art. "
                    "23(4) sequence: each stays due until withdrawn (vigil incident withdraw-report {} TYPE "
                    "--reason ...)",
                    r.id));
  }
  if (!r.assessments.empty()) {
    heading("Significance assessments");
    for (const auto& a : r.assessments) {
      std::string criteria = a.criteria.empty() ? "" : " — criteria " + join(a.criteria);
      std::string rules = yes_no(a.rule_result, a.undetermined.empty() ? "no verdict (Art. 23(3))" : "undetermined");
      std::vector<std::string> open;
      for (const auto& u : a.undetermined) open.push_back(u.criterion);
      if (!open.empty()) criteria += " — open: " + joined(open);
      std::string judgement =
          a.judgement ? fmt::format(", judged {}", *a.judgement ? "significant" : "not significant") : "";
      if (a.overrides_rules())
        judgement = fmt::format(", OVERRIDDEN by {}: judged {}", m(a.judged_by),
                                *a.judgement ? "significant" : "not significant");
      item(fmt::format("{} by {}: rules say {}{}{}{}", format_utc(a.recorded_at), m(a.judged_by), rules, judgement,
                       criteria, a.note.empty() ? "" : (a.overrides_rules() ? " — rationale: " : " — ") + m(a.note)));
    }
  }
  if (!r.decisions.empty()) {
    heading("Decisions");
    for (const auto& d : r.decisions) {
      item(fmt::format("{} by {}: {} (confidence {})", format_utc(d.decided_at), m(d.decided_by), m(d.decision),
                       inc::to_string(d.confidence)));
      std::string pad = markdown ? "  - " : "      ";
      out += fmt::format("{}options considered: {}\n{}rationale: {}\n{}known: {}\n{}unknown: {}\n", pad,
                         join(d.options), pad, m(d.rationale), pad, join(d.known), pad, join(d.unknown));
    }
  }
  if (!r.evidence.empty()) {
    heading("Evidence");
    for (const auto& e : r.evidence) {
      item(fmt::format("{} ({} bytes, sha256 {}) added {} by {}: {}", e.file_name.empty() ? "-" : m(e.file_name),
                       e.size, e.sha256, format_utc(e.added_at), m(e.added_by), m(e.description)));
    }
  }
  if (!r.submissions.empty()) {
    heading("Submissions");
    for (const auto& s : r.submissions) {
      std::string timing;
      if (auto late = s.late_by()) {
        timing = fmt::format(" — late by {} (due {})", inc::format_span(*late), local(*s.deadline));
      } else if (s.deadline) {
        timing = fmt::format(" — on time (due {})", local(*s.deadline));
      }
      if (!s.out_of_order.empty()) timing += " — recorded out of order: " + joined(s.out_of_order, "; ");
      item(fmt::format("{} to {} at {} (recorded by {}){}{}", inc::to_string(s.type), inc::to_string(s.recipient),
                       local(s.submitted_at), m(s.by), s.reference.empty() ? "" : ", reference " + m(s.reference),
                       timing));
    }
  }
  if (!r.withdrawals.empty()) {
    heading("Withdrawn reports");
    for (const auto& w : r.withdrawals) {
      item(fmt::format("{} withdrawn {} by {}: {}", inc::to_string(w.report), format_utc(w.recorded_at), m(w.by),
                       m(w.reason)));
    }
  }
  if (!r.facts.empty()) {
    heading("Facts for the reports");
    for (const auto& [id, value] : r.facts) item(fmt::format("{}: {}", m(id), m(value)));
  }
  if (r.closure && !r.closure->summary.empty()) {
    heading("Closure");
    item(fmt::format("{} by {}: {}", format_utc(r.closure->recorded_at), m(r.closure->by), m(r.closure->summary)));
  }
  return out;
}

Result<int> run_show(const ShowOptions& o) {
  auto now_instant = TRY(now_for(o.common, o.id, false));
  auto id = TRY(canonical_id(o.id));
  auto workspace = TRY(open_workspace(o.common));
  auto record = TRY(workspace.store->load_incident(workspace.org, id));
  auto pending = TRY(inc::pending_reports(record, tzdata::zones()));
  switch (o.common.format) {
    case Format::Json: {
      json out = inc::to_json(record);
      out["pending"] = inc::to_json(pending);
      name_workspace(out, workspace);
      print(out.dump(2) + "\n");
      return 0;
    }
    case Format::Csv: {
      // The event log, each submission with the deadline it answered and its
      // lateness: the n-th "submitted" entry is the record's
      // n-th submission (incident/record.cpp replays them in order).
      auto events = TRY(workspace.store->events(workspace.org, id));
      Table table{{"seq", "at", "kind", "actor", "hash", "deadline", "on_time", "late_by"}, {}};
      std::size_t submitted = 0;
      for (const auto& e : events) {
        std::string deadline, on_time, late;
        if (e.kind == "submitted" && submitted < record.submissions.size()) {
          const inc::Submission& s = record.submissions[submitted++];
          if (s.deadline) deadline = format_utc(*s.deadline);
          if (s.on_time) on_time = *s.on_time ? "yes" : "no";
          if (auto by = s.late_by()) late = inc::format_span(*by);
        }
        table.rows.push_back(
            {std::to_string(e.seq), format_utc(e.at), e.kind, e.actor, e.hash, deadline, on_time, late});
      }
      print(render_csv(table));
      return 0;
    }
    default:
      // Escaped for the terminal: records written before input was checked
      // may hold control characters (core/text.h unsafe_text).
      print(terminal_text(show_text(record, pending, now_instant, o.common.format == Format::Markdown)));
      return 0;
  }
}

// --- report ----------------------------------------------------------------------

struct ReportOptions {
  Common common;
  std::string id, kind;
};

Result<int> run_report(const ReportOptions& o) {
  auto kind = TRY(inc::parse_draft_kind(o.kind, "TYPE"));
  auto id = TRY(canonical_id(o.id));
  auto workspace = TRY(open_workspace(o.common));
  auto record = TRY(workspace.store->load_incident(workspace.org, id));
  inc::ReportDraft d = inc::draft_report(kind, inc::facts_for_reports(record));
  auto context = TRY(inc::draft_context(record, kind, workspace.org_name, tzdata::zones()));
  if (o.common.format == Format::Json) {
    print(inc::draft_json(record, d, context).dump(2) + "\n");
    return 0;
  }
  if (o.common.format == Format::Csv) {
    Table table{{"fact", "reference", "where_applicable", "value"}, {}};
    for (const auto& item : d.items) {
      table.rows.push_back({std::string(item.item.fact), std::string(item.item.reference),
                            item.item.where_applicable ? "yes" : "no", item.value.value_or("")});
    }
    print(render_csv(table));
    return 0;
  }
  print(terminal_text(inc::draft_markdown(record, d, context)));
  return 0;
}

// --- export and audit ------------------------------------------------------------

struct ExportOptions {
  Common common;
  std::string id, output;
};

// `vigil incident performance`: the same latencies and on-time verdicts as an
// exercise's score, for a real incident (incident/performance.h).
Result<int> run_performance(const ShowOptions& o) {
  if (o.common.format != Format::Json && o.common.format != Format::Text) {
    return invalid("--format", "incident performance writes text or json");
  }
  std::string id = TRY(canonical_id(o.id));
  auto workspace = TRY(open_workspace(o.common));
  inc::Incident record = TRY(workspace.store->load_incident(workspace.org, id));
  inc::Performance p = TRY(inc::incident_performance(record, tzdata::zones()));
  if (o.common.format == Format::Json) {
    json out = inc::performance_json(record, p, tzdata::zones());
    name_workspace(out, workspace);
    print(out.dump(2) + "\n");
  } else {
    print(inc::performance_text(record, p, tzdata::zones()));
  }
  return 0;
}

Result<int> run_export(const ExportOptions& o) {
  auto now_instant = TRY(now());
  auto id = TRY(canonical_id(o.id));
  auto workspace = TRY(open_workspace(o.common));
  auto seals = TRY(store::open_seals(workspace.location));
  json exported = TRY(application::export_incident(*workspace.store, seals.get(), workspace.org, id, now_instant));
  std::string text = exported.dump(2) + "\n";
  if (o.output.empty() || o.output == "-") {
    print(text);
    return 0;
  }
  TRY(write_file(o.output, text));
  const json& head = exported.at("chain_head");
  print(fmt::format("Wrote {} ({} entries, chain head {}{}) to {}\n", id, head.at("seq").get<std::int64_t>(),
                    head.at("hash").get<std::string>(), exported.at("seal").is_null() ? ", not sealed" : ", sealed",
                    o.output));
  return 0;
}

}  // namespace

void add_incident_list_commands(CLI::App& group, int& exit_code) {
  {
    auto o = std::make_shared<ListOptions>();
    auto* c = group.add_subcommand("list", "Open incidents (and those with a report pending), next deadline first");
    c->add_flag("--all", o->all, "Also closed incidents with nothing pending");
    c->add_option("--limit", o->limit, "At most this many rows")->check(CLI::PositiveNumber);
    add_common(*c, o->common);
    c->callback([o, &exit_code] { exit_code = exit_code_of(run_list(*o)); });
  }
  add_incident_subcommand(group, exit_code, std::make_shared<ShowOptions>(), "show", "The whole record of one incident",
                          run_show);
  add_incident_subcommand(group, exit_code, std::make_shared<ShowOptions>(), "performance",
                          "Latencies from awareness to each Art. 23(4) report and whether each was on time (the "
                          "measures of an exercise's score)",
                          run_performance);
}

void add_incident_report_commands(CLI::App& group, int& exit_code) {
  {
    auto o = std::make_shared<ReportOptions>();
    std::string facts_help =
        "Report type: early-warning | notification | intermediate | final | progress | gdpr-breach (GDPR Art. 33) | "
        "recipients (Art. 23(1)-(2) notice). Facts:";
    for (const auto& f : inc::fact_definitions()) facts_help += fmt::format(" {}", f.id);
    add_incident_subcommand(group, exit_code, o, "report",
                            "Draft a report (Art. 23(4), GDPR Art. 33, the notice to recipients) from the record and "
                            "list what is missing",
                            run_report, [&](CLI::App& c) { c.add_option("TYPE", o->kind, facts_help)->required(); });
  }
  {
    auto o = std::make_shared<ExportOptions>();
    add_incident_subcommand(
        group, exit_code, o, "export", "Write the whole record and its hash chain as one verifiable JSON file",
        run_export,
        [&](CLI::App& c) { c.add_option("--output,-o", o->output, "File to write (default: standard output)"); });
  }
}

}  // namespace vigil::cli
