#include "cli/incident_command.h"

#include <cstdio>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "application/live_exercise.h"
#include "cli/commands.h"
#include "cli/exercise_live.h"
#include "core/text.h"
#include "tzdata/zones.h"

namespace vigil::cli {

namespace inc = vigil::incident;
using nlohmann::json;

namespace {

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

}  // namespace

int report_error(const Error& error) { return report(with_option_phrases(error)); }

int exit_code_of(const Result<int>& result) { return result ? *result : report_error(result.error()); }

void add_incident_id(CLI::App& command, std::string& id) {
  command.add_option("ID", id, "Incident id, e.g. INC-7")->required();
}

void add_actor(CLI::App& command, std::string& by, const std::string& who) {
  command.add_option("--by", by, who)->required();
}

void add_common(CLI::App& command, Common& common) {
  add_workspace_options(command, common.db, common.org);
  add_seal_key(command, common.seal_key);
  add_verbose_option(command, common.verbose);
  add_format_option(command, common.format);
}

void add_seal_key(CLI::App& command, std::string& seal_key) {
  command
      .add_option("--seal-key", seal_key,
                  "Ed25519 key file that seals the chains this command writes ('vigil seal-key generate')")
      ->envname("VIGIL_SEAL_KEY")
      ->option_text("FILE");
}

// Every command but `incident open` needs an existing workspace.
Result<Workspace> open_workspace(const Common& common, WorkspaceAccess access) {
  auto workspace = TRY(cli::open_workspace(WorkspaceChoice{common.db, common.org, common.seal_key}, access));
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
  auto workspace =
      cli::open_workspace(WorkspaceChoice{common.db, common.org, common.seal_key}, WorkspaceAccess::MustExist);
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

// "notification late by 8 d 2 h 15 min; final late by 1 s" ("" when none was late).
std::string late_text(const std::vector<inc::LateSubmission>& late) {
  std::vector<std::string> parts;
  for (const auto& l : late) {
    parts.push_back(
        fmt::format("{} late by {}", inc::to_string(l.type), inc::format_span(std::chrono::seconds{l.seconds})));
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
Result<int> print_written(const inc::Incident& record, const Workspace& workspace, const Common& common,
                          std::string_view verb) {
  auto summary = TRY(inc::summarise(record, tzdata::zones()));
  auto now_instant = TRY(record.exercise.empty() ? now() : incident_now(workspace, record.id, false));
  if (common.format == Format::Json) {
    json out{{"id", record.id},
             {"entry", {{"seq", record.event_count}, {"hash", record.head_hash}}},
             {"status", summary.status},
             {"next_report", summary.next_report.empty() ? json(nullptr) : json(summary.next_report)},
             {"next_due", summary.next_due ? json(format_utc(*summary.next_due)) : json(nullptr)},
             {"next_owed", summary.next_report.empty() ? json(nullptr) : json(inc::to_string(summary.next_owed()))}};
    if (!record.exercise.empty()) {
      out["exercise"] = record.exercise;
      out["marking"] = "EXERCISE";
    }
    name_workspace(out, workspace);
    print(out.dump(2) + "\n");
    return 0;
  }
  std::string next =
      summary.next_due ? fmt::format("{} {} {} ({})", report_label(summary.next_report), owed_text(summary.next_owed()),
                                     format_utc(*summary.next_due), countdown(*summary.next_due, now_instant))
                       : "nothing due";
  if (common.format == Format::Csv || common.format == Format::Markdown) {
    Table table{{"id", "entry", "hash", "status", "next"}, {}};
    table.rows.push_back({record.id, std::to_string(record.event_count), record.head_hash, summary.status, next});
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
Result<int> append_and_print(const Common& common, const std::string& id_text, const store::NextEntry& next,
                             std::string_view verb, const std::optional<store::Blob>& blob,
                             std::string_view time_option) {
  auto id = TRY(canonical_id(id_text));
  auto workspace = TRY(open_workspace(common));
  // On an exercise's incident: a player's entry, not before the exercise began.
  auto exercises = TRY(store::open_exercises(workspace.location, workspace.sealer));
  store::NextEntry guarded =
      TRY(application::guard_exercise_entry(*exercises, workspace.org, id, next, "--by", time_option));
  auto record = TRY(workspace.store->append(workspace.org, id, guarded, blob));
  return print_written(record, workspace, common, verb);
}

void add_incident_commands(CLI::App& app, int& exit_code) {
  auto* group = app.add_subcommand(
      "incident", "The Art. 23 incident record: open, assess, decide, evidence, submit, report, close");
  group->require_subcommand(1);
  add_incident_open_command(*group, exit_code);
  add_incident_list_commands(*group, exit_code);
  add_incident_record_commands(*group, exit_code);
  add_incident_report_commands(*group, exit_code);
  add_audit_commands(app, exit_code);
}

}  // namespace vigil::cli
