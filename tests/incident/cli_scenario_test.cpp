// The incident record end to end through the `vigil` binary: one workspace,
// one command after another, each output compared with
// tests/golden/incident/<scenario>/<step>.out (VIGIL_UPDATE_GOLDEN=1 rewrites
// them; read every rewritten file). Single-command cases, bad input included,
// are ordinary golden cases in tests/golden/incident/*.cmd.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <nlohmann/json.hpp>

#include "cli_process.h"

namespace {

namespace fs = std::filesystem;
using vigil::test::slurp;

// What somebody with write access to the database file does behind Vigil's
// back: one SQL statement run on it directly, as with the sqlite3 shell.
void tamper(const fs::path& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  ASSERT_EQ(sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK) << db;
  char* message = nullptr;
  const int rc = sqlite3_exec(handle, sql.c_str(), nullptr, nullptr, &message);
  const std::string why = message ? message : "";
  sqlite3_free(message);
  const int changed = sqlite3_changes(handle);
  sqlite3_close(handle);
  ASSERT_EQ(rc, SQLITE_OK) << sql << ": " << why;
  ASSERT_GT(changed, 0) << "no row matched: " << sql;
}

struct Step {
  std::string name;
  std::string now;
  std::vector<std::string> args;
};

// Where a scenario's expected outputs live, under tests/golden/incident/.
std::string scenario_dir = "scenario";

class IncidentScenario : public testing::Test {
 protected:
  // Runs one step and compares its output (stdout, exit code, stderr).
  void run(const Step& step) {
    // USER: account changes from the command line are recorded as "<login> (command line)".
    const std::string actual = vigil::test::run_vigil(tmp_.path(), {"USER=golden", "VIGIL_NOW=" + step.now}, step.args);
    vigil::test::expect_golden(
        fs::path(VIGIL_SOURCE_DIR) / "tests/golden/incident" / scenario_dir / (step.name + ".out"), actual,
        "step " + step.name);
  }

