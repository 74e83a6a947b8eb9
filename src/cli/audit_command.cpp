// `vigil audit verify` (every hash chain of the workspace, or an exported
// incident offline) and `vigil audit events` (the record trail).
#include <filesystem>
#include <memory>

#include <date/tz.h>
#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "application/verified_export.h"
#include "application/workspace_verification.h"
#include "cli/commands.h"
#include "cli/exercise_live.h"
#include "cli/incident_command.h"
#include "cli/output.h"
#include "core/json_input.h"
#include "core/text.h"
#include "incident/export.h"
#include "store/audit.h"
#include "store/chain_seals.h"
#include "store/compliance_store.h"
#include "store/exercise_store.h"
#include "store/supplier_store.h"
#include "store/workspace_trail.h"

namespace vigil::cli {
namespace {

namespace inc = vigil::incident;
using nlohmann::json;

// "1 incident", "2 incidents", "1 entry", "2 entries".
std::string counted(std::int64_t n, std::string_view one, std::string_view many = {}) {
  if (n == 1) return fmt::format("1 {}", one);
  return many.empty() ? fmt::format("{} {}s", n, one) : fmt::format("{} {}", n, many);
}

struct VerifyOptions {
  Common common;
  std::string export_file;
  std::string public_key;         // --public-key / VIGIL_SEAL_PUBLIC_KEY (hex)
  std::vector<std::string> orgs;  // --org, repeatable (a,b or --org a --org b); empty: every organisation
};

// The public key seals are checked against: --public-key, else the one of
// the seal key file (--seal-key), else none.
Result<std::optional<store::PublicKey>> verifying_key(const VerifyOptions& o) {
  if (!o.public_key.empty())
    return std::optional<store::PublicKey>(TRY(store::PublicKey::parse(o.public_key, "--public-key")));
  if (!o.common.seal_key.empty())
    return std::optional<store::PublicKey>(TRY(store::Sealer::load(o.common.seal_key))->public_key());
  return std::optional<store::PublicKey>();
}

// Exit codes: 0 intact, 1 tampered, 2 not a Vigil export or unreadable.
Result<int> run_verify_export(const VerifyOptions& o) {
  auto answer = [&](const Error& error, bool is_tampered) {
    if (o.common.format == Format::Json) {
      std::string finding = describe(error);
      while (!finding.empty() && finding.back() == '\n') finding.pop_back();
      print(json{{"intact", false}, {"tampered", is_tampered}, {"finding", finding}}.dump(2) + "\n");
    }
    report_error(error);
    return is_tampered ? 1 : 2;
  };
  auto key = verifying_key(o);
  if (!key) return answer(key.error(), false);
  auto text = read_file(o.export_file);
  if (!text) return answer(text.error(), false);
  auto value = parse_json(*text, o.export_file);
  if (!value) return answer(value.error(), false);
  auto check = application::verify_export(*value, o.export_file, *key ? &**key : nullptr);
  if (!check) return answer(check.error(), check.error().code == ErrorCode::Conflict);
  using SealState = application::ExportVerification::Seal;
  const char* seal = check->seal == SealState::Valid        ? "valid"
                     : check->seal == SealState::NotChecked ? "not checked (no public key given)"
                                                            : "not sealed (not checked against a seal)";
  if (o.common.format == Format::Json) {
    print(json{{"intact", true},
               {"incident", check->check.incident_id},
               {"entries", check->check.entries},
               {"chain_head", check->check.head_hash},
               {"seal", seal},
               {"seal_key_id", check->key_id.empty() ? json(nullptr) : json(check->key_id)}}
              .dump(2) +
          "\n");
  } else {
    print(fmt::format("Export intact: {} with {} entries, chain head {}; seal: {}{}\n", check->check.incident_id,
                      check->check.entries, check->check.head_hash, seal,
                      check->key_id.empty() ? "" : fmt::format(" (key {})", check->key_id)));
  }
  return 0;
}

Result<int> run_verify(const VerifyOptions& o) {
  if (!o.export_file.empty()) return run_verify_export(o);
  const auto key = TRY(verifying_key(o));
  auto workspace = TRY(cli::open_workspace_all(o.common.db, o.orgs));
  if (o.common.verbose) {
    std::fprintf(stderr, "vigil: workspace %s, %s %s\n", terminal_text(workspace.location).c_str(),
                 workspace.organisations.size() == 1 ? "organisation" : "organisations",
                 terminal_text(joined(workspace.organisations, ", ")).c_str());
  }
  auto compliance = TRY(store::open_compliance(workspace.location));
  auto suppliers = TRY(store::open_suppliers(workspace.location));
  auto exercise_logs = TRY(store::open_exercises(workspace.location));
  auto seals = TRY(store::open_seals(workspace.location));
  auto accounts = TRY(store::open_accounts(workspace.location));
  const application::VerifiedStores stores{*workspace.store,    *compliance, suppliers.get(),
                                           exercise_logs.get(), seals.get(), accounts.get()};
  // The workspace's chain of organisations: every organisation there is,
  // and every one there was (an organisation deleted with all its rows).
  const store::WorkspaceTrailVerification organisations_chain = TRY(store::verify_workspace_trail(workspace.location));
  std::vector<application::OrganisationVerification> checked;
  for (const auto& org : workspace.organisations) {
    checked.push_back(TRY(application::verify_organisation(stores, org, key ? &*key : nullptr)));
  }
  bool intact = organisations_chain.intact();
  store::IncidentTrailVerification total;
  for (const auto& c : checked) {
    intact = intact && c.intact();
    total.incidents += c.incidents.incidents;
    total.entries += c.incidents.entries;
    total.evidence_files += c.incidents.evidence_files;
  }
  // Where a public key to check the seals with comes from, when none was given.
  const std::string_view key_sources = key ? "" : "--public-key, VIGIL_SEAL_PUBLIC_KEY or the seal key";
  const std::string skipped = application::not_checked(checked, key_sources);
  if (o.common.format == Format::Json) {
    json out{{"workspace", workspace.location},        {"intact", intact},
             {"incidents", total.incidents},           {"entries", total.entries},
             {"evidence_files", total.evidence_files}, {"seal_key_id", key ? json(key->id()) : json(nullptr)}};
    json findings = json::array(), organisations = json::array();
    for (const auto& f : organisations_chain.findings) {
      findings.push_back({{"organisation", f.org.empty() ? json(nullptr) : json(f.org)},
                          {"workspace_chain", true},
                          {"seq", f.seq ? json(f.seq) : json(nullptr)},
                          {"reason", f.reason}});
    }
    for (const auto& c : checked) {
      json each = application::to_json(c, key_sources);
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
      each.erase("not_checked");
      organisations.push_back(std::move(each));
    }
    out["workspace_chain"] = store::to_json(organisations_chain);
    out["findings"] = std::move(findings);
    out["organisations"] = std::move(organisations);
    out["not_checked"] = skipped;
    print(out.dump(2) + "\n");
  } else if (o.common.format == Format::Csv || o.common.format == Format::Markdown) {
    Table table{{"organisation", "incident", "entry", "finding"}, {}};
    for (const auto& f : organisations_chain.findings) {
      table.rows.push_back({f.org, "", f.seq ? std::to_string(f.seq) : "", f.reason});
    }
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
    for (const auto& f : organisations_chain.findings) {
      std::string where = f.org.empty() ? "workspace" : "workspace, organisation " + f.org;
      if (f.seq) where += fmt::format(", entry {}", f.seq);
      print(fmt::format("{} {}: {}\n", colour("TAMPERED", "1;31"), terminal_text(where), terminal_text(f.reason)));
    }
    print(terminal_text(application::workspace_line(organisations_chain, checked)) + "\n");
    for (const auto& c : checked) {
      for (const auto& f : c.incidents.findings) {
        std::string where = f.incident_id.empty() ? "evidence" : f.incident_id;
        if (f.reason.starts_with("incident numbering seal")) where = "numbering";
        if (f.reason.starts_with("set of sealed chains")) where = "seals";
        if (f.reason.starts_with("workspace's chain of organisations")) where = "organisations";
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
      print(terminal_text(application::summary_line(c)) + "\n");
    }
    print(fmt::format("{}: {}, {}, {}, {} checked\n", intact ? "Trail intact" : "Trail BROKEN",
                      counted(static_cast<std::int64_t>(checked.size()), "organisation"),
                      counted(total.incidents, "incident"), counted(total.entries, "entry", "entries"),
                      counted(total.evidence_files, "evidence file")));
    print(fmt::format("Not checked: {}\n", skipped));
  }
  return intact ? 0 : 1;
}

// `vigil seal-key generate FILE`: a new Ed25519 key file (mode 0600, never
// over an existing file); `vigil seal-key show FILE`: its public key. Both
// print the public key an auditor verifies with.
Result<int> run_seal_key(const std::string& file, Format format, bool generate) {
  auto key = generate ? TRY(store::Sealer::generate(file)) : TRY(store::Sealer::load(file))->public_key();
  if (!generate) {
    if (format == Format::Json) {
      print(json{{"file", file}, {"key_id", key.id()}, {"public_key", key.hex()}}.dump(2) + "\n");
    } else {
      print(fmt::format("Key id:     {}\nPublic key: {}\n", key.id(), key.hex()));
    }
    return 0;
  }
  if (format == Format::Json) {
    print(json{{"file", file}, {"key_id", key.id()}, {"public_key", key.hex()}}.dump(2) + "\n");
  } else {
    print(
        fmt::format("Wrote a new seal key to {} (mode 0600). Keep it off the database host's backups.\n"
                    "Key id:     {}\nPublic key: {}\n"
                    "Auditors verify with: vigil audit verify --public-key {}\n",
                    file, key.id(), key.hex(), key.hex()));
  }
  return 0;
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
  if (o.common.format == Format::Csv) {
    // Whole values (a spreadsheet is where an auditor reads them), old and new; empty when there is none.
    Table table{{"seq", "at", "actor", "kind", "subject", "old_value", "new_value", "hash"}, {}};
    for (const auto& e : entries) {
      table.rows.push_back({std::to_string(e.seq), format_utc(e.at), e.actor, e.kind, e.subject,
                            e.old_value.value_or(""), e.new_value.value_or(""), e.hash});
    }
    print(render(table, o.common.format));
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
  {
    auto* keys = app.add_subcommand("seal-key", "The Ed25519 key that seals chain heads (docs/AUDIT_TRAIL.md)");
    keys->require_subcommand(1);
    for (bool generate : {true, false}) {
      auto file = std::make_shared<std::string>();
      auto format = std::make_shared<Format>(Format::Text);
      auto* c = generate
                    ? keys->add_subcommand("generate", "Write a new seal key file (mode 0600; never overwrites a file)")
                    : keys->add_subcommand("show", "The key id and public key of a seal key file (for auditors)");
      c->add_option("FILE", *file, generate ? "The key file to create" : "The key file")->required();
      add_format_option(*c, *format);
      c->callback(
          [file, format, generate, &exit_code] { exit_code = exit_code_of(run_seal_key(*file, *format, generate)); });
    }
  }
  auto* audit = app.add_subcommand("audit", "Check the tamper-evident trail");
  audit->require_subcommand(1);
  {
    auto o = std::make_shared<VerifyOptions>();
    auto* c = audit->add_subcommand("verify", "Walk every hash chain and name the first entry that does not match");
    c->add_option("--export", o->export_file, "Verify an exported incident file offline instead of the workspace");
    c->add_option("--public-key", o->public_key,
                  "Check the chain seals against this Ed25519 public key (hex, as 'vigil seal-key generate' prints "
                  "it); without it, the key of --seal-key")
        ->envname("VIGIL_SEAL_PUBLIC_KEY")
        ->option_text("HEX");
    add_common(*c, o->common);
    // --org names one organisation or more here: each is checked, and only they.
    c->remove_option(c->get_option("--org"));
    c->add_option("--org", o->orgs, "Only these organisations (repeat it, or a,b); default: every one in the workspace")
        ->envname("VIGIL_ORG")
        ->delimiter(',')
        ->option_text("ORG");
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
