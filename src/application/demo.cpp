#include "application/demo.h"

#include <chrono>
#include <functional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "application/demo_data.h"
#include "application/gap_recording.h"
#include "application/live_exercise.h"
#include "assess/assess.h"
#include "assess/document_register.h"
#include "assess/soa.h"
#include "core/csv.h"
#include "core/sha256.h"
#include "core/text.h"
#include "exercise/duration.h"
#include "incident/impact_input.h"
#include "incident/incident.h"
#include "scope/scope.h"
#include "store/compliance_store.h"
#include "store/supplier_store.h"
#include "supplier/register_input.h"
#include "tzdata/zones.h"

namespace vigil::application {

namespace inc = vigil::incident;
using namespace std::chrono_literals;

namespace {

constexpr std::string_view kOrganisationName = kDemoOrganisationName;
constexpr std::string_view kEntityType = "digital_infrastructure.cloud_computing_service_provider";
constexpr std::string_view kTimezone = "Europe/Berlin";
constexpr std::string_view kResponder = "demo-responder";

// Appends the entry `build` makes from the incident as it stands.
Result<void> append(store::IncidentStore& incidents, std::string_view id,
                    const std::function<Result<inc::EventDraft>(const inc::Incident&)>& build) {
  TRY(incidents.append(kDemoOrganisation, id, build, std::nullopt, std::nullopt));
  return {};
}

// Records the demo manager's decision, taken at `decided_at` and recorded at
// `recorded`, on incident `id`.
Result<void> decide_as_manager(store::IncidentStore& incidents, std::string_view id, Instant decided_at,
                               inc::DecisionContent content, Instant recorded) {
  const inc::DecideRequest request{decided_at, std::move(content), "demo-manager", recorded};
  return append(incidents, id, [&](const inc::Incident& r) { return inc::decide(r, request); });
}

// Opens a demo incident the responder became aware of at `aware` and
// recorded `recorded_after` it; returns its id.
Result<std::string> open_demo_incident(store::IncidentStore& incidents, std::string_view title, Instant aware,
                                       std::chrono::minutes recorded_after) {
  auto opened = TRY(
      inc::open_incident(inc::OpenRequest{std::string(title), aware, std::string(kTimezone), std::string(kEntityType),
                                          false, std::string(kResponder), aware + recorded_after},
                         tzdata::zones()));
  auto record = TRY(incidents.open_incident(kDemoOrganisation, opened));
  return record.id;
}

// A significant incident past its early warning: the incident notification
// (Art. 23(4)(b), 72 h) is due 42 hours after the demo starts.
Result<std::string> seed_ransomware(store::IncidentStore& incidents, Instant now) {
  const Instant aware = now - 30h;
  const std::string responder(kResponder);
  const std::string id =
      TRY(open_demo_incident(incidents, "Ransomware on the EU-West hypervisor management plane", aware, 10min));

  // IR 2024/2690 Art. 7(a): complete unavailability of a cloud service for more than 30 minutes.
  const nlohmann::json impact = {
      {"entity_type", kEntityType}, {"users_eu_total", 2000000}, {"complete_unavailability_minutes", 45}};
  auto assessment = TRY(inc::assessment_request(impact, "demo: impact", std::nullopt,
                                                "45 minutes of complete unavailability for all EU-West tenants",
                                                responder, aware + 1h));
  TRY(append(incidents, id, [&](const inc::Incident& r) { return inc::assess(r, assessment); }));

  TRY(decide_as_manager(
      incidents, id, aware + 90min,
      {"Isolate the EU-West management network and fail tenants over to EU-Central",
       {"Keep EU-West running under monitoring", "Isolate and fail over", "Shut EU-West down entirely"},
       "Encryption was spreading between management hosts; fail-over capacity in "
       "EU-Central covers 80 % of the load, so isolation limits the damage at an "
       "acceptable loss of service",
       {"Two management hosts show a ransom note", "Tenant VMs are still running"},
       {"Initial access vector", "Whether tenant data was read"},
       inc::Confidence::Medium},
      aware + 95min));

  inc::FactsRequest facts{{{"suspected_malicious", "Yes: a ransom note on two management hosts"},
                           {"cross_border_impact", "Likely: tenants in Germany, Austria and the Netherlands"}},
                          responder,
                          aware + 3h};
  TRY(append(incidents, id, [&](const inc::Incident& r) { return inc::record_facts(r, facts); }));

  // Art. 23(4)(a): the early warning, 20 hours after awareness (due within 24).
  inc::SubmitRequest early{inc::SubmissionType::EarlyWarning,
                           aware + 20h,
                           inc::Recipient::Csirt,
                           "CSIRT-DE-2026-0412",
                           responder,
                           aware + 20h};
  TRY(append(incidents, id, [&](const inc::Incident& r) { return inc::submit(r, early, tzdata::zones()); }));
  return id;
}

// A fresh incident with a personal-data breach attached: the early warning is
// due in 21 hours, the GDPR Art. 33 notification in 71.
Result<std::string> seed_credential_stuffing(store::IncidentStore& incidents, Instant now) {
  const Instant aware = now - 3h;
  const std::string responder(kResponder);
  const std::string id =
      TRY(open_demo_incident(incidents, "Credential stuffing against the customer portal", aware, 20min));

  inc::BreachRequest breach{aware + 1h, responder, aware + 70min};
  TRY(append(incidents, id, [&](const inc::Incident& r) { return inc::attach_personal_data_breach(r, breach); }));

  TRY(decide_as_manager(incidents, id, aware + 2h,
                        {"Force a password reset for the 312 accounts that signed in from the attacking addresses",
                         {"Reset the affected accounts", "Reset every account", "Monitor only"},
                         "Sign-ins succeeded for 312 accounts; resetting them stops the access without "
                         "locking out every customer",
                         {"312 successful sign-ins from 41 addresses"},
                         {"Whether invoices were downloaded"},
                         inc::Confidence::High},
                        aware + 2h));
  return id;
}

// Two past incidents, handled and closed with every Art. 23(4) report sent,
// so that the dashboard's latency trend has history: a misconfiguration whose
// reports all went out in time, and a phishing-led takeover whose early
// warning came six hours late.
struct PastIncident {
  std::string_view title;
  std::chrono::hours ago;
  nlohmann::json impact;
  std::string_view assessment;
  std::chrono::minutes early_warning, notification, final_report;
};

Result<void> seed_past_incident(store::IncidentStore& records, const PastIncident& past, Instant now) {
  const Instant aware = now - past.ago;
  const std::string responder(kResponder);
  const std::string id = TRY(open_demo_incident(records, past.title, aware, 15min));
  nlohmann::json impact = past.impact;
  impact["entity_type"] = kEntityType;
  auto assessment = TRY(inc::assessment_request(impact, "demo: impact", std::nullopt, std::string(past.assessment),
                                                responder, aware + 1h));
  TRY(append(records, id, [&](const inc::Incident& r) { return inc::assess(r, assessment); }));
  for (const auto& [type, after] : {std::pair{inc::SubmissionType::EarlyWarning, past.early_warning},
                                    std::pair{inc::SubmissionType::Notification, past.notification},
                                    std::pair{inc::SubmissionType::Final, past.final_report}}) {
    const inc::SubmitRequest submission{type, aware + after, inc::Recipient::Csirt, "", responder, aware + after};
    TRY(append(records, id, [&](const inc::Incident& r) { return inc::submit(r, submission, tzdata::zones()); }));
  }
  const inc::CloseRequest closing{aware + past.final_report, "Handled; lessons in the final report", responder,
                                  aware + past.final_report};
  TRY(append(records, id, [&](const inc::Incident& r) { return inc::close(r, closing); }));
  return {};
}

Result<void> seed_past_incidents(store::IncidentStore& records, Instant now) {
  using std::chrono::hours;
  using std::chrono::minutes;
  TRY(seed_past_incident(records,
                         {"DNS resolution failing for all tenants after a faulty zone change",
                          hours(24 * 150),
                          {{"users_eu_total", 2000000}, {"complete_unavailability_minutes", 95}},
                          "95 minutes without name resolution for every EU tenant",
                          minutes(9 * 60),
                          minutes(50 * 60),
                          minutes(20 * 24 * 60)},
                         now));
  TRY(seed_past_incident(records,
                         {"Mailbox takeover through a phishing kit aimed at the operations team",
                          hours(24 * 70),
                          {{"malicious_unauthorised_access_capable_of_severe_disruption", true}},
                          "Administrator mailbox taken over; access to the management plane possible",
                          minutes(30 * 60),
                          minutes(70 * 60),
                          minutes(29 * 24 * 60)},
                         now));
  return {};
}

// An exercise played six weeks ago on the bundled ransomware scenario and
// ended, so the dashboard shows documented versus performed: containment and
// the early warning on time, the notification late, the DPO never involved
// and no forensic evidence (objective ratings P, S and M). The facilitator
// pauses the clock and jumps it to each moment the team acts at.
Result<std::string> seed_exercise(store::ExerciseStore& exercises, store::IncidentStore& records, Instant now) {
  const std::string org(kDemoOrganisation);
  const std::string facilitator = "demo-manager";
  application::StartRequest start{TRY(application::bundled_scenario_text("ransomware-cloud", "scenario")),
                                  std::nullopt,
                                  1,
                                  {{"demo-responder", "it"}, {"demo-manager", "management"}, {"demo-admin", "legal"}},
                                  facilitator};
  Instant wall = now - std::chrono::hours(24 * 42);
  const std::string id = TRY(application::start_live(exercises, org, start, wall)).record.id;
  TRY(application::pause_live(exercises, org, id, facilitator, wall += 1s));
  // The exercise clock's now once jumped to `at`.
  auto at = [&](std::string_view offset) -> Result<Instant> {
    const exercise::Seconds to = TRY(exercise::parse_duration(offset, "at"));
    return TRY(application::jump_live(exercises, org, id, facilitator, to, wall += 1s)).now();
  };
  const std::string responder(kResponder);

  TRY(at("PT55M"));
  const application::OpenExerciseIncident opening{
      "Ransomware on the FRA-2 management plane (exercise)", "PT50M", "", "", false, responder, false};
  const std::string incident = TRY(application::open_exercise_incident(exercises, records, org, id, opening, wall)).id;
  Instant t = TRY(at("PT1H30M"));
  const nlohmann::json impact = {
      {"entity_type", kEntityType}, {"users_eu_total", 2000000}, {"complete_unavailability_minutes", 45}};
  auto assessment =
      TRY(inc::assessment_request(impact, "exercise: impact", std::nullopt, "FRA-2 down for 45 minutes", responder, t));
  TRY(append(records, incident, [&](const inc::Incident& r) { return inc::assess(r, assessment); }));
  auto decide = [&](std::string decision, std::string rationale, std::vector<std::string> tags) -> Result<void> {
    const inc::DecideRequest request{t,
                                     {decision,
                                      {"act now", "wait for more facts"},
                                      rationale,
                                      {"FRA-2 unavailable"},
                                      {"initial access vector"},
                                      inc::Confidence::Medium,
                                      std::move(tags)},
                                     facilitator,
                                     t};
    TRY(append(records, incident, [&](const inc::Incident& r) { return inc::decide(r, request); }));
    return {};
  };
  t = TRY(at("PT1H40M"));
  TRY(decide("Isolate the management network", "Stops the encryption spreading to further regions", {"containment"}));
  TRY(at("PT1H45M"));
  TRY(application::involve_live(exercises, org, id, facilitator, "management", wall, false));
  TRY(at("PT2H"));
  TRY(application::involve_live(exercises, org, id, "demo-admin", "legal", wall, false));
  TRY(at("PT8H"));
  TRY(application::involve_live(exercises, org, id, facilitator, "communications", wall, false));
  t = TRY(at("PT10H"));
  TRY(decide("Do not pay the ransom", "Payment guarantees nothing and funds crime", {"ransom"}));
  TRY(at("PT11H"));
  TRY(application::rate_live(exercises, org, id, "demo-compliance", "E14", "met",
                             "Status page and direct email to the FRA-2 customers", wall));
  auto submit = [&](inc::SubmissionType type) -> Result<void> {
    const inc::SubmitRequest request{type, t, inc::Recipient::Csirt, "", responder, t};
    TRY(append(records, incident, [&](const inc::Incident& r) { return inc::submit(r, request, tzdata::zones()); }));
    return {};
  };
  t = TRY(at("PT12H"));
  TRY(submit(inc::SubmissionType::EarlyWarning));
  t = TRY(at("PT22H"));
  TRY(decide("Restore FRA-2 from the immutable snapshots", "The snapshots predate the first indicator", {"restore"}));
  t = TRY(at("PT75H"));
  TRY(submit(inc::SubmissionType::Notification));
  t = TRY(at("P20D"));
  TRY(submit(inc::SubmissionType::Final));
  TRY(application::note_live(exercises, org, id, "demo-compliance",
                             "Nobody asked the DPO about the stolen sample; the notification waited for legal", wall));
  // Played to its end: an exercise ended before the final report was due
  // would not count as testing (assess/exercise_results.h).
  const exercise::Seconds duration = TRY(application::load_live(exercises, org, id, wall)).clock().duration;
  TRY(at(exercise::format_duration(duration)));
  TRY(application::end_live(exercises, org, id, facilitator, wall += 1s));
  return id;
}

// The register of examples/documents.csv. Approved documents get a demo text
// whose SHA-256 the management body approves (Art. 20(1)), as in real use, on
// the day the CSV says (approved_on, at 00:00 UTC; today when it gives none),
// with the CSV's next review: the seeded register tells the CSV's story, not
// "approved today, review due long ago". Each approval and its content are on
// the trail at that time, and the approval's note says it was seeded.
Result<void> seed_register(store::ComplianceStore& incidents, const assess::DocumentRegister& reg, Instant now) {
  for (const assess::RegisteredDocument& d : reg.documents) {
    const std::string& name = d.name;
    if (d.status != assess::DocumentStatus::Approved) {
      const std::optional<std::string> version =
          d.status == assess::DocumentStatus::Draft ? std::optional<std::string>("0.9") : std::nullopt;
      TRY(incidents.write_document(
          kDemoOrganisation, name,
          [&](const std::optional<store::DocumentRecord>& current) {
            return store::edit_document(name, current, store::DocumentEdit{d.status, version, d.next_review});
          },
          "demo-compliance", now));
      continue;
    }
    const std::string content = fmt::format("{}\n{}, version 1.0 (demo text)\n", name, kOrganisationName);
    const std::string sha = sha256_hex(content);
    const Instant approved_at = d.approved_on ? Instant{date::sys_days{*d.approved_on}} : now;
    TRY(incidents.write_document(
        kDemoOrganisation, name,
        [&](const std::optional<store::DocumentRecord>& current) {
          return store::record_content(name, current, "1.0", sha, static_cast<std::int64_t>(content.size()));
        },
        "demo-compliance", approved_at, content));
    const std::string note =
        d.approved_on ? fmt::format(
                            "Approved by the management body ({}); demo data seeded from "
                            "examples/documents.csv, approved_on {}",
                            d.approved_by.empty() ? "as the CSV records" : d.approved_by, format_date(*d.approved_on))
                      : "Approved by the management body; demo data seeded from examples/documents.csv (no "
                        "approved_on: approved when seeded)";
    TRY(incidents.approve(kDemoOrganisation, store::NewApproval{store::ApprovalSubject::Document, name, "1.0", sha,
                                                                "demo-manager", approved_at, note, d.next_review}));
  }
  const std::string plan = "Risk treatment plan 2026 of Nebulon Cloud Services GmbH (demo text)\n";
  TRY(incidents.approve(kDemoOrganisation,
                        store::NewApproval{store::ApprovalSubject::RiskTreatmentPlan, "Risk treatment plan 2026",
                                           "2026.1", sha256_hex(plan), "demo-manager", now,
                                           "Art. 21 measures and residual risks accepted", std::nullopt}));
  return {};
}

// CSV rows as the JSON rows `vigil gap` and the API read (empty cells left out).
Result<nlohmann::json> csv_rows(std::string_view csv, std::string_view source) {
  const CsvTable table = TRY(parse_csv(csv, source));
  nlohmann::json rows = nlohmann::json::array();
  for (const CsvRow& row : table.rows) {
    nlohmann::json item = nlohmann::json::object();
    for (std::size_t i = 0; i < table.header.size() && i < row.fields.size(); ++i) {
      if (!row.fields[i].empty()) item[table.header[i]] = row.fields[i];
    }
    rows.push_back(std::move(item));
  }
  return rows;
}

// Two assessments a quarter apart, so the dashboard has a trend: the earlier
// one before the Annex A 8 technical controls were finished.
Result<void> seed_assessments(store::ComplianceStore& incidents, const assess::DocumentRegister& reg,
                              const nlohmann::json& register_rows, Instant now) {
  const nlohmann::json entity_input = nlohmann::json::parse(demo_entity_json());
  const auto entity = scope::classify(TRY(scope::parse_entity(entity_input, "examples/entity.json")));
  nlohmann::json current = TRY(csv_rows(demo_soa_csv(), "examples/soa.csv"));
  nlohmann::json earlier = current;
  for (nlohmann::json& row : earlier) {
    const std::string control = row.value("control", "");
    if (control.starts_with("A.8.") && row.value("status", "") == "implemented")
      row["status"] = "partially_implemented";
  }
  const Date today = utc_date(now);
  for (const auto& [rows, as_of] :
       {std::pair{&earlier, Date{date::sys_days{today} - date::days{91}}}, std::pair{&current, today}}) {
    const assess::Soa soa = TRY(assess::parse_soa(rows->dump(), assess::InputFormat::Json, "examples/soa.csv"));
    assess::GapReport report = assess::assess(soa, reg, as_of);
    report.soa_source = "examples/soa.csv (demo)";
    report.documents_source = "documents register (stored)";
    report.entity = entity;
    if (report.entity && report.entity->implementing_regulation_2024_2690) assess::add_ir_2024_2690(report, soa);
    TRY(incidents.add_assessment(kDemoOrganisation, gap_record(report, now, "demo-compliance", rows->dump(),
                                                               register_rows.dump(), entity_input.dump())));
  }
  return {};
}

Result<void> seed_compliance(store::ComplianceStore& incidents, Instant now) {
  const auto reg =
      TRY(assess::parse_document_register(demo_documents_csv(), assess::InputFormat::Csv, "examples/documents.csv"));
  TRY(seed_register(incidents, reg, now));
  nlohmann::json register_rows = TRY(csv_rows(demo_documents_csv(), "examples/documents.csv"));
  TRY(seed_assessments(incidents, reg, register_rows, now));
  return {};
}

}  // namespace

std::vector<DemoUser> demo_users() {
  return {{"demo-admin", store::Role::Admin},
          {"demo-manager", store::Role::Manager},
          {"demo-compliance", store::Role::Compliance},
          {"demo-responder", store::Role::Responder},
          {"demo-auditor", store::Role::Auditor}};
}

bool demo_seeded(store::AccountStore& accounts) { return accounts.find_organisation(kDemoOrganisation).has_value(); }

Result<DemoSeed> seed_demo(const DemoStores& stores, const DemoAccess& access, Instant now) {
  DemoSeed seed;
  seed.organisation = std::string(kDemoOrganisation);
  seed.users = demo_users();
  if (demo_seeded(stores.accounts)) {
    seed.already_seeded = true;
    return seed;
  }

  TRY(stores.accounts.add_organisation(kDemoOrganisation, kOrganisationName, {access.granted_by, now}));
  for (const DemoUser& user : seed.users) {
    auto added = TRY(stores.accounts.add_user(user.username, access.password_hash, now));
    const store::AccountChange change{access.granted_by, now};
    TRY(stores.accounts.grant(added.id, kDemoOrganisation, user.role, change));
    if (user.role == store::Role::Admin)
      TRY(stores.accounts.add_token(access.api_token_sha256, added.id, "demo", change));
  }

  TRY(stores.incidents.ensure_organisation(kDemoOrganisation, kOrganisationName));
  seed.incidents.push_back(TRY(seed_ransomware(stores.incidents, now)));
  seed.incidents.push_back(TRY(seed_credential_stuffing(stores.incidents, now)));
  TRY(seed_past_incidents(stores.incidents, now));
  TRY(seed_compliance(stores.compliance, now));
  if (stores.exercises) seed.exercise = TRY(seed_exercise(*stores.exercises, stores.incidents, now));
  // The supplier register of examples/suppliers.yaml, imported as the compliance officer would.
  const auto suppliers =
      TRY(supplier::parse_register(demo_suppliers_yaml(), supplier::DocumentFormat::Yaml, "examples/suppliers.yaml"));
  TRY(stores.suppliers.import_register(kDemoOrganisation, suppliers, "demo-compliance", now));
  return seed;
}

}  // namespace vigil::application
