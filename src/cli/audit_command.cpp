// `vigil audit verify` (every hash chain of the workspace, or an exported
// incident offline) and `vigil audit events` (the record trail).
#include <filesystem>
#include <memory>

#include <date/tz.h>
#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/exercise_live.h"
#include "cli/incident_command.h"
#include "cli/output.h"
#include "core/json_input.h"
#include "core/text.h"
#include "incident/export.h"
#include "store/audit.h"
#include "store/compliance_store.h"
#include "store/exercise_store.h"
#include "store/supplier_store.h"

namespace vigil::cli {
namespace {

namespace inc = vigil::incident;
using nlohmann::json;

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

Result<int> run_verify(const VerifyOptions& o) {
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
      print(json{{"intact", true},
                 {"incident", check->incident_id},
                 {"entries", check->entries},
                 {"chain_head", check->head_hash}}
                .dump(2) +
            "\n");
    } else {
      print(fmt::format("Export intact: {} with {} entries, chain head {}\n", check->incident_id, check->entries,
                        check->head_hash));
    }
    return 0;
  }
  auto workspace = TRY(cli::open_workspace_all(WorkspaceChoice{o.common.db, o.common.org}));
  if (o.common.verbose) std::fprintf(stderr, "vigil: %s\n", terminal_text(describe(workspace)).c_str());
  auto compliance = TRY(store::open_compliance(workspace.location));
  auto suppliers = TRY(store::open_suppliers(workspace.location));
  auto exercise_logs = TRY(store::open_exercises(workspace.location));
  struct Checked {
    std::string org;
    store::AuditReport incidents;
    store::RecordsReport records;
    store::ExerciseAuditReport exercises;
  };
  std::vector<Checked> checked;
  for (const auto& org : workspace.organisations) {
    auto incidents = TRY(store::verify_workspace(*workspace.store, org));
    auto records = TRY(store::verify_records(*compliance, org, suppliers.get()));
    auto exercises = TRY(store::verify_exercises(*exercise_logs, org));
    checked.push_back({org, std::move(incidents), std::move(records), std::move(exercises)});
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
    json out{{"workspace", workspace.location},
             {"intact", intact},
             {"incidents", total.incidents},
             {"entries", total.entries},
             {"evidence_files", total.evidence_files}};
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
        findings.push_back({{"organisation", c.org},
                            {"exercise", f.exercise_id},
                            {"seq", f.seq ? json(f.seq) : json(nullptr)},
                            {"reason", f.reason}});
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
                        counted(a.incidents, "incident"), counted(a.entries, "entry", "entries"),
                        counted(a.evidence_files, "evidence file"), counted(r.entries, "entry", "entries"),
                        counted(r.documents, "document"), counted(r.approvals, "approval"),
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
Result<int> run_events(const EventsOptions& o) {
  auto workspace = TRY(open_workspace(o.common));
  auto compliance = TRY(store::open_compliance(workspace.location));
  store::TrailQuery query;
  if (!o.subject.empty()) query.subject = o.subject;
  query.after = o.after;
  if (o.limit > 0) query.limit = o.limit;
  auto entries = TRY((compliance)->trail(workspace.org, query));
  if (o.common.format == Format::Json) {
    json out = json::array();
    for (const auto& e : entries) out.push_back(store::to_json(e));
    json wrapped{{"events", out}};
    name_workspace(wrapped, workspace);
    print(wrapped.dump(2) + "\n");
    return 0;
  }
  Table table{{"seq", "at (UTC)", "actor", "kind", "subject", "new value"}, {}};
  for (const auto& e : entries) {
    table.rows.push_back({std::to_string(e.seq), format_utc(e.at), e.actor, e.kind, e.subject,
                          e.new_value ? excerpt(*e.new_value, 60) : "-"});
  }
  if (o.common.format == Format::Text && table.rows.empty()) {
    print(fmt::format("No record trail entries in {}.\n", terminal_text(workspace.org)));
    return 0;
  }
  print(render(table, o.common.format));
  return 0;
}

}  // namespace

void add_audit_commands(CLI::App& app, int& exit_code) {
  auto* audit = app.add_subcommand("audit", "Check the tamper-evident trail");
  audit->require_subcommand(1);
  {
    auto o = std::make_shared<VerifyOptions>();
    auto* c = audit->add_subcommand("verify", "Walk every hash chain and name the first entry that does not match");
    c->add_option("--export", o->export_file, "Verify an exported incident file offline instead of the workspace");
    add_common(*c, o->common);
    c->callback([o, &exit_code] { exit_code = exit_code_of(run_verify(*o)); });
  }
  {
    auto o = std::make_shared<EventsOptions>();
    auto* c = audit->add_subcommand(
        "events", "The record trail: every write to documents, content, approvals and stored gap assessments");
    c->add_option("--subject", o->subject, "Only one subject: document:<name>, approval:N, assessment:N");
    c->add_option("--after", o->after, "Only entries after this seq")->check(CLI::NonNegativeNumber);
    c->add_option("--limit", o->limit, "At most this many entries")->check(CLI::PositiveNumber);
    add_common(*c, o->common);
    c->callback([o, &exit_code] { exit_code = exit_code_of(run_events(*o)); });
  }
}

}  // namespace vigil::cli