  vigil::test::ScratchDir tmp_{"vigil-incident-scenario"};
};

TEST_F(IncidentScenario, RansomwareAtACloudProvider) {
  scenario_dir = "scenario";
  const std::string t0 = "2025-03-30T12:00:00Z";
  const std::string cloud = "digital_infrastructure.cloud_computing_service_provider";
  const std::vector<Step> steps{
      {"01_open",
       t0,
       {"incident", "open", "--title", "Ransomware on file server", "--awareness", "2025-03-30T09:15:00+02:00",
        "--timezone", "Europe/Berlin", "--entity-type", cloud, "--by", "alice"}},
      {"02_open_second_json",
       t0,
       {"incident", "open", "--title", "Phishing wave", "--awareness", "2025-03-29T08:00:00Z", "--timezone",
        "Europe/Paris", "--entity-type", cloud, "--by", "alice", "--format", "json"}},
      {"03_list", t0, {"incident", "list"}},
      {"04a_assess_unknown_field",
       t0,
       {"incident", "assess", "INC-1", "--input", "tests/golden/incident/data/impact_unknown_field.json", "--by",
        "bob"}},
      {"04_assess",
       t0,
       {"incident", "assess", "INC-1", "--input", "tests/golden/incident/data/impact.json", "--by", "bob", "--note",
        "45 min complete outage"}},
      {"05_decide",
       "2025-03-30T12:10:00Z",
       {"incident", "decide", "INC-1", "--decision", "Isolate the file server", "--rationale", "Stop lateral movement",
        "--option", "keep serving and monitor", "--option", "isolate", "--known", "ransom note on share", "--unknown",
        "initial access vector", "--confidence", "medium", "--by", "carol"}},
      {"06_evidence",
       "2025-03-30T12:20:00Z",
       {"incident", "evidence", "add", "INC-1", "tests/golden/incident/data/firewall.log", "--description",
        "SMB traffic from the attacker address", "--by", "dave"}},
      {"07_submit_before_awareness",
       "2025-03-30T12:30:00Z",
       {"incident", "submit", "INC-1", "early-warning", "--to", "csirt", "--time", "2025-03-30T07:00:00Z", "--by",
        "erin"}},
      {"08_submit_early_warning",
       "2025-03-30T12:30:00Z",
       {"incident", "submit", "INC-1", "early-warning", "--to", "csirt", "--time", "2025-03-30T12:25:00Z",
        "--reference", "CSIRT-2025-117", "--by", "erin"}},
      {"09_update_facts",
       "2025-03-30T13:00:00Z",
       {"incident", "update", "INC-1", "--fact", "suspected_malicious=yes, ransomware", "--fact",
        "severity=high: file service down for 45 minutes", "--by", "erin"}},
      {"10_report_notification",
       "2025-03-30T13:00:00Z",
       {"incident", "report", "INC-1", "notification", "--format", "markdown"}},
      {"11_report_early_warning_json",
       "2025-03-30T13:00:00Z",
       {"incident", "report", "INC-1", "early-warning", "--format", "json"}},
      {"12_breach",
       "2025-03-30T14:00:00Z",
       {"incident", "breach", "INC-1", "--awareness", "2025-03-30T13:30:00Z", "--by", "dpo"}},
      {"12a_report_gdpr_breach",
       "2025-03-30T14:30:00Z",
       {"incident", "report", "INC-1", "gdpr-breach", "--format", "markdown"}},
      {"12b_report_recipients_json",
       "2025-03-30T14:30:00Z",
       {"incident", "report", "INC-1", "recipients", "--format", "json"}},
      {"13_list_overdue", "2025-04-03T12:00:00Z", {"incident", "list"}},
      {"13a_performance", "2025-04-03T12:00:00Z", {"incident", "performance", "INC-1"}},
      {"13b_performance_json", "2025-04-03T12:00:00Z", {"incident", "performance", "INC-1", "--format", "json"}},
      {"13c_performance_bad_format", "2025-04-03T12:00:00Z", {"incident", "performance", "INC-1", "--format", "csv"}},
      {"13d_performance_unknown", "2025-04-03T12:00:00Z", {"incident", "performance", "INC-99"}},
      {"14_show", "2025-04-03T12:00:00Z", {"incident", "show", "INC-1"}},
      {"15_show_json", "2025-04-03T12:00:00Z", {"incident", "show", "INC-1", "--format", "json"}},
      {"16_close_twice_first",
       "2025-04-03T12:00:00Z",
       {"incident", "close", "INC-2", "--handled", "2025-03-31T00:00:00Z", "--summary", "false alarm", "--by",
        "alice"}},
      {"17_close_again", "2025-04-03T12:00:00Z", {"incident", "close", "INC-2", "--by", "alice"}},
      {"18_list_json", "2025-04-03T12:00:00Z", {"incident", "list", "--format", "json"}},
      {"19_export", "2025-04-03T12:00:00Z", {"incident", "export", "INC-1", "--output", "{tmp}/INC-1.json"}},
      {"20_verify_export", "2025-04-03T12:00:00Z", {"audit", "verify", "--export", "{tmp}/INC-1.json"}},
      {"21_audit_verify", "2025-04-03T12:00:00Z", {"audit", "verify"}},
  };
  for (const auto& step : steps) run(step);

  // Somebody edits a decision in the database with plain SQL.
  tamper(tmp_ / "vigil.db",
         "UPDATE incident_events SET payload = replace(payload, 'Isolate the file server', "
         "'Keep serving') WHERE incident_id = 'INC-1' AND seq = 3");
  run({"22_audit_verify_tampered", "2025-04-03T12:00:00Z", {"audit", "verify"}});
  run({"23_audit_verify_tampered_json", "2025-04-03T12:00:00Z", {"audit", "verify", "--format", "json"}});
}

// Unknown is not no. An incident assessed on an entity type alone is
// undetermined and keeps its deadlines as "due if significant"; an override
// needs a rationale and shows who and why; the reports an early warning
// started stay due until withdrawn; a late notification shows how late
// everywhere; an out-of-order final report is refused, or recorded as such.
TEST_F(IncidentScenario, UnknownIsNotNo) {
  scenario_dir = "unknown_is_not_no";
  const std::string cloud = "digital_infrastructure.cloud_computing_service_provider";
  const std::string data = "tests/golden/incident/data/";
  const std::vector<Step> steps{
      {"01_open",
       "2025-03-03T10:00:00Z",
       {"incident", "open", "--title", "Storage outage", "--awareness", "2025-03-03T09:00:00Z", "--timezone",
        "Europe/Berlin", "--entity-type", cloud, "--by", "alice"}},
      {"02_assess_entity_only",
       "2025-03-03T11:00:00Z",
       {"incident", "assess", "INC-1", "--input", "tests/golden/clock/entity_only.json", "--by", "bob"}},
      {"03_list_due_if_significant", "2025-03-03T11:00:00Z", {"incident", "list"}},
      {"04_show_undetermined", "2025-03-03T11:00:00Z", {"incident", "show", "INC-1"}},
      {"05_judge_without_rationale",
       "2025-03-03T11:00:00Z",
       {"incident", "assess", "INC-1", "--input", "tests/golden/clock/entity_only.json", "--judgement",
        "not-significant", "--by", "bob"}},
      {"06_submit_early_warning",
       "2025-03-04T08:30:00Z",
       {"incident", "submit", "INC-1", "early-warning", "--to", "csirt", "--time", "2025-03-04T08:00:00Z", "--by",
        "erin"}},
      {"07_override_without_rationale",
       "2025-03-04T12:00:00Z",
       {"incident", "assess", "INC-1", "--input", data + "impact.json", "--judgement", "not-significant", "--by",
        "bob"}},
      {"08_override",
       "2025-03-04T12:00:00Z",
       {"incident", "assess", "INC-1", "--input", data + "impact.json", "--judgement", "not-significant", "--rationale",
        "The 45 minutes were our own staging tenant, no customer was affected", "--by", "bob"}},
      {"09_list_until_withdrawn", "2025-03-04T12:00:00Z", {"incident", "list"}},
      {"10_final_before_notification",
       "2025-03-04T12:00:00Z",
       {"incident", "submit", "INC-1", "final", "--to", "csirt", "--by", "erin"}},
      {"11_withdraw_notification",
       "2025-03-04T12:30:00Z",
       {"incident", "withdraw-report", "INC-1", "notification", "--reason",
        "CSIRT informed on 2025-03-04 that the incident is not significant", "--by", "bob"}},
      {"12_withdraw_again",
       "2025-03-04T12:30:00Z",
       {"incident", "withdraw-report", "INC-1", "notification", "--reason", "again", "--by", "bob"}},
      {"13_withdraw_final",
       "2025-03-04T12:31:00Z",
       {"incident", "withdraw-report", "INC-1", "final", "--reason", "CSIRT closed case CSIRT-2025-201", "--by",
        "bob"}},
      {"14_show_override_and_withdrawals", "2025-03-04T13:00:00Z", {"incident", "show", "INC-1"}},
      {"15_open_second",
       "2025-03-05T10:00:00Z",
       {"incident", "open", "--title", "Ransomware", "--awareness", "2025-03-05T09:00:00Z", "--timezone",
        "Europe/Berlin", "--entity-type", cloud, "--by", "alice"}},
      {"16_assess_significant",
       "2025-03-05T11:00:00Z",
       {"incident", "assess", "INC-2", "--input", data + "impact.json", "--by", "bob"}},
      {"17_withdraw_when_significant",
       "2025-03-05T11:00:00Z",
       {"incident", "withdraw-report", "INC-2", "notification", "--reason", "no", "--by", "bob"}},
      {"18_final_out_of_order",
       "2025-03-06T09:00:00Z",
       {"incident", "submit", "INC-2", "final", "--to", "competent_authority", "--time", "2025-03-06T08:00:00Z",
        "--out-of-order", "--by", "erin"}},
      {"19_notification_late",
       "2025-03-16T11:20:00Z",
       {"incident", "submit", "INC-2", "notification", "--to", "csirt", "--time", "2025-03-16T11:15:00Z", "--by",
        "erin"}},
      {"19a_performance_late", "2025-03-16T11:20:00Z", {"incident", "performance", "INC-2", "--format", "json"}},
      {"20_submit_in_the_future",
       "2025-03-16T11:20:00Z",
       {"incident", "submit", "INC-2", "intermediate", "--to", "csirt", "--time", "2025-03-16T11:20:01Z",
        "--out-of-order", "--by", "erin"}},
      {"21_list_late", "2025-03-16T12:00:00Z", {"incident", "list", "--all"}},
      {"22_list_late_json", "2025-03-16T12:00:00Z", {"incident", "list", "--all", "--format", "json"}},
      {"23_show_late", "2025-03-16T12:00:00Z", {"incident", "show", "INC-2"}},
      {"24_show_late_json", "2025-03-16T12:00:00Z", {"incident", "show", "INC-2", "--format", "json"}},
      {"24a_show_late_csv", "2025-03-16T12:00:00Z", {"incident", "show", "INC-2", "--format", "csv"}},
      {"25_report_final", "2025-03-16T12:00:00Z", {"incident", "report", "INC-2", "final", "--format", "markdown"}},
      {"26_export", "2025-03-16T12:00:00Z", {"incident", "export", "INC-2", "--output", "{tmp}/INC-2.json"}},
      {"27_verify_export", "2025-03-16T12:00:00Z", {"audit", "verify", "--export", "{tmp}/INC-2.json"}},
      {"28_audit_verify", "2025-03-16T12:00:00Z", {"audit", "verify"}},
  };
  for (const auto& step : steps) run(step);
}

// Which workspace and organisation a command works on (cli/workspace.h): a
// read-only command never creates a workspace, several organisations need
// --org, audit verify walks every organisation, and an export's verdict has
// its own exit code (0 intact, 1 tampered, 2 not an export).
TEST_F(IncidentScenario, OrganisationsAndWorkspaces) {
  scenario_dir = "organisations";
  const std::string t0 = "2025-05-05T12:00:00Z";
  const std::string cloud = "digital_infrastructure.cloud_computing_service_provider";
  const std::vector<Step> open_acme{
      {"01_list_without_workspace", t0, {"incident", "list"}},
      {"02_verify_without_workspace", t0, {"audit", "verify"}},
      {"03_show_without_workspace", t0, {"incident", "show", "INC-1"}},
      {"04_open_creates_it",
       t0,
       {"incident", "open", "--title", "Storage outage", "--awareness", "2025-05-05T08:00:00Z", "--timezone",
        "Europe/Berlin", "--entity-type", cloud, "--by", "alice", "--verbose"}},
      {"05_org_add", t0, {"org", "add", "acme", "--name", "Acme Cloud GmbH"}},
      {"06_list_needs_org", t0, {"incident", "list"}},
      {"07_list_unknown_org", t0, {"incident", "list", "--org", "acne"}},
      {"08_open_in_acme_json",
       t0,
       {"incident", "open", "--org", "acme", "--title", "Credential stuffing", "--awareness", "2025-05-05T09:30:00Z",
        "--timezone", "Europe/Berlin", "--entity-type", cloud, "--by", "bob", "--format", "json"}},
      {"09_list_acme", t0, {"incident", "list", "--org", "acme"}},
      {"10_list_default", t0, {"incident", "list", "--org", "default"}},
      {"11_audit_verify_all", t0, {"audit", "verify"}},
      {"12_audit_verify_all_json", t0, {"audit", "verify", "--format", "json"}},
      {"13_audit_verify_one_verbose", t0, {"audit", "verify", "--org", "acme", "--verbose"}},
      {"14_export_acme", t0, {"incident", "export", "INC-1", "--org", "acme", "--output", "{tmp}/acme-INC-1.json"}},
      {"15_verify_export", t0, {"audit", "verify", "--export", "{tmp}/acme-INC-1.json"}},
      {"16_verify_not_an_export", t0, {"audit", "verify", "--export", "tests/golden/incident/data/impact.json"}},
      {"17_verify_missing_export", t0, {"audit", "verify", "--export", "{tmp}/none.json"}},
      {"17a_audit_events_empty", t0, {"audit", "events", "--org", "acme"}},
      {"17b_audit_events_json", t0, {"audit", "events", "--org", "acme", "--format", "json"}},
      // Account lifecycle from the command line, each change on acme's record trail.
      {"17c_user_add",
       t0,
       {"user", "add", "ana", "--org", "acme", "--role", "admin", "--password-file",
        "tests/golden/incident/data/password.txt"}},
      {"17d_user_list", t0, {"user", "list", "--org", "acme"}},
      {"17e_user_disable", t0, {"user", "disable", "ana"}},
      {"17f_user_disable_again", t0, {"user", "disable", "ana"}},
      {"17g_user_enable", t0, {"user", "enable", "ana"}},
      {"17h_user_revoke", t0, {"user", "revoke", "ana", "--org", "acme"}},
      {"17i_user_list_json", t0, {"user", "list", "--org", "acme", "--format", "json"}},
      {"17j_token_list", t0, {"token", "list", "--user", "ana"}},
      {"17k_token_list_needs_one", t0, {"token", "list"}},
      {"17l_token_revoke_unknown", t0, {"token", "revoke", "42"}},
      {"17m_audit_events_accounts", t0, {"audit", "events", "--org", "acme"}},
  };
  for (const auto& step : open_acme) run(step);
  // Somebody gives ana back a role, as admin, with plain SQL: the account
  // tables are checked against their trail entries.
  tamper(tmp_ / "vigil.db",
         "INSERT INTO memberships (user_id, org_id, role) SELECT user_id, 'acme', 'admin' FROM users WHERE username = "
         "'ana';");
  run({"17n_audit_verify_role_added", t0, {"audit", "verify", "--org", "acme"}});
  tamper(tmp_ / "vigil.db", "DELETE FROM memberships WHERE org_id = 'acme';");
  // Somebody adds a key to an entry of the exported file.
  std::string text = slurp(tmp_ / "acme-INC-1.json");
  auto at = text.find("\"kind\": \"opened\"");
  ASSERT_NE(at, std::string::npos);
  text.insert(at, "\"extra\": \"added later\",\n      ");
  std::ofstream(tmp_ / "acme-INC-1.json", std::ios::binary) << text;
  run({"18_verify_export_with_extra_key", t0, {"audit", "verify", "--export", "{tmp}/acme-INC-1.json"}});
  run({"19_verify_export_with_extra_key_json",
       t0,
       {"audit", "verify", "--export", "{tmp}/acme-INC-1.json", "--format", "json"}});
  // Somebody moves the default organisation's incident into acme's log.
  tamper(tmp_ / "vigil.db",
         "UPDATE incident_events SET org_id = 'acme', incident_id = 'INC-2' WHERE org_id = 'default';");
  run({"20_audit_verify_moved", t0, {"audit", "verify"}});
}

// Issue 11 C.8: what the account trail says must still hold. A revoked
// token given back with plain SQL (also after its user's role ended) and a
// disabled user enabled again with plain SQL are TAMPERED, each named.
TEST_F(IncidentScenario, AccountsRestoredWithPlainSqlAreCaught) {
  scenario_dir = "accounts_restored";
  const std::string t0 = "2025-05-05T12:00:00Z";
  const std::string password = "tests/golden/incident/data/password.txt";
  const std::vector<Step> setup{
      {"01_org_add", t0, {"org", "add", "acme", "--name", "Acme Cloud GmbH"}},
      {"02_user_add_ana", t0, {"user", "add", "ana", "--org", "acme", "--role", "admin", "--password-file", password}},
      {"03_user_add_ben",
       t0,
       {"user", "add", "ben", "--org", "acme", "--role", "auditor", "--password-file", password}},
      {"04_user_add_cy",
       t0,
       {"user", "add", "cy", "--org", "acme", "--role", "responder", "--password-file", password}},
  };
  for (const auto& step : setup) run(step);
  // The secrets are random: created outside the goldens.
  for (const std::string user : {"ana", "cy"}) {
    const std::string made = vigil::test::run_vigil(tmp_.path(), {"USER=golden", "VIGIL_NOW=" + t0},
                                                    {"token", "create", "--user", user, "--name", user + "-ci"});
    ASSERT_EQ(made.find("[exit "), std::string::npos) << made;
  }
  const std::vector<Step> changes{
      {"05_token_revoke_ana", t0, {"token", "revoke", "1"}},
      {"06_token_revoke_cy", t0, {"token", "revoke", "2"}},
      {"07_user_revoke_cy", t0, {"user", "revoke", "cy", "--org", "acme"}},
      {"08_user_disable_ben", t0, {"user", "disable", "ben"}},
      {"09_audit_verify_intact", t0, {"audit", "verify", "--org", "acme"}},
  };
  for (const auto& step : changes) run(step);
  tamper(tmp_ / "vigil.db", "UPDATE api_tokens SET revoked_at = NULL WHERE name = 'ana-ci';");
  run({"10_audit_verify_token_unrevoked", t0, {"audit", "verify", "--org", "acme"}});
  tamper(tmp_ / "vigil.db", "UPDATE api_tokens SET revoked_at = NULL WHERE name = 'cy-ci';");
  run({"11_audit_verify_token_restored_after_role_ended", t0, {"audit", "verify", "--org", "acme"}});
  tamper(tmp_ / "vigil.db", "UPDATE users SET disabled_at = NULL WHERE username = 'ben';");
  run({"12_audit_verify_user_reenabled", t0, {"audit", "verify", "--org", "acme", "--format", "json"}});
}

// Issue 11 B.5 and C.7: `org add --by` puts who added the organisation on the
// workspace's chain of organisations (and `--by` names who changes an
// account); an organisation deleted with all its rows, as the tester did with
// sqlite3, is TAMPERED and named, with or without the public key; the chain
// cut back with it as well is caught by the other organisation's copy of the
// chain's seal (whose signature only the public key checks), and that copy
// deleted too by the organisation's signed set of sealed chains.
TEST_F(IncidentScenario, OrganisationDeletedWithPlainSqlIsCaught) {
  scenario_dir = "organisation_deleted";
  const std::string t0 = "2025-06-02T12:00:00Z";
  const std::string cloud = "digital_infrastructure.cloud_computing_service_provider";
  const std::string password = "tests/golden/incident/data/password.txt";
  const fs::path key = tmp_ / "seal.key";
  fs::copy_file(fs::path(VIGIL_SOURCE_DIR) / "tests/golden/incident/data/seal.key", key);
  fs::permissions(key, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
  const std::string shown =
      vigil::test::run_vigil(tmp_.path(), {}, {"seal-key", "show", "{tmp}/seal.key", "--format", "json"});
  const auto at = shown.find("\"public_key\": \"");
  ASSERT_NE(at, std::string::npos) << shown;
  const std::string public_key = shown.substr(at + 15, 64);
  const std::vector<Step> steps{
      {"01_org_add_acme",
       t0,
       {"org", "add", "acme", "--name", "Acme Cloud GmbH", "--by", "Dana Ops", "--seal-key", "{tmp}/seal.key"}},
      {"02_org_add_beta",
       t0,
       {"org", "add", "beta", "--name", "Beta Grid AG", "--by", "Dana Ops", "--seal-key", "{tmp}/seal.key"}},
      // Checked before the workspace is opened (there is none at this path).
      {"03_user_disable_blank_by", t0, {"user", "disable", "ana", "--db", "{tmp}/missing.db", "--by", "  "}},
      {"04_org_add_without_key_refused", t0, {"org", "add", "gamma", "--by", "Dana Ops"}},
      {"05_user_add_by",
       t0,
       {"user", "add", "ana", "--org", "beta", "--role", "admin", "--password-file", password, "--by", "Dana Ops",
        "--seal-key", "{tmp}/seal.key"}},
      {"06_open_in_beta",
       t0,
       {"incident", "open", "--org", "beta", "--title", "Grid outage", "--awareness", "2025-06-02T08:00:00Z",
        "--timezone", "Europe/Berlin", "--entity-type", cloud, "--by", "alice", "--seal-key", "{tmp}/seal.key"}},
      {"07_audit_events_beta", t0, {"audit", "events", "--org", "beta"}},
      {"08_verify_intact", t0, {"audit", "verify", "--public-key", public_key}},
  };
  for (const auto& step : steps) run(step);
  // What the tester ran with sqlite3: every row of beta deleted.
  tamper(tmp_ / "vigil.db",
         "DELETE FROM incident_events WHERE org_id = 'beta'; DELETE FROM incidents WHERE org_id = 'beta'; "
         "DELETE FROM chain_seals WHERE org_id = 'beta'; DELETE FROM record_trail WHERE org_id = 'beta'; "
         "DELETE FROM memberships WHERE org_id = 'beta'; DELETE FROM organisations WHERE org_id = 'beta';");
  run({"09_verify_beta_deleted", t0, {"audit", "verify", "--public-key", public_key}});
  run({"10_verify_beta_deleted_without_key_json", t0, {"audit", "verify", "--format", "json"}});
  // Its entry on the chain deleted as well (the last one: no hashing needed).
  tamper(tmp_ / "vigil.db", "DELETE FROM workspace_trail WHERE seq = 3;");
  run({"11_verify_chain_cut_back", t0, {"audit", "verify", "--public-key", public_key}});
  // Without the key a copy that disagrees with its chain is still a finding
  // (either was changed), though its signature is not checked.
  run({"12_verify_chain_cut_back_without_key", t0, {"audit", "verify"}});
  // acme's copy deleted too: acme's signed set of sealed chains is short.
  tamper(tmp_ / "vigil.db", "DELETE FROM chain_seals WHERE org_id = 'acme' AND chain_kind = 'organisations';");
  run({"13_verify_seal_copy_deleted", t0, {"audit", "verify", "--public-key", public_key}});
}

// A live exercise on the simulated clock (docs/EXERCISES.md, "Live
// exercises"): 60x real time, so one wall second is one exercise minute. The
// exercise's incident runs on the exercise clock, is marked EXERCISE in every
// output and never appears in the real listing.
TEST_F(IncidentScenario, LiveExerciseOnTheSimulatedClock) {
  scenario_dir = "exercise_live";
  const std::string cloud = "digital_infrastructure.cloud_computing_service_provider";
  const std::vector<Step> steps{
      {"01_real_incident",
       "2030-01-01T08:00:00Z",
       {"incident", "open", "--title", "A real outage", "--awareness", "2030-01-01T07:00:00Z", "--timezone",
        "Europe/Berlin", "--entity-type", cloud, "--by", "alice"}},
      {"02_start",
       "2030-01-01T09:00:00Z",
       {"exercise", "start", "ransomware-cloud", "--speed", "60", "--player", "ana=it", "--player", "bo=legal",
        "--player", "cy=management", "--by", "fac"}},
      {"02a_start_bad_speed",
       "2030-01-01T09:00:00Z",
       {"exercise", "start", "ransomware-cloud", "--speed", "0", "--by", "fac"}},
      {"02b_start_bad_player",
       "2030-01-01T09:00:00Z",
       {"exercise", "start", "ransomware-cloud", "--player", "ana=hacker", "--by", "fac"}},
      {"02c_start_unknown_scenario", "2030-01-01T09:00:00Z", {"exercise", "start", "ransomware", "--by", "fac"}},
      {"02d_start_without_by", "2030-01-01T09:00:00Z", {"exercise", "start", "ransomware-cloud"}},
      {"03_status_json", "2030-01-01T09:00:30Z", {"exercise", "status", "EX-1", "--format", "json"}},
      {"04_feed_it", "2030-01-01T09:00:30Z", {"exercise", "feed", "EX-1", "--as", "it"}},
      {"04a_feed_bad_role", "2030-01-01T09:00:30Z", {"exercise", "feed", "EX-1", "--as", "hacker"}},
      {"05_jump_to_next_inject", "2030-01-01T09:00:40Z", {"exercise", "jump", "EX-1", "--by", "fac"}},
      {"05a_jump_backwards", "2030-01-01T09:00:40Z", {"exercise", "jump", "EX-1", "--to", "PT10M", "--by", "fac"}},
      // Opening the exercise's incident is the API's application service; its errors name the options.
      {"05b_open_bad_awareness",
       "2030-01-01T09:00:45Z",
       {"incident", "open", "--exercise", "EX-1", "--title", "x", "--awareness", "PT50X", "--by", "ana"}},
      {"05c_open_unknown_exercise",
       "2030-01-01T09:00:45Z",
       {"incident", "open", "--exercise", "EX-9", "--title", "x", "--awareness", "PT50M", "--by", "ana"}},
      {"05d_open_bad_exercise_id",
       "2030-01-01T09:00:45Z",
       {"incident", "open", "--exercise", "exercise-one", "--title", "x", "--awareness", "PT50M", "--by", "ana"}},
      {"05e_open_bad_timezone",
       "2030-01-01T09:00:45Z",
       {"incident", "open", "--exercise", "EX-1", "--title", "x", "--awareness", "PT50M", "--timezone", "Mars/Olympus",
        "--by", "ana"}},
      {"06_open_exercise_incident",
       "2030-01-01T09:00:45Z",
       {"incident", "open", "--exercise", "EX-1", "--title", "Ransomware on the management plane", "--awareness",
        "PT50M", "--by", "ana"}},
      {"06a_open_second_incident",
       "2030-01-01T09:00:45Z",
       {"incident", "open", "--exercise", "EX-1", "--title", "Again", "--awareness", "PT50M", "--by", "ana"}},
      {"07_real_list_excludes_it", "2030-01-01T09:00:45Z", {"incident", "list", "--format", "json"}},
      {"08_decide",
       "2030-01-01T09:01:30Z",
       {"incident",
        "decide",
        "INC-2",
        "--decision",
        "Isolate the management network",
        "--rationale",
        "Encryption is spreading",
        "--option",
        "monitor",
        "--option",
        "isolate",
        "--known",
        "two hosts encrypted",
        "--unknown",
        "access vector",
        "--confidence",
        "medium",
        "--tag",
        "containment",
        "--by",
        "cy"}},
      {"08a_decide_bad_tag",
       "2030-01-01T09:01:30Z",
       {"incident", "decide", "INC-2", "--decision", "x", "--rationale", "y", "--tag", "Not A Tag", "--by", "cy"}},
      // Only the players act, and not before the exercise began (07:00Z exercise time).
      {"08b_decide_not_a_player",
       "2030-01-01T09:01:30Z",
       {"incident", "decide", "INC-2", "--decision", "x", "--rationale", "y", "--by", "nobody"}},
      {"08c_decide_before_the_exercise",
       "2030-01-01T09:01:30Z",
       {"incident", "decide", "INC-2", "--decision", "x", "--rationale", "y", "--time", "2026-03-27T06:00:00Z", "--by",
        "cy"}},
      {"08d_involve_not_a_player",
       "2030-01-01T09:01:30Z",
       {"exercise", "involve", "EX-1", "--role", "management", "--by", "nobody"}},
      {"09_pause", "2030-01-01T09:02:00Z", {"exercise", "pause", "EX-1", "--by", "fac"}},
      {"09a_pause_again", "2030-01-01T09:10:00Z", {"exercise", "pause", "EX-1", "--by", "fac"}},
      {"10_status_paused", "2030-01-01T09:30:00Z", {"exercise", "status", "EX-1"}},
      {"11_resume", "2030-01-01T09:30:00Z", {"exercise", "resume", "EX-1", "--by", "fac"}},
      {"12_inject",
       "2030-01-01T09:30:10Z",
       {"exercise", "inject", "EX-1", "--text", "A journalist asks whether customer data was stolen", "--to",
        "communications", "--channel", "phone", "--by", "fac"}},
      {"12a_inject_bad_role",
       "2030-01-01T09:30:10Z",
       {"exercise", "inject", "EX-1", "--text", "x", "--to", "press-office", "--by", "fac"}},
      {"13_involve", "2030-01-01T09:30:20Z", {"exercise", "involve", "EX-1", "--role", "legal", "--by", "bo"}},
      {"14_note",
       "2030-01-01T09:30:30Z",
       {"exercise", "note", "EX-1", "--text", "Isolation decided fast, options written down", "--by", "obs"}},
      {"15_rate",
       "2030-01-01T09:30:40Z",
       {"exercise", "rate", "EX-1", "--expectation", "E14", "--result", "met", "--text", "clear", "--by", "obs"}},
      {"15a_rate_unknown",
       "2030-01-01T09:30:40Z",
       {"exercise", "rate", "EX-1", "--expectation", "E41", "--result", "met", "--by", "obs"}},
      {"15b_rate_bad_result",
       "2030-01-01T09:30:40Z",
       {"exercise", "rate", "EX-1", "--expectation", "E14", "--result", "good", "--by", "obs"}},
      {"16_feed_communications_json",
       "2030-01-01T09:31:00Z",
       {"exercise", "feed", "EX-1", "--as", "communications", "--format", "json"}},
      {"17_submit_early_warning",
       "2030-01-01T09:31:00Z",
       {"incident", "submit", "INC-2", "early-warning", "--to", "csirt", "--by", "bo"}},
      {"18_show", "2030-01-01T09:31:00Z", {"incident", "show", "INC-2"}},
      {"19_report_draft",
       "2030-01-01T09:31:00Z",
       {"incident", "report", "INC-2", "notification", "--format", "markdown"}},
      {"19a_report_draft_json",
       "2030-01-01T09:31:00Z",
       {"incident", "report", "INC-2", "notification", "--format", "json"}},
      {"20_end", "2030-01-01T09:32:00Z", {"exercise", "end", "EX-1", "--by", "fac"}},
      {"20a_end_json_again", "2030-01-01T09:32:00Z", {"exercise", "end", "EX-1", "--by", "fac", "--format", "json"}},
      {"21_incident_closed_after_end",
       "2030-01-01T09:40:00Z",
       {"incident", "submit", "INC-2", "notification", "--to", "csirt", "--by", "bo"}},
      {"22_status_after_end", "2030-01-01T10:00:00Z", {"exercise", "status", "EX-1"}},
      {"23_list", "2030-01-01T10:00:00Z", {"exercise", "list"}},
      {"23a_list_json", "2030-01-01T10:00:00Z", {"exercise", "list", "--format", "json"}},
      {"24_report_json", "2030-01-01T10:00:00Z", {"exercise", "report", "EX-1", "--format", "json"}},
      {"24a_report_text", "2030-01-01T10:00:00Z", {"exercise", "report", "EX-1"}},
      {"25_real_list", "2030-01-01T10:00:00Z", {"incident", "list"}},
      {"26_audit_verify", "2030-01-01T10:00:00Z", {"audit", "verify"}},
      {"27_export", "2030-01-01T10:00:00Z", {"exercise", "export", "EX-1", "--output", "{tmp}/EX-1.json"}},
      {"28_unknown_exercise", "2030-01-01T10:00:00Z", {"exercise", "status", "EX-9"}},
      {"28a_bad_exercise_id", "2030-01-01T10:00:00Z", {"exercise", "status", "exercise-one"}},
      {"29_start_json",
       "2030-01-02T09:00:00Z",
       {"exercise", "start", "qtsp-signing-key", "--speed", "3600", "--start", "2026-10-24T22:00:00+02:00", "--by",
        "fac", "--format", "json"}},
      {"30_jump_to_json",
       "2030-01-02T09:00:01Z",
       {"exercise", "jump", "EX-2", "--to", "PT6H", "--by", "fac", "--format", "json"}},
      {"31_end_json", "2030-01-02T09:00:02Z", {"exercise", "end", "EX-2", "--by", "fac", "--format", "json"}},
      // Documented versus performed from the workspace: both ended exercises are results, as --exercises FILE.
      {"32_gap_stored_exercises",
       "2030-01-03T09:00:00Z",
       {"gap", "--soa", "examples/soa.csv", "--db", "{tmp}/vigil.db", "--as-of", "2030-01-03"}},
      {"33_gap_stored_exercises_no_workspace",
       "2030-01-03T09:00:00Z",
       {"gap", "--soa", "examples/soa.csv", "--db", "{tmp}/nothing.db", "--as-of", "2030-01-03"}},
  };
  for (const auto& step : steps) run(step);

  // Somebody rewrites the observer's note in the exercise log with plain SQL:
  // the chain no longer verifies, and the log is not exported as if intact.
  tamper(tmp_ / "vigil.db",
         "UPDATE exercise_events SET payload = replace(payload, 'Isolation decided fast', "
         "'Isolation decided slowly') WHERE exercise_id = 'EX-1' AND kind = 'note'");
  for (const Step& step : std::vector<Step>{
           {"34_audit_verify_tampered_exercise", "2030-01-03T09:00:00Z", {"audit", "verify"}},
           {"34a_audit_verify_tampered_exercise_json", "2030-01-03T09:00:00Z", {"audit", "verify", "--format", "json"}},
           {"35_export_tampered_exercise",
            "2030-01-03T09:00:00Z",
            {"exercise", "export", "EX-1", "--output", "{tmp}/EX-1-tampered.json"}},
       }) {
    run(step);
  }
}

// Sealed chain heads (docs/AUDIT_TRAIL.md): records written with a seal key,
// verified by an auditor with the public key only, an export that carries the
// seal, a write without the key refused, and the rollback that the hash
// chains alone do not catch (the last entry deleted and the head set back to
// its predecessor with plain SQL) reported as TAMPERED. The key is a fixed
// test key (tests/golden/incident/data/seal.key), so signatures are stable.
TEST_F(IncidentScenario, SealedChainHeads) {
  scenario_dir = "sealed";
  const std::string t0 = "2025-06-02T12:00:00Z";
  const std::string cloud = "digital_infrastructure.cloud_computing_service_provider";
  const fs::path key = tmp_ / "seal.key";
  fs::copy_file(fs::path(VIGIL_SOURCE_DIR) / "tests/golden/incident/data/seal.key", key);
  fs::permissions(key, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
  run({"01_key_show", t0, {"seal-key", "show", "{tmp}/seal.key"}});
  run({"02_key_never_overwritten", t0, {"seal-key", "generate", "{tmp}/seal.key"}});
  const std::string shown =
      vigil::test::run_vigil(tmp_.path(), {}, {"seal-key", "show", "{tmp}/seal.key", "--format", "json"});
  const auto at = shown.find("\"public_key\": \"");
  ASSERT_NE(at, std::string::npos) << shown;
  const std::string public_key = shown.substr(at + 15, 64);
  const std::vector<Step> steps{
      {"03_open_sealed",
       t0,
       {"incident", "open", "--title", "Storage outage", "--awareness", "2025-06-02T08:00:00Z", "--timezone",
        "Europe/Berlin", "--entity-type", cloud, "--by", "alice", "--seal-key", "{tmp}/seal.key"}},
      {"04_decide_sealed",
       t0,
       {"incident", "decide", "INC-1", "--decision", "Fail over", "--rationale", "Primary storage lost", "--by", "bob",
        "--seal-key", "{tmp}/seal.key"}},
      {"05_write_without_key_refused",
       t0,
       {"incident", "decide", "INC-1", "--decision", "Wait", "--rationale", "No key", "--by", "bob"}},
      {"06_verify_without_key", t0, {"audit", "verify"}},
      {"07_verify_with_public_key", t0, {"audit", "verify", "--public-key", public_key}},
      {"08_verify_with_key_file_json", t0, {"audit", "verify", "--seal-key", "{tmp}/seal.key", "--format", "json"}},
      {"09_export", t0, {"incident", "export", "INC-1", "--output", "{tmp}/INC-1.json"}},
      {"10_verify_export_sealed", t0, {"audit", "verify", "--export", "{tmp}/INC-1.json", "--public-key", public_key}},
      {"11_verify_export_unchecked", t0, {"audit", "verify", "--export", "{tmp}/INC-1.json"}},
      {"12_verify_bad_public_key", t0, {"audit", "verify", "--public-key", "abc"}},
  };
  for (const auto& step : steps) run(step);
  // An exported file whose seal was set back to its first entry (as if the second came later, unsealed).
  {
    auto exported = nlohmann::json::parse(slurp(tmp_ / "INC-1.json"));
    exported["seal"]["seq"] = 1;
    exported["seal"]["head"] = exported["entries"][0]["hash"];
    std::ofstream(tmp_ / "cut.json", std::ios::binary) << exported.dump(2);
    exported["seal"]["seq"] = 2;
    exported["seal"]["head"] = exported["chain_head"]["hash"];
    exported["seal"]["extra"] = true;
    std::ofstream(tmp_ / "extra.json", std::ios::binary) << exported.dump(2);
  }
  run({"13_verify_seal_behind_export",
       t0,
       {"audit", "verify", "--export", "{tmp}/cut.json", "--public-key", public_key}});
  run({"13a_verify_seal_extra_key", t0, {"audit", "verify", "--export", "{tmp}/extra.json"}});
  // Somebody with plain SQL deletes the last entry and sets the head back: no hashing needed.
  tamper(tmp_ / "vigil.db",
         "DELETE FROM incident_events WHERE incident_id = 'INC-1' AND seq = 2; "
         "UPDATE incidents SET event_count = 1, head_hash = (SELECT hash FROM incident_events WHERE incident_id = "
         "'INC-1' AND seq = 1), status = 'open' WHERE incident_id = 'INC-1';");
  run({"14_verify_rolled_back", t0, {"audit", "verify", "--public-key", public_key}});
  run({"15_verify_rolled_back_json", t0, {"audit", "verify", "--public-key", public_key, "--format", "json"}});
  // A key that did not seal these chains.
  run({"16_verify_other_key",
       t0,
       {"audit", "verify", "--public-key", "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"}});
  // The chain's seal deleted too: no longer merely "not sealed", since the
  // set of sealed chains is signed with them.
  tamper(tmp_ / "vigil.db", "DELETE FROM chain_seals WHERE chain_id = 'INC-1';");
  run({"17_verify_seal_deleted", t0, {"audit", "verify", "--public-key", public_key}});
}

// Every seal deleted with plain SQL, the newest incident deleted and its
// number handed out again: nothing disagrees any more and the guard against
// writes without the key is gone, but an auditor with the public key is told
// that the chains are not sealed (TAMPERED), and so is one given an export
// whose seal was removed.
TEST_F(IncidentScenario, SealsDeletedWithPlainSql) {
  scenario_dir = "seals_deleted";
  const std::string t0 = "2025-06-02T12:00:00Z";
  const std::string cloud = "digital_infrastructure.cloud_computing_service_provider";
  const fs::path key = tmp_ / "seal.key";
  fs::copy_file(fs::path(VIGIL_SOURCE_DIR) / "tests/golden/incident/data/seal.key", key);
  fs::permissions(key, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
  const std::string shown =
      vigil::test::run_vigil(tmp_.path(), {}, {"seal-key", "show", "{tmp}/seal.key", "--format", "json"});
  const auto at = shown.find("\"public_key\": \"");
  ASSERT_NE(at, std::string::npos) << shown;
  const std::string public_key = shown.substr(at + 15, 64);
  for (const char* title : {"Storage outage", "Mail outage", "DNS outage"}) {
    const std::string out = vigil::test::run_vigil(
        tmp_.path(), {"USER=golden", "VIGIL_NOW=" + t0},
        {"incident", "open", "--title", title, "--awareness", "2025-06-02T08:00:00Z", "--timezone", "Europe/Berlin",
         "--entity-type", cloud, "--by", "alice", "--seal-key", "{tmp}/seal.key"});
    ASSERT_NE(out.find("INC-"), std::string::npos) << out;
  }
  run({"01_export_sealed", t0, {"incident", "export", "INC-2", "--output", "{tmp}/INC-2.json"}});
  {
    auto exported = nlohmann::json::parse(slurp(tmp_ / "INC-2.json"));
    exported["seal"] = nullptr;
    std::ofstream(tmp_ / "unsealed.json", std::ios::binary) << exported.dump(2);
  }
  run({"02_verify_export_seal_removed",
       t0,
       {"audit", "verify", "--export", "{tmp}/unsealed.json", "--public-key", public_key}});
  run({"03_verify_export_seal_removed_no_key", t0, {"audit", "verify", "--export", "{tmp}/unsealed.json"}});
  tamper(tmp_ / "vigil.db",
         "DELETE FROM chain_seals WHERE org_id = 'default'; "
         "DELETE FROM incident_events WHERE org_id = 'default' AND incident_id = 'INC-3'; "
         "DELETE FROM incidents WHERE org_id = 'default' AND incident_id = 'INC-3'; "
         "UPDATE organisations SET last_incident_number = 2 WHERE org_id = 'default';");
  run({"04_verify_seals_deleted", t0, {"audit", "verify", "--public-key", public_key}});
  run({"05_open_without_key_reuses_number",
       t0,
       {"incident", "open", "--title", "Forged", "--awareness", "2025-06-02T09:00:00Z", "--timezone", "Europe/Berlin",
        "--entity-type", cloud, "--by", "mallory"}});
  run({"06_verify_after_unsealed_write", t0, {"audit", "verify", "--public-key", public_key, "--format", "json"}});
  run({"07_verify_without_key", t0, {"audit", "verify"}});
}

}  // namespace
