// The shared edges of `vigil incident` and `vigil audit`: the options every
// incident command takes, the workspace it opens, "now" (the exercise clock
// for an exercise's incident), the words of the text output, what every write
// command prints, and the one place a command's error becomes its message and
// exit code (exit_code_of). The commands themselves are in
// cli/incident_record_commands.cpp (open, assess, decide, evidence, submit,
// withdraw-report, update, breach, close), cli/incident_view_commands.cpp
// (list, show, performance, report, export) and cli/audit_command.cpp.
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
// --org (VIGIL_ORG) names the organisation (cli/workspace.h); --db (VIGIL_DB)
// the workspace, default ./vigil.db.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json_fwd.hpp>

#include "cli/output.h"
#include "cli/workspace.h"
#include "core/error.h"
#include "core/time.h"
#include "incident/incident.h"
#include "store/incident_store.h"

namespace vigil::cli {

// --db, --org, --verbose and --format: declared once (add_common) for every
// incident and audit command.
struct Common {
  std::string db = "vigil.db";
  std::string org;
  std::string seal_key;  // --seal-key / VIGIL_SEAL_KEY
  Format format = Format::Text;
  bool verbose = false;
};
void add_common(CLI::App& command, Common& common);
// The ID argument of a command on one incident ("INC-7" or "7").
void add_incident_id(CLI::App& command, std::string& id);
// --by: who did what the command records (required).
void add_actor(CLI::App& command, std::string& by, const std::string& who);

// The workspace of `common`; every command but `incident open` needs one that exists.
Result<Workspace> open_workspace(const Common& common, WorkspaceAccess access = WorkspaceAccess::MustExist);
// The workspace and organisation a JSON answer came from.
void name_workspace(nlohmann::json& out, const Workspace& workspace);
Result<std::string> canonical_id(const std::string& text);  // "7" -> "INC-7"
// "Now" for a command on one incident: the wall clock, or for an exercise
// incident the exercise's simulated clock (cli/exercise_live.h), so the Art. 23
// countdowns run in exercise time. Anything that stops the lookup (a bad id, no
// workspace) leaves the wall clock: the command then reports it in its own order.
Result<Instant> now_for(const Common& common, const std::string& id_text, bool write);
// An optional RFC 3339 option: "" -> nullopt.
Result<std::optional<Instant>> optional_time(const std::string& text, std::string_view where);

// Words of the text output.
std::string countdown(Instant due, Instant now);      // "in 3 h 5 min", "OVERDUE by 2 h" (red)
std::string owed_text(incident::Owed owed);           // "due", "due if significant", "due until withdrawn"
std::string conclusion_text(incident::Conclusion c);  // "yes", "no", "undetermined", "not assessed"
// "notification late by 8 d 2 h 15 min; final late by 1 s" ("" when none was late).
std::string late_text(const std::vector<incident::LateSubmission>& late);
std::string report_label(incident::Report report);  // "early warning", ...
std::string report_label(const std::string& name);  // the same, from to_string(Report)
std::string yes_no(std::optional<bool> value, std::string_view unknown);

// An error of the incident domain, in the CLI's terms (each field named by the
// option that sets it), reported on standard error; returns its exit code.
int report_error(const Error& error);
// The one place a command's result becomes its exit code.
int exit_code_of(const Result<int>& result);

// A subcommand on one incident: ID, then its own options (`own`), then the
// options every incident command shares; `run` runs it, exit_code_of its result.
template <class Options>
void add_incident_subcommand(CLI::App& parent, int& exit_code, std::shared_ptr<Options> o, const char* name,
                             const char* description, Result<int> (*run)(const Options&),
                             const std::function<void(CLI::App&)>& own = {}) {
  auto* c = parent.add_subcommand(name, description);
  add_incident_id(*c, o->id);
  if (own) own(*c);
  add_common(*c, o->common);
  c->callback([o, run, &exit_code] { exit_code = exit_code_of(run(*o)); });
}

// What every write command prints: the new entry and what is due next.
Result<int> print_written(const incident::Incident& record, const Workspace& workspace, const Common& common,
                          std::string_view verb);
// Runs one append and prints the result. `time_option`: the option that gave
// the moment the entry claims (named when an exercise refuses it).
Result<int> append_and_print(const Common& common, const std::string& id_text, const store::NextEntry& next,
                             std::string_view verb, const std::optional<store::Blob>& blob = std::nullopt,
                             std::string_view time_option = "--time");

// The subcommands of `vigil incident`, registered in this order.
void add_incident_open_command(CLI::App& group, int& exit_code);     // open
void add_incident_list_commands(CLI::App& group, int& exit_code);    // list, show, performance
void add_incident_record_commands(CLI::App& group, int& exit_code);  // assess, decide, evidence add, submit, ...
void add_incident_report_commands(CLI::App& group, int& exit_code);  // report, export
void add_audit_commands(CLI::App& app, int& exit_code);              // audit verify, audit events

}  // namespace vigil::cli
