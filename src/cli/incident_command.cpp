// `vigil incident ...` and `vigil audit verify`: the Art. 23 incident record.
// Each command reads its options, calls one pure domain function
// (incident/incident.h) inside one store write, and renders. The workspace is
// `--db PATH` (or VIGIL_DB, default ./vigil.db).
//
// JSON shapes (stable):
//   write commands: {"id", "entry": {"seq", "kind", "hash"}, "status",
//                    "next_report", "next_due", "next_owed"}
//   list:   [{"id", "title", "entity_type", "awareness_time", "status",
//             "significant": true|false|"undetermined"|null, "override",
//             "next_report", "next_due", "next_owed", "late": [{"report",
//             "late_by_seconds", "late_by"}], "seconds_left", "overdue"}]
//   show:   the record (incident/record_json.h) plus "pending" and "deadlines"
//   report: {"incident", "report", "title", "basis", "complete", "items":
//            [{"fact", "label", "reference", "asks", "where_applicable", "value"}],
//            "missing", "missing_where_applicable"}
//   audit verify: {"workspace", "intact", "incidents", "entries", "evidence_files",
//                  "findings": [{"organisation", "incident", "seq", "reason"}],
//                  "organisations": [{"organisation", "intact", "incidents", "entries",
//                                     "evidence_files", "findings"}], "not_checked"}
//   write commands and show also carry "workspace" and "organisation".
// --org (VIGIL_ORG) names the organisation (cli/workspace.h).
#include <filesystem>
#include <memory>

#include <CLI/CLI.hpp>
#include <date/tz.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/exercise_live.h"
#include "exercise/duration.h"
#include "cli/output.h"
#include "core/json_input.h"
#include "core/text.h"
#include "incident/export.h"
#include "incident/impact_input.h"
#include "incident/performance.h"
#include "incident/incident.h"
#include "incident/record_json.h"
#include "incident/report_draft.h"
#include "incident/report_facts.h"
#include "incident/report_content.h"
#include "store/audit.h"
#include "store/compliance_store.h"
#include "store/exercise_store.h"
#include "store/store.h"
#include "store/supplier_store.h"
#include "cli/workspace.h"

