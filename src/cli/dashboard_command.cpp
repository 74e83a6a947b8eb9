// `vigil dashboard`: the organisation at a glance, as GET .../dashboard
// answers it (application/dashboard.h computes both): incidents with what is
// due and overdue, the gap score and its trend, the documents register and
// approvals, exercises and the report latencies. Read-only: it never creates
// a workspace. --format json prints the API's JSON.
#include <algorithm>
#include <memory>

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "application/dashboard.h"
#include "assess/score.h"
#include "cli/commands.h"
#include "cli/incident_command.h"
#include "cli/output.h"
#include "cli/workspace.h"
#include "store/compliance_store.h"
#include "store/exercise_store.h"

namespace vigil::cli {
namespace {

using nlohmann::json;

struct DashboardOptions {
  Common common;
};

std::string text_of(const json& value) {
  if (value.is_null()) return "-";
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

// 80.6 -> "80.6 %" (the API's scores are tenths as decimals).
std::string percent(const json& score) {
  return score.is_number() ? assess::format_tenths(static_cast<int>(score.get<double>() * 10.0 + 0.5)) + " %" : "-";
}

// A latency in seconds as "9 h 0 min" or, from a day on, "20 d 0 h".
std::string latency(const json& seconds) {
  if (!seconds.is_number_integer()) return "-";
  const std::int64_t s = seconds.get<std::int64_t>();
  if (s >= 86400) return fmt::format("{} d {} h", s / 86400, s % 86400 / 3600);
  return fmt::format("{} h {} min", s / 3600, s % 3600 / 60);
}

// The Significant column, as `incident list` words it: "yes", "no",
// "undetermined" or "not assessed", and "(override)" when a judgement went
// against the rules.
std::string significance_text(const json& row) {
  const json& s = row["significant"];
  std::string out = s.is_boolean() ? (s.get<bool>() ? "yes" : "no") : s.is_string() ? text_of(s) : "not assessed";
  if (row.value("override", false)) out += " (override)";
  return out;
}

// The Late column, as `incident list` words it: "notification late by 8 d 2 h
// 15 min; ..." or "-" when no submission was late.
std::string late_text(const json& row) {
  std::string out;
  for (const json& l : row["late"]) {
    out += fmt::format("{}{} late by {}", out.empty() ? "" : "; ", text_of(l["report"]), text_of(l["late_by"]));
  }
  return out.empty() ? "-" : out;
}

std::string incidents_text(const json& body, Instant now) {
  std::string out =
      fmt::format("Incidents: {} open, {} active, {} overdue report{}, {} with significance undetermined\n",
                  body["open_incidents"].get<std::int64_t>(), body["active_incidents"].get<std::int64_t>(),
                  body["overdue_reports"].get<std::int64_t>(), body["overdue_reports"] == 1 ? "" : "s",
                  body["significance_undetermined"].get<std::int64_t>());
  const json& rows = body["incidents"];
  if (rows.empty()) return out + "No open incidents.\n";
  Table table{{"ID", "Title", "Status", "Significant", "Next report", "Due (UTC)", "Time left", "Late"}, {}};
  for (const json& row : rows) {
    std::string next = "-";
    if (row["next_report"].is_string()) {
      next = report_label(row["next_report"].get<std::string>());
      if (row["next_owed"] != "due") {  // "due_if_significant" -> "due if significant"
        std::string owed = text_of(row["next_owed"]);
        std::replace(owed.begin(), owed.end(), '_', ' ');
        next += " (" + owed + ")";
      }
    }
    std::string left = "-";
    if (row["next_due"].is_string()) {
      if (auto due = parse_rfc3339(row["next_due"].get<std::string>(), "next_due")) left = countdown(*due, now);
    }
    table.rows.push_back({text_of(row["id"]), text_of(row["title"]), text_of(row["status"]), significance_text(row),
                          next, text_of(row["next_due"]), left, late_text(row)});
  }
  return out + render_text(table);
}

std::string compliance_text(const json& c) {
  if (c.is_null()) return "Compliance: the records cannot be read.\n";
  std::string out = "Compliance:\n";
  const json& latest = c["latest_gap_assessment"];
  if (latest.is_null()) {
    out += "  No gap assessment recorded ('vigil gap --record').\n";
  } else {
    out += fmt::format("  Latest gap assessment: {} as of {}, readiness {} (risk management {}, reporting {})\n",
                       latest["id"].get<std::int64_t>(), text_of(latest["as_of"]), percent(latest["score"]["overall"]),
                       percent(latest["score"]["risk_management"]), percent(latest["score"]["reporting"]));
    std::string trend;
    for (const json& point : c["score_trend"]) {
      trend +=
          fmt::format("{}{} ({})", trend.empty() ? "" : " -> ", percent(point["overall"]), text_of(point["as_of"]));
    }
    out += fmt::format("  Score trend ({} of {} assessments): {}\n", c["score_trend"].size(),
                       c["gap_assessments"].get<std::int64_t>(), trend);
  }
  const json& d = c["documents"];
  out += fmt::format("  Documents register: {} approved, {} draft, {} missing; {} management approvals (Art. 20(1))\n",
                     d["approved"].get<std::int64_t>(), d["draft"].get<std::int64_t>(),
                     d["missing"].get<std::int64_t>(), c["approvals"].get<std::int64_t>());
  return out;
}

std::string exercises_text(const json& x) {
  if (x.is_null()) return "";
  std::string out = fmt::format("Exercises: {} ended, {} under way\n", x["ended"].get<std::int64_t>(),
                                x["under_way"].get<std::int64_t>());
  if (!x["requirements"].empty()) {
    Table table{{"Requirement", "Latest exercise", "Ended", "Rating", "Testing due", "Overdue"}, {}};
    for (const json& r : x["requirements"]) {
      const json& latest = r["latest"];
      table.rows.push_back({text_of(r["requirement"]), latest.is_null() ? "-" : text_of(latest["source"]),
                            latest.is_null() ? "-" : text_of(latest["ended"]),
                            latest.is_null() ? "-" : text_of(latest["rating"]), text_of(r["testing_due"]),
                            r["testing_overdue"].get<bool>() ? "OVERDUE" : "no"});
    }
    out += render_text(table);
  }
  for (const json& live : x["live"]) {
    out += fmt::format("  under way: {} {}\n", text_of(live.value("id", json(nullptr))),
                       text_of(live.value("title", json(nullptr))));
  }
  const json& trend = x["performance_trend"];
  if (!trend.empty()) {
    out += fmt::format("Report latency from awareness, the last {} incident{}:\n", trend.size(),
                       trend.size() == 1 ? "" : "s");
    Table table{{"Incident", "Awareness (UTC)", "Early warning", "Notification", "Final report"}, {}};
    for (const json& p : trend) {
      table.rows.push_back({text_of(p["incident"]), text_of(p["awareness"]), latency(p["awareness_to_early_warning_s"]),
                            latency(p["awareness_to_notification_s"]), latency(p["awareness_to_final_report_s"])});
    }
    out += render_text(table);
  }
  return out;
}

Result<int> run_dashboard(const DashboardOptions& o) {
  if (o.common.format != Format::Text && o.common.format != Format::Json) {
    return invalid("--format", "vigil dashboard writes text or json");
  }
  const Instant wall = TRY(now());
  Workspace workspace = TRY(open_workspace(o.common, WorkspaceAccess::MustExist));
  auto compliance = TRY(store::open_compliance(workspace.location));
  auto exercises = TRY(store::open_exercises(workspace.location));
  const application::DashboardStores stores{*workspace.store, compliance.get(), exercises.get()};
  const json body = TRY(application::dashboard(stores, workspace.org, wall));
  if (o.common.format == Format::Json) {
    print(body.dump(2) + "\n");
    return 0;
  }
  std::string out =
      fmt::format("Dashboard of {} ({}), as of {}\n\n", workspace.org, workspace.org_name, text_of(body["as_of"]));
  out += incidents_text(body, wall);
  if (body["next_due"].is_string()) out += fmt::format("Next report due: {}\n", text_of(body["next_due"]));
  out += "\n" + compliance_text(body["compliance"]);
  if (std::string x = exercises_text(body["exercises"]); !x.empty()) out += "\n" + x;
  print(out);
  return 0;
}

}  // namespace

void add_dashboard_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<DashboardOptions>();
  auto* c = app.add_subcommand(
      "dashboard",
      "The organisation at a glance: incidents with what is due and overdue, gap score and trend, documents "
      "register and approvals, exercises (as the API's dashboard)");
  add_workspace_options(*c, o->common.db, o->common.org);
  add_verbose_option(*c, o->common.verbose);
  add_format_option(*c, o->common.format);
  c->callback([o, &exit_code] { exit_code = exit_code_of(run_dashboard(*o)); });
}

}  // namespace vigil::cli