namespace vigil::cli {
namespace {

using nlohmann::json;
namespace inc = vigil::incident;
namespace ex = vigil::exercise;

// The incident domain names the fields of its requests; here each is the
// option (or argument) that sets it.
Error in_option_terms(Error error) {
  return respelled(std::move(error), {{"title", "--title"},
                                      {"by", "--by"},
                                      {"awareness_time", "--awareness"},
                                      {"timezone", "--timezone"},
                                      {"entity_type", "--entity-type"},
                                      {"impact", "--input"},
                                      {"judgement", "--judgement"},
                                      {"rationale", "--rationale"},
                                      {"decision", "--decision"},
                                      {"options", "--option"},
                                      {"known", "--known"},
                                      {"unknown", "--unknown"},
                                      {"decided_at", "--time"},
                                      {"submitted_at", "--time"},
                                      {"handled_at", "--handled"},
                                      {"description", "--description"},
                                      {"reference", "--reference"},
                                      {"to", "--to"},
                                      {"type", "--type"},
                                      {"report", "TYPE"},
                                      {"reason", "--reason"},
                                      {"facts", "--fact"},
                                      {"summary", "--summary"},
                                      {"tags", "--tag"},
                                      {"db", "--db"}});
}

// A phrase of the domain that names a field's effect, as this command line
// sets it.
Error with_option_phrases(Error error) {
  constexpr std::string_view kOutOfOrder = "mark this one as out of order";
  if (auto at = error.message.find(kOutOfOrder); at != std::string::npos) {
    error.message.replace(at, kOutOfOrder.size(), "pass --out-of-order");
  }
  for (auto& more : error.more) more = with_option_phrases(std::move(more));
  return error;
}

int report_error(const Error& error) { return report(with_option_phrases(in_option_terms(error))); }

// --- shared edges ----------------------------------------------------------------

struct Common {
  std::string db = "vigil.db";
  std::string org;
  Format format = Format::Text;
  bool verbose = false;
};

void add_common(CLI::App& command, Common& common) {
  command.add_option("--db", common.db, "Workspace database (SQLite file or postgres:// URL); default ./vigil.db")
      ->envname("VIGIL_DB")
      ->option_text("PATH");
  command.add_option("--org", common.org, "Organisation (needed when the workspace holds several)")
      ->envname("VIGIL_ORG")
      ->option_text("ORG");
  command.add_flag("--verbose,-v", common.verbose, "Name the workspace and organisation used (on standard error)");
  add_format_option(command, common.format);
}

// Every command but `incident open` needs an existing workspace.
Result<Workspace> open_workspace(const Common& common, WorkspaceAccess access = WorkspaceAccess::MustExist) {
  auto workspace = TRY(cli::open_workspace(WorkspaceChoice{common.db, common.org}, access));
  if (common.verbose) std::fprintf(stderr, "vigil: %s\n", terminal_text(describe(workspace)).c_str());
  return workspace;
}

// The workspace and organisation a JSON answer came from.
void name_workspace(json& out, const Workspace& workspace) {
  out["workspace"] = workspace.location;
  out["organisation"] = workspace.org;
}

Result<std::string> canonical_id(const std::string& text) {
  return inc::incident_id(TRY(inc::parse_incident_id(text, "ID")));
}

// "Now" for a command on one incident: the wall clock, or for an exercise
// incident the exercise's simulated clock (cli/exercise_live.h), so the Art. 23
// countdowns run in exercise time. Anything that stops the lookup (a bad id, no
// workspace) leaves the wall clock: the command then reports it in its own order.
Result<Instant> now_for(const Common& common, const std::string& id_text, bool write) {
  auto id = canonical_id(id_text);
  if (!id) return now();
  auto workspace = cli::open_workspace(WorkspaceChoice{common.db, common.org}, WorkspaceAccess::MustExist);
  if (!workspace) return now();
  return incident_now(*workspace, *id, write);
}

Result<std::optional<Instant>> optional_time(const std::string& text, std::string_view where) {
  if (text.empty()) return std::optional<Instant>();
  return std::optional<Instant>(TRY(parse_rfc3339(text, where)));
}

std::string countdown(Instant due, Instant now) {
  auto left = std::chrono::duration_cast<std::chrono::minutes>(due > now ? due - now : now - due);
  std::string span = inc::format_span(left);
  if (due >= now) return "in " + span;
  return colour("OVERDUE by " + span, "1;31");
}

// "due", "due if significant", "due until withdrawn": on what footing a report is owed.
std::string owed_text(inc::Owed owed) {
  switch (owed) {
    case inc::Owed::Due: return "due";
    case inc::Owed::IfSignificant: return "due if significant";
    case inc::Owed::UntilWithdrawn: return "due until withdrawn";
  }
  return "due";
}

std::string conclusion_text(inc::Conclusion c) {
  switch (c) {
    case inc::Conclusion::Significant: return "yes";
    case inc::Conclusion::NotSignificant: return "no";
    case inc::Conclusion::Undetermined: return "undetermined";
    case inc::Conclusion::NotAssessed: break;
  }
  return "not assessed";
}

std::string joined(const std::vector<std::string>& items, std::string_view separator = ", ") {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : std::string(separator)) + item;
  return out;
}

// "notification late by 8 d 2 h 15 min; final late by 1 s" ("" when none was late).
std::string late_text(const std::vector<inc::LateSubmission>& late) {
  std::vector<std::string> parts;
  for (const auto& l : late) {
    parts.push_back(fmt::format("{} late by {}", inc::to_string(l.type), inc::format_span(std::chrono::seconds{l.seconds})));
  }
  return joined(parts, "; ");
}

std::string report_label(inc::Report report) {
  switch (report) {
    case inc::Report::EarlyWarning: return "early warning";
    case inc::Report::IncidentNotification: return "incident notification";
    case inc::Report::FinalReport: return "final report";
    case inc::Report::ProgressReport: return "progress report";
    case inc::Report::GdprBreachNotification: return "GDPR breach notification";
  }
  return "";
}

std::string report_label(const std::string& name) {
  for (auto r : {inc::Report::EarlyWarning, inc::Report::IncidentNotification, inc::Report::FinalReport,
                 inc::Report::ProgressReport, inc::Report::GdprBreachNotification}) {
    if (inc::to_string(r) == name) return report_label(r);
  }
  return name;
}

std::string yes_no(std::optional<bool> value, std::string_view unknown) {
  return value ? (*value ? "yes" : "no") : std::string(unknown);
}

// What every write command prints: the new entry and what is due next.
int print_written(const inc::Incident& record, const Workspace& workspace, const Common& common,
                  std::string_view verb) {
  auto summary = inc::summarise(record);
  if (!summary) return report_error(summary.error());
  auto now_instant = record.exercise.empty() ? now() : incident_now(workspace, record.id, false);
  if (!now_instant) return report_error(now_instant.error());
  if (common.format == Format::Json) {
    json out{{"id", record.id},
             {"entry", {{"seq", record.event_count}, {"hash", record.head_hash}}},
             {"status", summary->status},
             {"next_report", summary->next_report.empty() ? json(nullptr) : json(summary->next_report)},
             {"next_due", summary->next_due ? json(format_utc(*summary->next_due)) : json(nullptr)},
             {"next_owed", summary->next_report.empty() ? json(nullptr) : json(inc::to_string(summary->next_owed()))}};
    if (!record.exercise.empty()) {
      out["exercise"] = record.exercise;
      out["marking"] = "EXERCISE";
    }
    name_workspace(out, workspace);
    print(out.dump(2) + "\n");
    return 0;
  }
  std::string next = summary->next_due
                         ? fmt::format("{} {} {} ({})", report_label(summary->next_report),
                                       owed_text(summary->next_owed()), format_utc(*summary->next_due),
                                       countdown(*summary->next_due, *now_instant))
                         : "nothing due";
  if (common.format == Format::Csv || common.format == Format::Markdown) {
    Table table{{"id", "entry", "hash", "status", "next"}, {}};
    table.rows.push_back({record.id, std::to_string(record.event_count), record.head_hash, summary->status, next});
    print(render(table, common.format));
    return 0;
  }
  print(fmt::format("{}{} {} (entry {}, {})\nNext: {}{}\n",
                    record.exercise.empty() ? "" : "EXERCISE " + record.exercise + ": ", verb, record.id,
                    record.event_count, record.head_hash.substr(0, 16), next,
                    record.exercise.empty() ? "" : " (exercise time)"));
  return 0;
}

// Runs one append and prints the result.
int append_and_print(const Common& common, const std::string& id_text, const store::NextEntry& next,
                     std::string_view verb, const std::optional<store::Blob>& blob = std::nullopt) {
  auto id = canonical_id(id_text);
  if (!id) return report_error(id.error());
  auto workspace = open_workspace(common);
  if (!workspace) return report_error(workspace.error());
  auto record = workspace->store->append(workspace->org, *id, next, blob);
  if (!record) return report_error(record.error());
  return print_written(*record, *workspace, common, verb);
}

// --- open ------------------------------------------------------------------------

struct OpenOptions {
  Common common;
  std::string title, awareness, timezone, entity_type, by, exercise;
  std::string supplier;  // opened from this supplier's incident (an id of the stored supplier register)
  bool trust_service = false;
};

int run_open_exercise(const OpenOptions& o);

int run_open(const OpenOptions& o) {
  if (!o.exercise.empty()) return run_open_exercise(o);
  if (o.timezone.empty()) return report_error(Error{ErrorCode::InvalidInput, "--timezone", "is required: the entity's IANA time zone, e.g. Europe/Berlin", {}});
  if (o.entity_type.empty()) return report_error(Error{ErrorCode::InvalidInput, "--entity-type", "is required: an entity type id of the catalog (vigil catalog entity-types)", {}});
  auto now_instant = now();
  if (!now_instant) return report_error(now_instant.error());
  auto awareness = parse_rfc3339(o.awareness, "--awareness");
  if (!awareness) return report_error(awareness.error());
  // Naming a supplier needs the workspace's stored register, so the workspace must exist already.
  std::optional<Result<Workspace>> existing;
  std::optional<inc::SupplierCause> cause;
  std::vector<Error> errors;
  if (!o.supplier.empty()) {
    existing = open_workspace(o.common, WorkspaceAccess::MustExist);
    if (!*existing) return report_error((*existing).error());
    auto suppliers = store::open_suppliers((*existing)->location);
    if (!suppliers) return report_error(suppliers.error());
    auto found = store::supplier_cause(**suppliers, (*existing)->org, o.supplier, "--supplier");
    if (found) cause = std::move(*found);
    else errors.push_back(found.error());
  }
  auto draft = inc::open_incident(inc::OpenRequest{o.title, *awareness, o.timezone, o.entity_type, o.trust_service,
                                                   o.by, *now_instant, cause});
  if (!draft) errors.insert(errors.begin(), draft.error());
  if (!errors.empty()) return report_error(combine(std::move(errors)));
  auto workspace = existing ? std::move(*existing) : open_workspace(o.common, WorkspaceAccess::MayCreate);
  if (!workspace) return report_error(workspace.error());
  auto record = workspace->store->open_incident(workspace->org, *draft);
  if (!record) return report_error(record.error());
  return print_written(*record, *workspace, o.common, "Opened");
}

// The incident of a live exercise: opened on the exercise clock, with the
// scenario's time zone, entity type and trust-service flag unless given, and
// marked with the exercise on its first entry.
int run_open_exercise(const OpenOptions& o) {
  auto workspace = open_workspace(o.common);
  if (!workspace) return report_error(workspace.error());
  auto exercise = exercise_for_new_incident(*workspace, o.exercise);
  if (!exercise) return report_error(exercise.error());
  const auto& scenario = exercise->scenario;
  // --awareness: RFC 3339, or an offset on the exercise clock (PT40M).
  Result<Instant> awareness = o.awareness.starts_with("P") || o.awareness.starts_with("p")
                                  ? ex::parse_duration(o.awareness, "--awareness").map([&](ex::Seconds s) {
                                      return exercise->origin + s;
                                    })
                                  : parse_rfc3339(o.awareness, "--awareness");
  if (!awareness) return report_error(awareness.error());
  inc::OpenRequest request{o.title,
                           *awareness,
                           o.timezone.empty() ? scenario.timezone : o.timezone,
                           o.entity_type.empty() ? scenario.entity_type : o.entity_type,
                           o.trust_service || scenario.trust_service_incident,
                           o.by,
                           exercise->now,
                           std::nullopt,
                           exercise->id};
  auto draft = inc::open_incident(request);
  if (!draft) return report_error(draft.error());
  auto record = workspace->store->open_incident(workspace->org, *draft);
  if (!record) return report_error(record.error());
  return print_written(*record, *workspace, o.common, "Opened");
}

// --- list ------------------------------------------------------------------------

struct ListOptions {
  Common common;
  bool all = false;
  std::int64_t limit = 0;
};

int run_list(const ListOptions& o) {
  auto now_instant = now();
  if (!now_instant) return report_error(now_instant.error());
  auto workspace = open_workspace(o.common);
  if (!workspace) return report_error(workspace.error());
  store::ListOptions options;
  options.include_inactive = o.all;
  if (o.limit > 0) options.limit = o.limit;
  auto rows = workspace->store->list_incidents(workspace->org, options);
  if (!rows) return report_error(rows.error());
  if (o.common.format == Format::Json) {
    json out = json::array();
    for (const auto& row : *rows) {
      json item = inc::to_json(row);
      item["seconds_left"] = row.next_due ? json((*row.next_due - *now_instant).count()) : json(nullptr);
      item["overdue"] = row.next_due && *row.next_due < *now_instant;
      out.push_back(std::move(item));
    }
    print(out.dump(2) + "\n");
    return 0;
  }
  Table table{{"ID", "Title", "Status", "Significant", "Next report", "Due (UTC)", "Time left", "Late"}, {}};
  table.rows.reserve(rows->size());
  for (const auto& row : *rows) {
    std::string next = "-";
    if (!row.next_report.empty()) {
      next = report_label(row.next_report);
      if (row.next_owed() != inc::Owed::Due) next += " (" + owed_text(row.next_owed()) + ")";
    }
    std::string late = late_text(row.late);
    table.rows.push_back({row.id, row.title, row.status,
                          conclusion_text(row.significance) + (row.overridden ? " (override)" : ""), next,
                          row.next_due ? format_utc(*row.next_due) : "-",
                          row.next_due ? countdown(*row.next_due, *now_instant) : "-", late.empty() ? "-" : late});
  }
  if (o.common.format == Format::Text && rows->empty()) {
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
  const date::time_zone* zone = nullptr;
  try {
    zone = date::locate_zone(r.timezone);
  } catch (const std::exception&) {
  }
  auto local = [&](Instant t) { return zone ? inc::format_local(t, *zone) : format_utc(t); };
  std::string out;
  if (!r.exercise.empty()) {
    out += fmt::format("{}EXERCISE {} — not a real incident; times are exercise time{}\n\n", markdown ? "**" : "",
                       r.exercise, markdown ? "**" : "");
  }
  auto heading = [&](std::string_view title) {
    out += markdown ? fmt::format("\n## {}\n\n", title) : fmt::format("\n{}:\n", title);
  };
  auto item = [&](const std::string& line) { out += (markdown ? "- " : "  ") + line + "\n"; };
  auto join = [](const std::vector<std::string>& items) {
    std::string s;
    for (const auto& i : items) s += (s.empty() ? "" : "; ") + i;
    return s.empty() ? std::string("-") : s;
  };
  out += markdown ? fmt::format("# {}: {}\n\n", r.id, r.title) : fmt::format("{}: {}\n", r.id, r.title);
  std::string significant = conclusion_text(inc::latest_conclusion(r));
  if (!r.assessments.empty()) {
    const auto& latest = r.assessments.back();
    auto facts = inc::facts_to_establish(latest.undetermined);
    if (latest.conclusion() == inc::Conclusion::Undetermined && !facts.empty()) {
      significant += " (facts to establish: " + joined(facts) + ")";
    }
    if (latest.overrides_rules()) {
      significant += fmt::format(" (override by {}: the rules say {}; rationale: {})", latest.judged_by,
                                 *latest.rule_result ? "significant" : "not significant",
                                 latest.note.empty() ? "none recorded" : latest.note);
    }
  }
  std::vector<std::pair<std::string, std::string>> fields{
      {"Status", r.closure ? fmt::format("closed (handled {})", local(r.closure->handled_at)) : "open"},
      {"Awareness", fmt::format("{} ({})", local(r.awareness), r.timezone)},
      {"Entity type", r.entity_type},
      {"Trust service incident", r.trust_service_incident ? "yes" : "no"},
      {"Significant", significant},
      {"Opened", fmt::format("{} by {}", format_utc(r.opened_at), r.opened_by)}};
  if (r.supplier) {
    fields.push_back({"Supplier", fmt::format("{} ({})", r.supplier->id, r.supplier->name)});
    std::vector<std::string> affected;
    for (const auto& f : r.supplier->functions) {
      affected.push_back(fmt::format("{} ({}{})", f.id, f.critical ? "critical, " : "",
                                     f.fails ? "fails" : "keeps an alternative"));
    }
    fields.push_back({"Affected functions", affected.empty() ? std::string("none in the register")
                                                             : joined(affected)});
  }
  if (r.personal_data_breach_awareness) {
    fields.push_back({"Personal-data breach", fmt::format("aware {} (GDPR Art. 33)", local(*r.personal_data_breach_awareness))});
  }
  fields.push_back({"Chain head", fmt::format("entry {}, {}", r.event_count, r.head_hash)});
  for (const auto& [k, v] : fields) out += markdown ? fmt::format("- **{}**: {}\n", k, v) : fmt::format("{:<24}{}\n", k + ":", v);

  heading("Reports pending");
  if (pending.empty()) item("none");
  for (const auto& p : pending) {
    std::string estimate = p.provisional ? " (provisional: one month after the notification is due; it counts "
                                           "from the notification once submitted)"
                                         : "";
    item(p.due ? fmt::format("{} ({}): {} {} — {}{}", report_label(p.report), p.reference, owed_text(p.owed),
                             local(*p.due), countdown(*p.due, now_instant), estimate)
               : fmt::format("{} ({}): {} one month after the incident is handled", report_label(p.report),
                             p.reference, owed_text(p.owed)));
  }
  bool until_withdrawn = std::any_of(pending.begin(), pending.end(),
                                     [](const inc::PendingReport& p) { return p.owed == inc::Owed::UntilWithdrawn; });
  if (until_withdrawn) {
    item(fmt::format("assessed not significant, but reports to the CSIRT or competent authority started the Art. "
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
      std::string judgement = a.judgement ? fmt::format(", judged {}", *a.judgement ? "significant" : "not significant") : "";
      if (a.overrides_rules()) judgement = fmt::format(", OVERRIDDEN by {}: judged {}", a.judged_by,
                                                       *a.judgement ? "significant" : "not significant");
      item(fmt::format("{} by {}: rules say {}{}{}{}", format_utc(a.recorded_at), a.judged_by, rules, judgement,
                       criteria, a.note.empty() ? "" : (a.overrides_rules() ? " — rationale: " : " — ") + a.note));
    }
  }
  if (!r.decisions.empty()) {
    heading("Decisions");
    for (const auto& d : r.decisions) {
      item(fmt::format("{} by {}: {} (confidence {})", format_utc(d.decided_at), d.decided_by, d.decision,
                       inc::to_string(d.confidence)));
      std::string pad = markdown ? "  - " : "      ";
      out += fmt::format("{}options considered: {}\n{}rationale: {}\n{}known: {}\n{}unknown: {}\n", pad, join(d.options),
                         pad, d.rationale, pad, join(d.known), pad, join(d.unknown));
    }
  }
  if (!r.evidence.empty()) {
    heading("Evidence");
    for (const auto& e : r.evidence) {
      item(fmt::format("{} ({} bytes, sha256 {}) added {} by {}: {}", e.file_name.empty() ? "-" : e.file_name, e.size, e.sha256, format_utc(e.added_at), e.added_by, e.description));
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
                       local(s.submitted_at), s.by, s.reference.empty() ? "" : ", reference " + s.reference, timing));
    }
  }
  if (!r.withdrawals.empty()) {
    heading("Withdrawn reports");
    for (const auto& w : r.withdrawals) {
      item(fmt::format("{} withdrawn {} by {}: {}", inc::to_string(w.report), format_utc(w.recorded_at), w.by, w.reason));
    }
  }
  if (!r.facts.empty()) {
    heading("Facts for the reports");
    for (const auto& [id, value] : r.facts) item(fmt::format("{}: {}", id, value));
  }
  if (r.closure && !r.closure->summary.empty()) {
    heading("Closure");
    item(fmt::format("{} by {}: {}", format_utc(r.closure->recorded_at), r.closure->by, r.closure->summary));
  }
  return out;
}

int run_show(const ShowOptions& o) {
  auto now_instant = now_for(o.common, o.id, false);
  if (!now_instant) return report_error(now_instant.error());
  auto id = canonical_id(o.id);
  if (!id) return report_error(id.error());
  auto workspace = open_workspace(o.common);
  if (!workspace) return report_error(workspace.error());
  auto record = workspace->store->load_incident(workspace->org, *id);
  if (!record) return report_error(record.error());
  auto pending = inc::pending_reports(*record);
  if (!pending) return report_error(pending.error());
  switch (o.common.format) {
    case Format::Json: {
      json out = inc::to_json(*record);
      out["pending"] = inc::to_json(*pending);
      name_workspace(out, *workspace);
      print(out.dump(2) + "\n");
      return 0;
    }
    case Format::Csv: {
      auto events = workspace->store->events(workspace->org, *id);
      if (!events) return report_error(events.error());
      Table table{{"seq", "at", "kind", "actor", "hash"}, {}};
      for (const auto& e : *events) table.rows.push_back({std::to_string(e.seq), format_utc(e.at), e.kind, e.actor, e.hash});
      print(render_csv(table));
      return 0;
    }
    default:
      // Escaped for the terminal: records written before input was checked
      // may hold control characters (core/text.h unsafe_text).
      print(terminal_text(show_text(*record, *pending, *now_instant, o.common.format == Format::Markdown)));
      return 0;
  }
}

// --- assess ----------------------------------------------------------------------

struct AssessOptions {
  Common common;
  std::string id, input, judgement, note, by;
};

int run_assess(const AssessOptions& o) {
  auto now_instant = now_for(o.common, o.id, true);
  if (!now_instant) return report_error(now_instant.error());
  std::string source = o.input == "-" ? "stdin" : o.input;
  auto text = read_file(o.input);
  if (!text) return report_error(text.error());
  auto value = parse_json(*text, source);
  if (!value) return report_error(value.error());
  auto judgement = inc::parse_judgement(o.judgement, "--judgement");
  if (!judgement) return report_error(judgement.error());
  auto built = inc::assessment_request(*value, source, *judgement, o.note, o.by, *now_instant);
  if (!built) return report_error(built.error());
  const inc::AssessRequest& request = *built;
  return append_and_print(o.common, o.id, [&](const inc::Incident& r) { return inc::assess(r, request); }, "Assessed");
}

// --- decide ----------------------------------------------------------------------

struct DecideOptions {
  Common common;
  std::string id, decision, rationale, confidence = "medium", time, by;
  std::vector<std::string> options, known, unknown, tags;
};

int run_decide(const DecideOptions& o) {
  auto now_instant = now_for(o.common, o.id, true);
  if (!now_instant) return report_error(now_instant.error());
  auto at = optional_time(o.time, "--time");
  if (!at) return report_error(at.error());
  auto confidence = inc::parse_confidence(o.confidence, "--confidence");
  if (!confidence) return report_error(confidence.error());
  inc::DecideRequest request{*at,       o.decision,  o.options, o.rationale,  o.known,
                             o.unknown, *confidence, o.by,      *now_instant, o.tags};
  return append_and_print(o.common, o.id, [&](const inc::Incident& r) { return inc::decide(r, request); }, "Recorded decision on");
}

// --- evidence add ----------------------------------------------------------------

struct EvidenceOptions {
  Common common;
  std::string id, file, description, by;
  std::vector<std::string> tags;
};

int run_evidence(const EvidenceOptions& o) {
  auto now_instant = now_for(o.common, o.id, true);
  if (!now_instant) return report_error(now_instant.error());
  std::error_code ec;
  auto size = std::filesystem::file_size(o.file, ec);
  if (ec) return report_error(Error{ErrorCode::NotFound, o.file, fmt::format("cannot read: {}", ec.message()), {}});
  if (size > static_cast<std::uintmax_t>(inc::kMaxEvidenceBytes)) {
    return report_error(Error{ErrorCode::LimitExceeded, o.file,
                        fmt::format("is {} bytes; evidence files are limited to {} bytes (25 MiB)", size,
                                    inc::kMaxEvidenceBytes),
                        {}});
  }
  auto content = read_file(o.file);
  if (!content) return report_error(content.error());
  store::Blob blob{inc::sha256_hex(*content), std::move(*content)};
  inc::EvidenceRequest request{blob.sha256, static_cast<std::int64_t>(blob.content.size()),
                               std::filesystem::path(o.file).filename().string(), o.description, o.by,
                               *now_instant, o.tags};
  return append_and_print(o.common, o.id, [&](const inc::Incident& r) { return inc::add_evidence(r, request); },
                          fmt::format("Stored {} as evidence for", blob.sha256.substr(0, 16)), blob);
}

// --- submit, facts, breach, close ------------------------------------------------

struct SubmitOptions {
  Common common;
  std::string id, type, time, to, reference, by;
  bool out_of_order = false;
};

int run_submit(const SubmitOptions& o) {
  auto now_instant = now_for(o.common, o.id, true);
  if (!now_instant) return report_error(now_instant.error());
  auto type = inc::parse_submission_type(o.type, "TYPE");
  if (!type) return report_error(type.error());
  auto at = optional_time(o.time, "--time");
  if (!at) return report_error(at.error());
  auto recipient = inc::parse_recipient(o.to, "--to");
  if (!recipient) return report_error(recipient.error());
  inc::SubmitRequest request{*type, *at, *recipient, o.reference, o.by, *now_instant, o.out_of_order};
  return append_and_print(o.common, o.id, [&](const inc::Incident& r) { return inc::submit(r, request); }, "Recorded submission for");
}

struct WithdrawOptions {
  Common common;
  std::string id, type, reason, by;
};

int run_withdraw(const WithdrawOptions& o) {
  auto now_instant = now_for(o.common, o.id, true);
  if (!now_instant) return report_error(now_instant.error());
  auto type = inc::parse_submission_type(o.type, "TYPE");
  if (!type) return report_error(type.error());
  inc::WithdrawRequest request{*type, o.reason, o.by, *now_instant};
  auto report = inc::report_of(*type);
  return append_and_print(o.common, o.id, [&](const inc::Incident& r) { return inc::withdraw_report(r, request); },
                          fmt::format("Withdrew the {} of", report ? report_label(*report) : o.type));
}

struct FactsOptions {
  Common common;
  std::string id, by;
  std::vector<std::string> facts;
};

int run_facts(const FactsOptions& o) {
  auto now_instant = now_for(o.common, o.id, true);
  if (!now_instant) return report_error(now_instant.error());
  inc::FactsRequest request{{}, o.by, *now_instant};
  for (const auto& f : o.facts) {
    auto eq = f.find('=');
    if (eq == std::string::npos || eq == 0) {
      return report_error(Error{ErrorCode::InvalidInput, "--fact", fmt::format("'{}' must be id=value, e.g. severity=high", excerpt(f)), {}});
    }
    request.facts.emplace_back(std::string(trim(f.substr(0, eq))), f.substr(eq + 1));
  }
  return append_and_print(o.common, o.id, [&](const inc::Incident& r) { return inc::record_facts(r, request); }, "Recorded facts for");
}

struct BreachOptions {
  Common common;
  std::string id, awareness, by;
};

int run_breach(const BreachOptions& o) {
  auto now_instant = now_for(o.common, o.id, true);
  if (!now_instant) return report_error(now_instant.error());
  auto awareness = parse_rfc3339(o.awareness, "--awareness");
  if (!awareness) return report_error(awareness.error());
  inc::BreachRequest request{*awareness, o.by, *now_instant};
  return append_and_print(o.common, o.id,
                          [&](const inc::Incident& r) { return inc::attach_personal_data_breach(r, request); },
                          "Attached a personal-data breach to");
}

struct CloseOptions {
  Common common;
  std::string id, handled, summary, by;
};

int run_close(const CloseOptions& o) {
  auto now_instant = now_for(o.common, o.id, true);
  if (!now_instant) return report_error(now_instant.error());
  auto handled = optional_time(o.handled, "--handled");
  if (!handled) return report_error(handled.error());
  inc::CloseRequest request{*handled, o.summary, o.by, *now_instant};
  return append_and_print(o.common, o.id, [&](const inc::Incident& r) { return inc::close(r, request); }, "Closed");
}

// --- report ----------------------------------------------------------------------

struct ReportOptions {
  Common common;
  std::string id, kind;
};

int run_report(const ReportOptions& o) {
  auto kind = inc::parse_report_kind(o.kind, "TYPE");
  if (!kind) return report_error(kind.error());
  auto id = canonical_id(o.id);
  if (!id) return report_error(id.error());
  auto workspace = open_workspace(o.common);
  if (!workspace) return report_error(workspace.error());
  auto record = workspace->store->load_incident(workspace->org, *id);
  if (!record) return report_error(record.error());
  inc::ReportDraft d = inc::draft_report(*kind, inc::facts_for_reports(*record));
  auto context = inc::draft_context(*record, *kind, workspace->org_name, locate_zone);
  if (!context) return report_error(context.error());
  if (o.common.format == Format::Json) {
    print(inc::draft_json(*record, d, *context).dump(2) + "\n");
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
  print(terminal_text(inc::draft_markdown(*record, d, *context)));
  return 0;
}

// --- export and audit ------------------------------------------------------------

struct ExportOptions {
  Common common;
  std::string id, output;
};

// `vigil incident performance`: the same latencies and on-time verdicts as an
// exercise's score, for a real incident (incident/performance.h).
Result<int> performance(const ShowOptions& o) {
  if (o.common.format != Format::Json && o.common.format != Format::Text) {
    return invalid("--format", "incident performance writes text or json");
  }
  std::string id = TRY(canonical_id(o.id));
  auto workspace = TRY(open_workspace(o.common));
  inc::Incident record = TRY(workspace.store->load_incident(workspace.org, id));
  inc::Performance p = TRY(inc::incident_performance(record));
  if (o.common.format == Format::Json) {
    json out = inc::performance_json(record, p);
    name_workspace(out, workspace);
    print(out.dump(2) + "\n");
  } else {
    print(inc::performance_text(record, p));
  }
  return 0;
}

int run_performance(const ShowOptions& o) {
  auto done = performance(o);
  return done ? *done : report_error(done.error());
}

int run_export(const ExportOptions& o) {
  auto now_instant = now();
  if (!now_instant) return report_error(now_instant.error());
  auto id = canonical_id(o.id);
  if (!id) return report_error(id.error());
  auto workspace = open_workspace(o.common);
  if (!workspace) return report_error(workspace.error());
  auto events = workspace->store->events(workspace->org, *id);
  if (!events) return report_error(events.error());
  auto record = inc::replay(*events);
  if (!record) return report_error(record.error());
  if (auto broken = inc::verify_chain(*events)) {
    return report_error(Error{ErrorCode::Conflict, fmt::format("{} entry {}", *id, broken->seq),
                        broken->reason + "; the trail is damaged, not exporting it", {}});
  }
  std::string text = inc::export_incident(*record, *events, *now_instant).dump(2) + "\n";
  if (o.output.empty() || o.output == "-") {
    print(text);
    return 0;
  }
  auto written = write_file(o.output, text);
  if (!written) return report_error(written.error());
  print(fmt::format("Wrote {} ({} entries, chain head {}) to {}\n", *id, record->event_count, record->head_hash, o.output));
  return 0;
}

// "1 incident", "2 incidents", "1 entry", "2 entries".
std::string counted(std::int64_t n, std::string_view one, std::string_view many = {}) {
  if (n == 1) return fmt::format("1 {}", one);
  return many.empty() ? fmt::format("{} {}s", n, one) : fmt::format("{} {}", n, many);
}

// What `audit verify` cannot vouch for: accounts carry no trail yet, and
// compliance rows written before an organisation's record trail began.
std::string not_checked(std::int64_t predating) {
  std::string out(store::kAccountsNotChecked);
  if (predating > 0) {
    out += fmt::format("; {} compliance {} written before the record trail began", predating,
                       predating == 1 ? "record" : "records");
  }
  return out;
}

struct VerifyOptions {
  Common common;
  std::string export_file;
};

int run_verify(const VerifyOptions& o) {
  if (!o.export_file.empty()) {
    // Exit codes: 0 intact, 1 tampered, 2 not a Vigil export or unreadable.
    auto answer = [&](const Error& error, bool is_tampered) {
      if (o.common.format == Format::Json) {
        std::string finding = describe(error);
        while (!finding.empty() && finding.back() == '\n') finding.pop_back();
        print(json{{"intact", false}, {"tampered", is_tampered}, {"finding", finding}}.dump(2) + "\n");
      }
      report_error(error);
      return is_tampered ? 1 : 2;
    };
    auto text = read_file(o.export_file);
    if (!text) return answer(text.error(), false);
    auto value = parse_json(*text, o.export_file);
    if (!value) return answer(value.error(), false);
    auto check = inc::verify_export(*value, o.export_file);
    if (!check) return answer(check.error(), check.error().code == ErrorCode::Conflict);
    if (o.common.format == Format::Json) {
      print(json{{"intact", true}, {"incident", check->incident_id}, {"entries", check->entries}, {"chain_head", check->head_hash}}
                .dump(2) + "\n");
    } else {
      print(fmt::format("Export intact: {} with {} entries, chain head {}\n", check->incident_id, check->entries,
                        check->head_hash));
    }
    return 0;
  }
  auto workspace = cli::open_workspace_all(WorkspaceChoice{o.common.db, o.common.org});
  if (!workspace) return report_error(workspace.error());
  if (o.common.verbose) std::fprintf(stderr, "vigil: %s\n", terminal_text(describe(*workspace)).c_str());
  auto compliance = store::open_compliance(workspace->location);
  if (!compliance) return report_error(compliance.error());
  auto suppliers = store::open_suppliers(workspace->location);
  if (!suppliers) return report_error(suppliers.error());
  auto exercise_logs = store::open_exercises(workspace->location);
  if (!exercise_logs) return report_error(exercise_logs.error());
  struct Checked {
    std::string org;
    store::AuditReport incidents;
    store::RecordsReport records;
    store::ExerciseAuditReport exercises;
  };
  std::vector<Checked> checked;
  for (const auto& org : workspace->organisations) {
    auto incidents = store::verify_workspace(*workspace->store, org);
    if (!incidents) return report_error(incidents.error());
    auto records = store::verify_records(**compliance, org, suppliers->get());
    if (!records) return report_error(records.error());
    auto exercises = store::verify_exercises(**exercise_logs, org);
    if (!exercises) return report_error(exercises.error());
    checked.push_back({org, std::move(*incidents), std::move(*records), std::move(*exercises)});
  }
  bool intact = true;
  store::AuditReport total;
  std::int64_t predating = 0;
  for (const auto& c : checked) {
    intact = intact && c.incidents.intact() && c.records.intact() && c.exercises.intact();
    total.incidents += c.incidents.incidents;
    total.entries += c.incidents.entries;
    total.evidence_files += c.incidents.evidence_files;
    predating += c.records.predating;
  }
  if (o.common.format == Format::Json) {
    json out{{"workspace", workspace->location}, {"intact", intact}, {"incidents", total.incidents},
             {"entries", total.entries}, {"evidence_files", total.evidence_files}};
    json findings = json::array(), organisations = json::array();
    for (const auto& c : checked) {
      json each = store::to_json(c.incidents);
      for (auto f : each["findings"]) {
        f["organisation"] = c.org;
        findings.push_back(std::move(f));
      }
      for (const auto& reason : c.records.findings) {
        findings.push_back({{"organisation", c.org}, {"incident", nullptr}, {"seq", nullptr}, {"reason", reason}});
      }
      for (const auto& f : c.exercises.findings) {
        findings.push_back({{"organisation", c.org}, {"exercise", f.exercise_id},
                            {"seq", f.seq ? json(f.seq) : json(nullptr)}, {"reason", f.reason}});
      }
      each["organisation"] = c.org;
      each["intact"] = c.incidents.intact() && c.records.intact() && c.exercises.intact();
      each["records"] = store::to_json(c.records);
      each["exercises"] = store::to_json(c.exercises);
      organisations.push_back(std::move(each));
    }
    out["findings"] = std::move(findings);
    out["organisations"] = std::move(organisations);
    out["not_checked"] = not_checked(predating);
    print(out.dump(2) + "\n");
  } else if (o.common.format == Format::Csv || o.common.format == Format::Markdown) {
    Table table{{"organisation", "incident", "entry", "finding"}, {}};
    for (const auto& c : checked) {
      for (const auto& f : c.incidents.findings) {
        table.rows.push_back({c.org, f.incident_id, f.seq ? std::to_string(f.seq) : "", f.reason});
      }
      for (const auto& reason : c.records.findings) table.rows.push_back({c.org, "", "", reason});
      for (const auto& f : c.exercises.findings) {
        table.rows.push_back({c.org, f.exercise_id, f.seq ? std::to_string(f.seq) : "", f.reason});
      }
    }
    print(render(table, o.common.format));
  } else {
    for (const auto& c : checked) {
      for (const auto& f : c.incidents.findings) {
        std::string where = f.incident_id.empty() ? "evidence" : f.incident_id;
        if (f.seq) where += fmt::format(" entry {}", f.seq);
        print(fmt::format("{} {}: {}\n", colour("TAMPERED", "1;31"), terminal_text(c.org + " " + where),
                          terminal_text(f.reason)));
      }
      for (const auto& reason : c.records.findings) {
        print(fmt::format("{} {} records: {}\n", colour("TAMPERED", "1;31"), terminal_text(c.org),
                          terminal_text(reason)));
      }
      for (const auto& f : c.exercises.findings) {
        std::string where = f.exercise_id + (f.seq ? fmt::format(" entry {}", f.seq) : std::string());
        print(fmt::format("{} {}: {}\n", colour("TAMPERED", "1;31"), terminal_text(c.org + " " + where),
                          terminal_text(f.reason)));
      }
      const auto& a = c.incidents;
      const auto& r = c.records;
      const auto& x = c.exercises;
      print(fmt::format("{}: {}: {}, {}, {}; record trail: {}, {}, {}, {} checked{}; exercise logs: {}, {}\n",
                        terminal_text(c.org), a.intact() && r.intact() && x.intact() ? "intact" : "BROKEN",
                        counted(a.incidents, "incident"),
                        counted(a.entries, "entry", "entries"), counted(a.evidence_files, "evidence file"),
                        counted(r.entries, "entry", "entries"), counted(r.documents, "document"),
                        counted(r.approvals, "approval"),
                        counted(r.assessments, "gap assessment") +
                            (r.supplier_rows ? ", " + counted(r.supplier_rows, "supplier register row") : ""),
                        r.predating ? fmt::format(" ({} older than the trail)", r.predating) : "",
                        counted(x.exercises, "exercise"), counted(x.entries, "entry", "entries")));
    }
    print(fmt::format("{}: {}, {}, {}, {} checked\n", intact ? "Trail intact" : "Trail BROKEN",
                      counted(static_cast<std::int64_t>(checked.size()), "organisation"),
                      counted(total.incidents, "incident"), counted(total.entries, "entry", "entries"),
                      counted(total.evidence_files, "evidence file")));
    print(fmt::format("Not checked: {}\n", not_checked(predating)));
  }
  return intact ? 0 : 1;
}

struct EventsOptions {
  Common common;
  std::string subject;
  std::int64_t after = 0, limit = 0;
};

// `vigil audit events`: the organisation's record trail (store/record_trail.h).
int run_events(const EventsOptions& o) {
  auto workspace = open_workspace(o.common);
  if (!workspace) return report_error(workspace.error());
  auto compliance = store::open_compliance(workspace->location);
  if (!compliance) return report_error(compliance.error());
  store::TrailQuery query;
  if (!o.subject.empty()) query.subject = o.subject;
  query.after = o.after;
  if (o.limit > 0) query.limit = o.limit;
  auto entries = (*compliance)->trail(workspace->org, query);
  if (!entries) return report_error(entries.error());
  if (o.common.format == Format::Json) {
    json out = json::array();
    for (const auto& e : *entries) out.push_back(store::to_json(e));
    json wrapped{{"events", out}};
    name_workspace(wrapped, *workspace);
    print(wrapped.dump(2) + "\n");
    return 0;
  }
  Table table{{"seq", "at (UTC)", "actor", "kind", "subject", "new value"}, {}};
  for (const auto& e : *entries) {
    table.rows.push_back({std::to_string(e.seq), format_utc(e.at), e.actor, e.kind, e.subject,
                          e.new_value ? excerpt(*e.new_value, 60) : "-"});
  }
  if (o.common.format == Format::Text && table.rows.empty()) {
    print(fmt::format("No record trail entries in {}.\n", terminal_text(workspace->org)));
    return 0;
  }
  print(render(table, o.common.format));
  return 0;
}

}  // namespace

void add_incident_commands(CLI::App& app, int& exit_code) {
  auto* group = app.add_subcommand("incident", "The Art. 23 incident record: open, assess, decide, evidence, submit, report, close");
  group->require_subcommand(1);

  {
    auto o = std::make_shared<OpenOptions>();
    auto* c = group->add_subcommand("open", "Open an incident: one durable entry, the clocks start at awareness");
    c->add_option("--title", o->title, "Short title")->required();
    c->add_option("--awareness", o->awareness, "When the entity became aware (RFC 3339 with offset)")->required();
    c->add_option("--timezone", o->timezone, "The entity's IANA time zone, e.g. Europe/Berlin (with --exercise: "
                                             "the scenario's by default)");
    c->add_option("--entity-type", o->entity_type, "Entity type id of the catalog (vigil catalog entity-types; with "
                                                   "--exercise: the scenario's by default)");
    c->add_option("--exercise", o->exercise, "Open the incident of a live exercise (EX-1): it runs on the exercise "
                                             "clock, --awareness may be an offset (PT40M), and it is never listed "
                                             "or counted with real incidents");
    c->add_flag("--trust-service", o->trust_service, "The incident impacts the provision of a trust service (24 h notification)");
    c->add_option("--by", o->by, "Who opens it")->required();
    c->add_option("--supplier", o->supplier,
                  "Opened from this supplier's incident: a supplier id of the stored register (vigil supplier "
                  "import); records it and the functions depending on it")
        ->option_text("SUPPLIER");
    add_common(*c, o->common);
    c->callback([o, &exit_code] { exit_code = run_open(*o); });
  }
  {
    auto o = std::make_shared<ListOptions>();
    auto* c = group->add_subcommand("list", "Open incidents (and those with a report pending), next deadline first");
    c->add_flag("--all", o->all, "Also closed incidents with nothing pending");
    c->add_option("--limit", o->limit, "At most this many rows")->check(CLI::PositiveNumber);
    add_common(*c, o->common);
    c->callback([o, &exit_code] { exit_code = run_list(*o); });
  }
  {
    auto o = std::make_shared<ShowOptions>();
    auto* c = group->add_subcommand("show", "The whole record of one incident");
    c->add_option("ID", o->id, "Incident id, e.g. INC-7")->required();
    add_common(*c, o->common);
    c->callback([o, &exit_code] { exit_code = run_show(*o); });
  }
  {
    auto o = std::make_shared<ShowOptions>();
    auto* c = group->add_subcommand("performance", "Latencies from awareness to each Art. 23(4) report and whether each "
                                                   "was on time (the measures of an exercise's score)");
    c->add_option("ID", o->id, "Incident id, e.g. INC-7")->required();
    add_common(*c, o->common);
    c->callback([o, &exit_code] { exit_code = run_performance(*o); });
  }
  {
    auto o = std::make_shared<AssessOptions>();
    auto* c = group->add_subcommand("assess", "Record a significance assessment (input as for vigil significance)");
    c->add_option("ID", o->id, "Incident id")->required();
    c->add_option("--input,-i", o->input, "Impact JSON file ('-' for stdin)")->required();
    c->add_option("--judgement", o->judgement,
                  "Your conclusion: significant | not-significant (required for types IR 2024/2690 does not cover; "
                  "against the rules or where they are undetermined, with --rationale)");
    c->add_option("--rationale,--note", o->note,
                  "Why, in a sentence; required for a judgement against the rules or where they cannot decide yet");
    c->add_option("--by", o->by, "Who judged")->required();
    add_common(*c, o->common);
    c->callback([o, &exit_code] { exit_code = run_assess(*o); });
  }
  {
    auto o = std::make_shared<DecideOptions>();
    auto* c = group->add_subcommand("decide", "Record a decision: what, why, options, what was known and unknown");
    c->add_option("ID", o->id, "Incident id")->required();
    c->add_option("--decision", o->decision, "What was decided")->required();
    c->add_option("--rationale", o->rationale, "Why")->required();
    c->add_option("--option", o->options, "An option considered (repeat)");
    c->add_option("--known", o->known, "What was known at the time (repeat)");
    c->add_option("--unknown", o->unknown, "What was not known yet (repeat)");
    c->add_option("--confidence", o->confidence, "low | medium | high (default medium)");
    c->add_option("--time", o->time, "When it was decided (RFC 3339; default now)");
    c->add_option("--by", o->by, "Who decided")->required();
    c->add_option("--tag", o->tags, "What kind of decision, e.g. containment (repeatable; exercises match it)");
    add_common(*c, o->common);
    c->callback([o, &exit_code] { exit_code = run_decide(*o); });
  }
  {
    auto* evidence = group->add_subcommand("evidence", "Evidence files, stored under their SHA-256");
    evidence->require_subcommand(1);
    auto o = std::make_shared<EvidenceOptions>();
    auto* c = evidence->add_subcommand("add", "Store a file as evidence (at most 25 MiB)");
    c->add_option("ID", o->id, "Incident id")->required();
    c->add_option("FILE", o->file, "The file")->required();
    c->add_option("--description", o->description, "What it shows")->required();
    c->add_option("--by", o->by, "Who adds it")->required();
    c->add_option("--tag", o->tags, "What kind of evidence, e.g. forensics (repeatable; exercises match it)");
    add_common(*c, o->common);
    c->callback([o, &exit_code] { exit_code = run_evidence(*o); });
  }
  {
    auto o = std::make_shared<SubmitOptions>();
    auto* c = group->add_subcommand("submit", "Record a report submitted to an authority or the service recipients");
    c->add_option("ID", o->id, "Incident id")->required();
    c->add_option("TYPE", o->type, "early-warning | notification | intermediate | final | progress | gdpr-breach")->required();
    c->add_option("--to", o->to, "csirt | competent_authority | service_recipients | supervisory_authority")->required();
    c->add_option("--time", o->time, "When it was submitted (RFC 3339; default now)");
    c->add_option("--reference", o->reference, "The authority's case number");
    c->add_flag("--out-of-order", o->out_of_order,
                "Record it although it is out of the Art. 23(4) order (e.g. a final report before any notification); "
                "the entry says so");
    c->add_option("--by", o->by, "Who submitted it")->required();
    add_common(*c, o->common);
    c->callback([o, &exit_code] { exit_code = run_submit(*o); });
  }
  {
    auto o = std::make_shared<WithdrawOptions>();
    auto* c = group->add_subcommand(
        "withdraw-report",
        "Withdraw a report still due only because an earlier submission started the Art. 23(4) sequence, once the "
        "incident is assessed as not significant");
    c->add_option("ID", o->id, "Incident id")->required();
    c->add_option("TYPE", o->type, "early-warning | notification | progress | final")->required();
    c->add_option("--reason", o->reason, "Why it is no longer owed (e.g. what the CSIRT was told)")->required();
    c->add_option("--by", o->by, "Who withdraws it")->required();
    add_common(*c, o->common);
    c->callback([o, &exit_code] { exit_code = run_withdraw(*o); });
  }
  {
    auto o = std::make_shared<FactsOptions>();
    auto* c = group->add_subcommand("update", "Record facts the Art. 23(4) reports ask for (--fact id=value)");
    c->add_option("ID", o->id, "Incident id")->required();
    c->add_option("--fact", o->facts, "id=value, e.g. severity=high (repeat); ids: vigil incident report --help")->required();
    c->add_option("--by", o->by, "Who records them")->required();
    add_common(*c, o->common);
    c->callback([o, &exit_code] { exit_code = run_facts(*o); });
  }
  {
    auto o = std::make_shared<BreachOptions>();
    auto* c = group->add_subcommand("breach", "Attach a GDPR personal-data breach (Art. 33: 72 h to the supervisory authority)");
    c->add_option("ID", o->id, "Incident id")->required();
    c->add_option("--awareness", o->awareness, "When the controller became aware of the breach (RFC 3339)")->required();
    c->add_option("--by", o->by, "Who records it")->required();
    add_common(*c, o->common);
    c->callback([o, &exit_code] { exit_code = run_breach(*o); });
  }
  {
    auto o = std::make_shared<CloseOptions>();
    auto* c = group->add_subcommand("close", "Close an incident once handled (reports still pending stay listed)");
    c->add_option("ID", o->id, "Incident id")->required();
    c->add_option("--handled", o->handled, "When the incident was handled (RFC 3339; default now)");
    c->add_option("--summary", o->summary, "How it ended");
    c->add_option("--by", o->by, "Who closes it")->required();
    add_common(*c, o->common);
    c->callback([o, &exit_code] { exit_code = run_close(*o); });
  }
  {
    auto o = std::make_shared<ReportOptions>();
    std::string facts_help =
        "Report type: early-warning | notification | intermediate | final | progress | gdpr-breach (GDPR Art. 33) | "
        "recipients (Art. 23(1)-(2) notice). Facts:";
    for (const auto& f : inc::fact_definitions()) facts_help += fmt::format(" {}", f.id);
    auto* c = group->add_subcommand("report", "Draft a report (Art. 23(4), GDPR Art. 33, the notice to recipients) from "
                                              "the record and list what is missing");
    c->add_option("ID", o->id, "Incident id")->required();
    c->add_option("TYPE", o->kind, facts_help)->required();
    add_common(*c, o->common);
    c->callback([o, &exit_code] { exit_code = run_report(*o); });
  }
  {
    auto o = std::make_shared<ExportOptions>();
    auto* c = group->add_subcommand("export", "Write the whole record and its hash chain as one verifiable JSON file");
    c->add_option("ID", o->id, "Incident id")->required();
    c->add_option("--output,-o", o->output, "File to write (default: standard output)");
    add_common(*c, o->common);
    c->callback([o, &exit_code] { exit_code = run_export(*o); });
  }

  auto* audit = app.add_subcommand("audit", "Check the tamper-evident trail");
  audit->require_subcommand(1);
  {
    auto o = std::make_shared<VerifyOptions>();
    auto* c = audit->add_subcommand("verify", "Walk every hash chain and name the first entry that does not match");
    c->add_option("--export", o->export_file, "Verify an exported incident file offline instead of the workspace");
    add_common(*c, o->common);
    c->callback([o, &exit_code] { exit_code = run_verify(*o); });
  }
  {
    auto o = std::make_shared<EventsOptions>();
    auto* c = audit->add_subcommand(
        "events", "The record trail: every write to documents, content, approvals and stored gap assessments");
    c->add_option("--subject", o->subject, "Only one subject: document:<name>, approval:N, assessment:N");
    c->add_option("--after", o->after, "Only entries after this seq")->check(CLI::NonNegativeNumber);
    c->add_option("--limit", o->limit, "At most this many entries")->check(CLI::PositiveNumber);
    add_common(*c, o->common);
    c->callback([o, &exit_code] { exit_code = run_events(*o); });
  }
}

}  // namespace vigil::cli
