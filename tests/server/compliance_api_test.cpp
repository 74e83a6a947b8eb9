// The compliance records over HTTP: gap assessments stored with their history
// (same result as `vigil gap`), the documents register with ETags, management
// approvals (Art. 20(1): managers only, matching the version on record), and
// the dashboard's compliance block. Who may call what is in access_test.cpp.
#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "assess/assess.h"
#include "assess/report.h"
#include "catalog/catalog.h"
#include "core/sha256.h"
#include "core/text.h"
#include "server/demo.h"
#include "server/soa_support.h"
#include "server/test_server.h"
#include "store/open_sql.h"

namespace vigil::test {
namespace {

using nlohmann::json;
using Headers = std::vector<std::pair<std::string, std::string>>;

std::string example(const std::string& name) { return source_text("examples/" + name); }

// The example documents register (CSV) as the JSON rows the API takes.
json example_documents() {
  auto parsed = assess::parse_document_register(example("documents.csv"), assess::InputFormat::Csv, "documents.csv");
  EXPECT_TRUE(parsed) << describe(parsed.error());
  json rows = json::array();
  for (const auto& d : parsed->documents) {
    json row = {{"document", d.name}, {"status", assess::to_string(d.status)}};
    if (!d.approved_by.empty()) row["approved_by"] = d.approved_by;
    if (d.approved_on) row["approved_on"] = format_date(*d.approved_on);
    if (d.next_review) row["next_review"] = format_date(*d.next_review);
    rows.push_back(row);
  }
  return rows;
}

// A requirement judged by its documents alone (no ISO counterpart) and the
// first document the catalog suggests for it.
struct DocumentJudged {
  std::string requirement, document;
};
DocumentJudged judged_by_documents() {
  for (const auto& r : catalog::builtin().requirements) {
    if (r.iso27001.empty() && !r.documents.empty()) return {std::string(r.id), std::string(r.documents.front())};
  }
  return {};
}

// The status a stored assessment's report gives `document` under
// `requirement`: "approved", "draft", "missing"; "" when it is not listed.
std::string document_status(json report, const std::string& requirement, const std::string& document) {
  for (const auto& r : report["requirements"]) {
    if (r["id"] != requirement) continue;
    for (const auto& d : r["documents"]) {
      if (d["document"] == document) return d["status"].get<std::string>();
    }
  }
  return "";
}

// A small SoA: every control listed as `status` (so scores differ by status).

class ComplianceApi : public AcmeApi {
 protected:
  std::string compliance = server.bearer("acme-compliance");
  std::string manager = server.bearer("acme-manager");
  std::string admin = server.bearer("acme-admin");
  std::string auditor = server.bearer("acme-auditor");

  Reply assess(const json& body, const std::string& token) {
    return call("POST", "/gap-assessments", token, body.dump());
  }
};

TEST_F(ComplianceApi, AnAssessmentIsTheSameAsVigilGapAndIsStoredWithItsInputs) {
  json body = {{"as_of", "2026-03-01"},
               {"soa", json::parse(example("soa.json"))},
               {"documents", example_documents()},
               {"entity", json::parse(example("entity.json"))}};
  auto reply = assess(body, compliance);
  ASSERT_EQ(reply.status, 201) << reply.body;
  EXPECT_EQ(reply.header("Location"), "/api/v1/orgs/acme/gap-assessments/1");
  auto created = json::parse(reply.body);
  EXPECT_EQ(created["id"], 1);
  EXPECT_EQ(created["as_of"], "2026-03-01");
  EXPECT_EQ(created["created_by"], "acme-compliance");
  EXPECT_EQ(created["created_at"], "2026-03-02T09:00:00Z");

  // The domain run directly on the same files, as `vigil gap` does.
  auto soa = assess::parse_soa(example("soa.json"), assess::InputFormat::Json, "soa.json");
  auto docs = assess::parse_document_register(example("documents.csv"), assess::InputFormat::Csv, "documents.csv");
  ASSERT_TRUE(soa && docs);
  auto expected = json::parse(assess::to_json(assess::assess(*soa, *docs, *parse_date("2026-03-01", "t"))).dump());
  auto report = created["report"];
  EXPECT_EQ(report["score"], expected["score"]);
  EXPECT_EQ(report["requirements"], expected["requirements"]);
  EXPECT_EQ(report["actions"], expected["actions"]);
  EXPECT_EQ(created["score"], expected["score"]);
  EXPECT_TRUE(report.contains("entity"));  // the scoping result joins the report

  // The stored report is the one returned, for every member, the auditor too.
  auto stored = call("GET", "/gap-assessments/1", auditor);
  ASSERT_EQ(stored.status, 200) << stored.body;
  EXPECT_EQ(json::parse(stored.body), report);

  auto html = call("GET", "/gap-assessments/1/report.html", auditor);
  ASSERT_EQ(html.status, 200);
  EXPECT_EQ(html.header("Content-Type").value_or("").rfind("text/html", 0), 0u);
  EXPECT_NE(html.body.find("<svg"), std::string::npos);
  // Self-contained: nothing loads, the inline styles are allowed.
  auto csp = html.header("Content-Security-Policy").value_or("");
  EXPECT_NE(csp.find("default-src 'none'"), std::string::npos) << csp;
  EXPECT_NE(csp.find("style-src 'unsafe-inline'"), std::string::npos) << csp;
}

TEST_F(ComplianceApi, BadInputListsEveryErrorWithItsRowAndFieldAndStoresNothing) {
  json soa = json::array({{{"control", "A.9.2.1"}, {"applicable", "yes"}, {"status", "implemented"}},
                          {{"control", "A.5.1"}, {"applicable", "maybe"}, {"status", "done"}},
                          {{"control", "A.5.2"}, {"applicable", "no"}}});
  auto reply =
      assess({{"as_of", "2026-02-30"}, {"soa", soa}, {"entity", {{"employees", "many"}}}, {"colour", 1}}, compliance);
  ASSERT_EQ(reply.status, 400) << reply.body;
  EXPECT_EQ(reply.header("Content-Type"), "application/problem+json");
  auto where = error_locations(reply.body);
  EXPECT_TRUE(where.count("body: soa: [0].control")) << reply.body;        // a 2013 id
  EXPECT_TRUE(where.count("body: soa: [1].applicable")) << reply.body;     // not yes/no
  EXPECT_TRUE(where.count("body: soa: [1].status")) << reply.body;         // unknown status
  EXPECT_TRUE(where.count("body: soa: [2].justification")) << reply.body;  // excluded without a reason
  EXPECT_TRUE(where.count("body: as_of")) << reply.body;                   // no 30 February
  EXPECT_TRUE(where.count("body: colour")) << reply.body;                  // unknown field
  bool entity_error = false;
  for (const auto& w : where) entity_error = entity_error || w.rfind("body: entity", 0) == 0;
  EXPECT_TRUE(entity_error) << reply.body;
  EXPECT_NE(reply.body.find("in the 2022 edition it is A.5.16"), std::string::npos) << reply.body;

  auto missing = assess(json::object(), compliance);
  ASSERT_EQ(missing.status, 400);
  EXPECT_NE(missing.body.find("body: soa"), std::string::npos) << missing.body;
  EXPECT_EQ(assess(json::array(), compliance).status, 400);
  EXPECT_EQ(call("POST", "/gap-assessments", compliance, "{not json").status, 400);
  EXPECT_EQ(assess({{"soa", "A.5.1"}}, compliance).status, 400);  // not a list of rows

  auto history = json::parse(call("GET", "/gap-assessments", auditor).body);
  EXPECT_TRUE(history["assessments"].empty());
}

TEST_F(ComplianceApi, HistoryIsNewestFirstWithScoresAndTheDashboardDrawsTheTrend) {
  ASSERT_EQ(assess({{"as_of", "2026-01-01"}, {"soa", soa_all("not_implemented")}}, compliance).status, 201);
  ASSERT_EQ(assess({{"as_of", "2026-02-01"}, {"soa", soa_all("partially_implemented")}}, admin).status, 201);
  auto third = assess({{"soa", soa_all("implemented")}}, compliance);  // as_of: today by the server's clock
  ASSERT_EQ(third.status, 201) << third.body;
  EXPECT_EQ(json::parse(third.body)["as_of"], "2026-03-02");

  auto list = call("GET", "/gap-assessments", auditor);
  ASSERT_EQ(list.status, 200);
  auto rows = json::parse(list.body)["assessments"];
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0]["id"], 3);
  EXPECT_EQ(rows[2]["id"], 1);
  EXPECT_EQ(rows[1]["created_by"], "acme-admin");
  const double latest = rows[0]["score"]["overall"].get<double>();
  const double middle = rows[1]["score"]["overall"].get<double>();
  const double first = rows[2]["score"]["overall"].get<double>();
  EXPECT_GT(latest, middle);
  EXPECT_GT(middle, first);
  EXPECT_TRUE(rows[0]["score"].contains("risk_management"));
  EXPECT_TRUE(rows[0]["score"].contains("reporting"));

  auto limited = json::parse(call("GET", "/gap-assessments?limit=2", auditor).body)["assessments"];
  ASSERT_EQ(limited.size(), 2u);
  EXPECT_EQ(limited[1]["id"], 2);
  for (const char* bad : {"0", "-1", "two", "2x"}) {
    auto reply = call("GET", std::string("/gap-assessments?limit=") + bad, auditor);
    EXPECT_EQ(reply.status, 400) << bad;
    EXPECT_NE(reply.body.find("limit"), std::string::npos);
  }

  auto dashboard = call("GET", "/dashboard", auditor);
  ASSERT_EQ(dashboard.status, 200);
  auto compliance_block = json::parse(dashboard.body)["compliance"];
  EXPECT_EQ(compliance_block["latest_gap_assessment"]["id"], 3);
  EXPECT_EQ(compliance_block["latest_gap_assessment"]["score"]["overall"].get<double>(), latest);
  auto trend = compliance_block["score_trend"];
  ASSERT_EQ(trend.size(), 3u);
  EXPECT_EQ(trend[0]["id"], 1);  // oldest first, ready to draw
  EXPECT_EQ(trend[0]["overall"].get<double>(), first);
  EXPECT_EQ(trend[2]["overall"].get<double>(), latest);
  EXPECT_EQ(compliance_block["gap_assessments"], 3);
}

TEST_F(ComplianceApi, TheTrendKeepsTheLastTwelve) {
  for (int i = 0; i < 13; ++i) {
    ASSERT_EQ(assess({{"as_of", "2026-01-01"}, {"soa", soa_all("planned")}}, compliance).status, 201);
  }
  auto block = json::parse(call("GET", "/dashboard", auditor).body)["compliance"];
  ASSERT_EQ(block["score_trend"].size(), 12u);
  EXPECT_EQ(block["score_trend"][0]["id"], 2);
  EXPECT_EQ(block["score_trend"][11]["id"], 13);
}

TEST_F(ComplianceApi, UnknownAssessmentsAre404AndOrganisationsDoNotShareThem) {
  ASSERT_EQ(assess({{"soa", soa_all("implemented")}}, compliance).status, 201);
  EXPECT_EQ(call("GET", "/gap-assessments/2", auditor).status, 404);
  EXPECT_EQ(call("GET", "/gap-assessments/abc", auditor).status, 404);
  EXPECT_EQ(call("GET", "/gap-assessments/0/report.html", auditor).status, 404);
  auto globex = server.bearer("globex-admin");
  auto theirs = fetch(server.port(), "GET", "/api/v1/orgs/globex/gap-assessments/1", "", {{"Authorization", globex}});
  EXPECT_EQ(theirs.status, 404);
  auto list = fetch(server.port(), "GET", "/api/v1/orgs/globex/gap-assessments", "", {{"Authorization", globex}});
  EXPECT_TRUE(json::parse(list.body)["assessments"].empty());
}

TEST_F(ComplianceApi, TheRegisterIsEditedWithETagsAndOnlyApprovalsApprove) {
  const std::string path = "/documents/Incident%20response%20plan";
  auto created = call("PUT", path, compliance, json{{"status", "draft"}, {"version", "1.0"}}.dump());
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.header("ETag"), "\"1\"");
  EXPECT_EQ(json::parse(created.body)["document"], "Incident response plan");
  EXPECT_EQ(created.header("Location"), "/api/v1/orgs/acme/documents/Incident%20response%20plan");
  // A name that would break a header or a report, and a blank version: refused.
  auto control = call("PUT", "/documents/Evil%0D%0ASet-Cookie:%20x", compliance, json{{"status", "draft"}}.dump());
  EXPECT_EQ(control.status, 400);
  EXPECT_FALSE(control.header("Set-Cookie").has_value());
  EXPECT_EQ(call("PUT", "/documents/Other", compliance, json{{"status", "draft"}, {"version", " "}}.dump()).status,
            400);

  // Replacing a row: If-Match is required (428), must be current (412).
  auto body = json{{"status", "draft"}, {"version", "1.1"}, {"next_review", "2027-03-01"}}.dump();
  EXPECT_EQ(call("PUT", path, compliance, body).status, 428);
  auto stale = call("PUT", path, compliance, body, {{"If-Match", "\"7\""}});
  EXPECT_EQ(stale.status, 412);
  EXPECT_NE(stale.body.find("\\\"1\\\""), std::string::npos) << stale.body;  // names the current ETag
  auto edited = call("PUT", path, admin, body, {{"If-Match", "\"1\""}});
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(edited.header("ETag"), "\"2\"");
  auto row = json::parse(edited.body);
  EXPECT_EQ(row["version"], "1.1");
  EXPECT_EQ(row["next_review"], "2027-03-01");
  EXPECT_EQ(row["updated_by"], "acme-admin");
  // The same edit again with the old ETag: somebody else's change is not overwritten.
  EXPECT_EQ(call("PUT", path, compliance, body, {{"If-Match", "\"1\""}}).status, 412);

  // A register edit cannot approve (Art. 20(1)).
  auto approve_by_edit = call("PUT", path, compliance, json{{"status", "approved"}}.dump(), {{"If-Match", "\"2\""}});
  EXPECT_EQ(approve_by_edit.status, 409);
  EXPECT_NE(approve_by_edit.body.find("Art. 20(1)"), std::string::npos);

  auto bad = call("PUT", "/documents/Other", compliance,
                  json{{"status", "final"}, {"next_review", "soon"}, {"owner", "x"}}.dump());
  EXPECT_TRUE(refused_at(bad, {"body: status", "body: next_review", "body: owner"}));

  auto one = call("GET", "/documents/incident%20RESPONSE%20plan", auditor);
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(one.header("ETag"), "\"2\"");
  EXPECT_EQ(call("GET", "/documents/Nothing", auditor).status, 404);

  auto list = json::parse(call("GET", "/documents", auditor).body);
  ASSERT_EQ(list["documents"].size(), 1u);
  EXPECT_EQ(list["documents"][0]["etag"], "\"2\"");
  EXPECT_FALSE(list["suggested_not_registered"].empty());
  for (const auto& name : list["suggested_not_registered"]) EXPECT_NE(name, "Incident response plan");
}

// ISO/IEC 27001 7.5.3: the approval names a text on record; a version whose
// text was never uploaded (or a document never registered) has none.
TEST_F(ComplianceApi, AVersionWithoutContentCannotBeApproved) {
  const std::string path = "/documents/Incident%20response%20plan";
  ASSERT_EQ(call("PUT", path, compliance, R"({"status":"draft","version":"1.0"})").status, 201);
  json approval = {{"subject_kind", "document"},
                   {"subject_name", "Incident response plan"},
                   {"version", "1.0"},
                   {"sha256", std::string(64, '9')}};
  auto refused = call("POST", "/approvals", manager, approval.dump());
  ASSERT_EQ(refused.status, 409) << refused.body;
  EXPECT_NE(refused.body.find("no content on record for version 1.0; upload it before approval"), std::string::npos)
      << refused.body;
  approval["subject_name"] = "Never registered";
  EXPECT_EQ(call("POST", "/approvals", manager, approval.dump()).status, 409);
  EXPECT_TRUE(json::parse(call("GET", "/approvals", auditor).body)["approvals"].empty());
  auto row = json::parse(call("GET", path, auditor).body);
  EXPECT_EQ(row["status"], "draft");
  EXPECT_EQ(call("GET", "/documents/Never%20registered", auditor).status, 404);
  // Uploaded, the same version is approved with its SHA-256.
  const std::string text = "Incident response plan 1.0\n";
  ASSERT_EQ(call("POST", path + "/content?version=1.0", compliance, text).status, 201);
  approval["subject_name"] = "Incident response plan";
  approval["sha256"] = sha256_hex(text);
  EXPECT_EQ(call("POST", "/approvals", manager, approval.dump()).status, 201);
}

// A stored text changed with plain SQL: audit verify names the document and
// version, and the server does not serve it under the recorded SHA-256.
TEST_F(ComplianceApi, AChangedStoredContentIsFoundAndNotServed) {
  const std::string text = "Backup policy 2\n";
  const std::string path = "/documents/Backup%20policy";
  ASSERT_EQ(call("POST", path + "/content?version=2", compliance, text).status, 201);
  auto intact = json::parse(call("GET", "/audit/verify", auditor).body);
  EXPECT_TRUE(intact["intact"].get<bool>()) << intact.dump();
  EXPECT_EQ(intact["records"]["document_contents"], 1);
  auto db = store::open_sql(server.server().services().config.db);
  ASSERT_TRUE(db) << describe(db.error());
  ASSERT_TRUE((*db)->run(store::sql::Access::Write, [](store::sql::Transaction& tx) {
    return tx.execute("UPDATE document_contents SET content = X'41'");
  }));
  auto broken = json::parse(call("GET", "/audit/verify", auditor).body);
  EXPECT_FALSE(broken["intact"].get<bool>());
  ASSERT_EQ(broken["records"]["findings"].size(), 1u) << broken.dump();
  EXPECT_NE(
      broken["records"]["findings"][0].get<std::string>().find("document 'Backup policy' version 2: content TAMPERED"),
      std::string::npos)
      << broken.dump();
  auto served = call("GET", path + "/content", auditor);
  EXPECT_EQ(served.status, 500) << served.body;
  EXPECT_EQ(served.body.find("\"A\""), std::string::npos);
  EXPECT_FALSE(served.header("ETag").has_value());
}

TEST_F(ComplianceApi, UploadedContentIsHashedAndTheApprovalMustNameThatHash) {
  const std::string text = "# Crisis management plan\nVersion 2\n";
  const std::string sha = sha256_hex(text);
  const std::string path = "/documents/Crisis%20management%20plan";
  auto no_version = call("POST", path + "/content", compliance, text);
  ASSERT_EQ(no_version.status, 400);
  EXPECT_NE(no_version.body.find("version"), std::string::npos);
  EXPECT_EQ(call("POST", path + "/content?version=2", compliance, "").status, 400);

  auto uploaded = call("POST", path + "/content?version=2", compliance, text);
  ASSERT_EQ(uploaded.status, 201) << uploaded.body;
  auto row = json::parse(uploaded.body);
  EXPECT_EQ(row["content_sha256"], sha);
  EXPECT_EQ(row["status"], "draft");
  auto content = call("GET", path + "/content", auditor);
  ASSERT_EQ(content.status, 200);
  EXPECT_EQ(content.body, text);
  // A download named after the register row (RFC 6266, with RFC 8187's UTF-8 form).
  EXPECT_EQ(content.header("Content-Disposition").value_or(""),
            "attachment; filename=\"Crisis management plan\"; filename*=UTF-8''Crisis%20management%20plan");

  json approval = {{"subject_kind", "document"},
                   {"subject_name", "Crisis management plan"},
                   {"version", "2"},
                   {"sha256", std::string(64, 'a')},
                   {"note", "Board meeting 2026-03-02"}};
  // Not the version on record: refused, and nothing recorded.
  auto wrong = call("POST", "/approvals", manager, approval.dump());
  ASSERT_EQ(wrong.status, 409) << wrong.body;
  EXPECT_NE(wrong.body.find(sha), std::string::npos);
  approval["sha256"] = sha;
  approval["version"] = "1";
  EXPECT_EQ(call("POST", "/approvals", manager, approval.dump()).status, 409);
  EXPECT_TRUE(json::parse(call("GET", "/approvals", auditor).body)["approvals"].empty());

  approval["version"] = "2";
  auto done = call("POST", "/approvals", manager, approval.dump());
  ASSERT_EQ(done.status, 201) << done.body;
  auto recorded = json::parse(done.body);
  EXPECT_EQ(recorded["approved_by"], "acme-manager");
  EXPECT_EQ(recorded["approved_at"], "2026-03-02T09:00:00Z");  // the server's clock
  EXPECT_EQ(recorded["sha256"], sha);

  auto register_row = json::parse(call("GET", path, auditor).body);
  EXPECT_EQ(register_row["status"], "approved");
  EXPECT_EQ(register_row["approved_by"], "acme-manager");
  EXPECT_EQ(register_row["approved_on"], "2026-03-02");
  EXPECT_EQ(register_row["approved_sha256"], sha);

  EXPECT_EQ(register_row["next_review"], "2027-03-02");  // set one year on: none was on record

  // The same version approved again: refused, the first approval stands.
  auto twice = call("POST", "/approvals", manager, approval.dump());
  EXPECT_EQ(twice.status, 409) << twice.body;
  EXPECT_NE(twice.body.find("already approved"), std::string::npos) << twice.body;
  EXPECT_EQ(json::parse(call("GET", "/approvals", auditor).body)["approvals"].size(), 1u);

  // Changing the approved text under the same version number: refused.
  EXPECT_EQ(call("POST", path + "/content?version=2", compliance, text + "edited").status, 409);
  // With a stale If-Match: 412.
  EXPECT_EQ(call("POST", path + "/content?version=3", compliance, "v3", {{"If-Match", "\"1\""}}).status, 412);

  // Every write is on the record trail, which any member reads.
  auto history = call("GET", path + "/history", auditor);
  ASSERT_EQ(history.status, 200) << history.body;
  auto entries = json::parse(history.body)["events"];
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0]["kind"], "document.content");
  EXPECT_EQ(entries[0]["actor"], "acme-compliance");
  EXPECT_TRUE(entries[0]["old"].is_null());
  EXPECT_EQ(entries[1]["kind"], "document.approved");
  EXPECT_EQ(entries[1]["old"]["status"], "draft");
  EXPECT_EQ(entries[1]["new"]["status"], "approved");
  EXPECT_EQ(entries[1]["new"]["approved_sha256"], sha);
  // The trail begins with the fixture's accounts (roles granted, tokens created).
  const json all = json::parse(call("GET", "/audit/events", auditor).body)["events"];
  ASSERT_FALSE(all.empty());
  EXPECT_EQ(all[0]["kind"], "trail.started");
  std::int64_t seeded = 0;
  for (const auto& e : all) {
    const std::string kind = e["kind"];
    if (kind.rfind("membership.", 0) == 0 || kind.rfind("token.", 0) == 0) seeded = e["seq"];
  }
  ASSERT_GT(seeded, 1);
  auto events = json::parse(call("GET", "/audit/events?limit=2&after=" + std::to_string(seeded), auditor).body);
  ASSERT_EQ(events["events"].size(), 2u);
  EXPECT_EQ(events["events"][0]["kind"], "document.content");
  EXPECT_EQ(events["next_after"], seeded + 2);
  auto rest = json::parse(call("GET", "/audit/events?after=" + std::to_string(seeded + 2), auditor).body);
  ASSERT_EQ(rest["events"].size(), 1u);
  EXPECT_EQ(rest["events"][0]["kind"], "approval.recorded");
  EXPECT_TRUE(rest["next_after"].is_null());
  EXPECT_EQ(call("GET", "/audit/events?after=x", auditor).status, 400);
  auto verified = json::parse(call("GET", "/audit/verify", auditor).body);
  EXPECT_EQ(verified["intact"], true);
  EXPECT_EQ(verified["records"]["entries"], seeded + 3);  // the fixture's accounts, then three record writes
  EXPECT_EQ(verified["records"]["documents"], 1);
}

TEST_F(ComplianceApi, OnlyTheManagementBodyApproves) {
  json approval = {{"subject_kind", "risk_treatment_plan"}, {"version", "2026-Q1"}, {"sha256", std::string(64, 'c')}};
  // Compliance prepares, admin administers, the auditor reads: none approves (Art. 20(1)).
  for (const auto& token : {compliance, admin, auditor, server.bearer("acme-responder")}) {
    EXPECT_EQ(call("POST", "/approvals", token, approval.dump()).status, 403);
  }
  auto done = call("POST", "/approvals", manager, approval.dump());
  ASSERT_EQ(done.status, 201) << done.body;
  EXPECT_EQ(json::parse(done.body)["subject_name"], "Risk treatment plan");
  EXPECT_EQ(json::parse(done.body)["subject_kind"], "risk_treatment_plan");

  auto list = call("GET", "/approvals", auditor);
  ASSERT_EQ(list.status, 200);
  auto rows = json::parse(list.body)["approvals"];
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["version"], "2026-Q1");

  auto bad = call("POST", "/approvals", manager,
                  json{{"subject_kind", "budget"}, {"sha256", "abc"}, {"approved_by", "someone else"}}.dump());
  // Who approves is the signed-in manager: approved_by is not taken.
  EXPECT_TRUE(refused_at(bad, {"body: subject_kind", "body: version", "body: sha256", "body: approved_by"}));

  auto nameless = call("POST", "/approvals", manager,
                       json{{"subject_kind", "document"}, {"version", "1"}, {"sha256", std::string(64, 'd')}}.dump());
  ASSERT_EQ(nameless.status, 400);
  EXPECT_NE(nameless.body.find("subject_name"), std::string::npos);
}

TEST_F(ComplianceApi, AnAssessmentWithoutDocumentsReadsTheStoredRegister) {
  // Pick a document the catalog suggests for a requirement judged by documents.
  const auto [requirement, name] = judged_by_documents();
  ASSERT_FALSE(name.empty());
  const std::string text = name + ", version 1\n";
  std::string encoded;  // the name as a path segment
  for (unsigned char ch : name) {
    encoded += std::isalnum(ch) ? std::string(1, static_cast<char>(ch)) : fmt::format("%{:02X}", ch);
  }
  ASSERT_EQ(call("POST", "/documents/" + encoded + "/content?version=1", compliance, text).status, 201);
  json approval = {
      {"subject_kind", "document"}, {"subject_name", name}, {"version", "1"}, {"sha256", sha256_hex(text)}};
  ASSERT_EQ(call("POST", "/approvals", manager, approval.dump()).status, 201);
  auto reply = assess({{"soa", soa_all("implemented")}}, compliance);
  ASSERT_EQ(reply.status, 201) << reply.body;
  auto report = json::parse(reply.body)["report"];
  EXPECT_EQ(document_status(report, requirement, name), "approved") << requirement << " / " << name;

  auto dashboard = json::parse(call("GET", "/dashboard", auditor).body)["compliance"];
  EXPECT_EQ(dashboard["documents"]["approved"], 1);
  EXPECT_EQ(dashboard["documents"]["draft"], 0);
  EXPECT_EQ(dashboard["approvals"], 1);
}

TEST_F(ComplianceApi, DocumentUploadsHaveTheirOwnSizeLimit) {
  const auto& routes = server.server().app().router().routes();
  bool found = false;
  for (const auto& route : routes) {
    if (route.method == "POST" && route.pattern == "/api/v1/orgs/{org}/documents/{name}/content") {
      EXPECT_EQ(route.body_limit, 10u * 1024 * 1024);
      found = true;
    }
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace vigil::test

namespace vigil::test {
namespace {

// An entity's own title for a suggested document.
TEST_F(ComplianceApi, AnOwnTitleMapsToASuggestedDocumentAndTheStoredAssessmentCountsIt) {
  const auto [requirement, name] = judged_by_documents();
  ASSERT_FALSE(name.empty());
  const std::string own = "Unsere eigene Leitlinie";
  const std::string path = "/documents/Unsere%20eigene%20Leitlinie";
  // Unmapped, the own title is a finding of the stored assessment.
  ASSERT_EQ(call("PUT", path, compliance, R"({"status":"draft","version":"1"})").status, 201);
  auto before = json::parse(assess({{"soa", soa_all("implemented")}}, compliance).body)["report"];
  ASSERT_EQ(before["unmatched_documents"].size(), 1u) << before["unmatched_documents"].dump();
  EXPECT_EQ(before["unmatched_documents"][0]["name"], own);

  auto row = json::parse(call("GET", path, compliance).body);
  auto put = call("PUT", path, compliance, json{{"status", "draft"}, {"maps_to", to_lower(name)}}.dump(),
                  {{"If-Match", row["etag"].get<std::string>()}});
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(json::parse(put.body)["maps_to"], name);  // the catalog's spelling
  auto listed = json::parse(call("GET", "/documents", auditor).body);
  EXPECT_EQ(listed["documents"][0]["maps_to"], name);
  for (const auto& s : listed["suggested_not_registered"]) EXPECT_NE(s, name);  // registered, under its own title

  // The stored assessment reads the mapping: no finding, and the requirement sees the document.
  auto after = json::parse(assess({{"soa", soa_all("implemented")}}, compliance).body)["report"];
  EXPECT_TRUE(after["unmatched_documents"].empty()) << after["unmatched_documents"].dump();
  EXPECT_EQ(document_status(after, requirement, name), "draft") << requirement;

  // On the history with old and new values.
  auto history = json::parse(call("GET", path + "/history", auditor).body)["events"];
  ASSERT_EQ(history.size(), 2u);
  EXPECT_FALSE(history[1]["old"].contains("maps_to")) << history[1].dump();
  EXPECT_EQ(history[1]["new"]["maps_to"], name);

  // Not a suggested document: 400 at the field; a second row for the same document: 409.
  row = json::parse(call("GET", path, compliance).body);
  auto bad = call("PUT", path, compliance, R"({"status":"draft","maps_to":"Kaffeeplan"})",
                  {{"If-Match", row["etag"].get<std::string>()}});
  ASSERT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(error_locations(bad.body), (std::set<std::string>{"body: maps_to"}));
  auto twice = call("PUT", "/documents/Zweite", compliance, json{{"status", "draft"}, {"maps_to", name}}.dump());
  EXPECT_EQ(twice.status, 409) << twice.body;
  // null clears it.
  auto cleared = call("PUT", path, compliance, R"({"status":"draft","maps_to":null})",
                      {{"If-Match", row["etag"].get<std::string>()}});
  ASSERT_EQ(cleared.status, 200) << cleared.body;
  EXPECT_TRUE(json::parse(cleared.body)["maps_to"].is_null());
  // The audit covers it.
  auto verified = json::parse(call("GET", "/audit/verify", auditor).body);
  EXPECT_EQ(verified["records"]["intact"], true) << verified.dump();
}

}  // namespace
}  // namespace vigil::test

namespace vigil::test {
namespace {

// An SoA uploaded as the file it is (CSV, JSON or YAML), read by the
// same reader as `vigil gap --soa`, errors at the file's lines.
TEST_F(ComplianceApi, AnSoaFileInYamlIsReadAsVigilGapReadsItAndStoredAsRows) {
  const std::string yaml = example("soa.yaml");
  auto reply = assess({{"soa_file", {{"name", "soa.yaml"}, {"text", yaml}}}, {"as_of", "2026-03-01"}}, compliance);
  ASSERT_EQ(reply.status, 201) << reply.body.substr(0, 2000);
  auto from_yaml = json::parse(reply.body);
  // The same score as the CSV rows of the same SoA.
  auto csv =
      assess({{"soa_file", {{"name", "soa.csv"}, {"text", example("soa.csv")}}}, {"as_of", "2026-03-01"}}, compliance);
  ASSERT_EQ(csv.status, 201) << csv.body.substr(0, 2000);
  EXPECT_EQ(from_yaml["score"], json::parse(csv.body)["score"]);
  EXPECT_EQ(from_yaml["report"]["inputs"]["soa"], "soa.yaml") << from_yaml["report"]["inputs"].dump();

  // A broken YAML row: the error names the file's line.
  std::string broken = yaml;
  const std::string first = "status: \"implemented\"";
  broken.replace(broken.find(first), first.size(), "status: \"done-ish\"");
  auto bad = assess({{"soa_file", {{"name", "soa.yaml"}, {"text", broken}}}}, compliance);
  ASSERT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(error_locations(bad.body), (std::set<std::string>{"soa.yaml:4: status"})) << bad.body;
  // Not both.
  auto both =
      assess({{"soa", soa_all("implemented")}, {"soa_file", {{"name", "soa.yaml"}, {"text", yaml}}}}, compliance);
  EXPECT_EQ(both.status, 400) << both.body;
}

// A register edit cannot put an approved document's next review on or before
// the day it was approved (the rule of assess/register_rules.h), nor can a
// register sent with an assessment; the error names the field and the day.
TEST_F(ComplianceApi, AnEditCannotSetTheNextReviewBeforeTheApprovalDay) {
  const std::string text = "# Backup policy\n";
  const std::string path = "/documents/Backup%20policy";
  ASSERT_EQ(call("POST", path + "/content?version=1", compliance, text).status, 201);
  json approval = {
      {"subject_kind", "document"}, {"subject_name", "Backup policy"}, {"version", "1"}, {"sha256", sha256_hex(text)}};
  ASSERT_EQ(call("POST", "/approvals", manager, approval.dump()).status, 201);  // approved 2026-03-02

  for (const char* day : {"2026-03-01", "2026-03-02"}) {
    auto before = call("PUT", path, compliance, json{{"status", "approved"}, {"next_review", day}}.dump(),
                       {{"If-Match", "\"2\""}});
    ASSERT_EQ(before.status, 400) << before.body;
    EXPECT_TRUE(error_locations(before.body).count("next_review")) << before.body;
    EXPECT_NE(before.body.find("not after the approval day 2026-03-02"), std::string::npos) << before.body;
  }
  auto row = json::parse(call("GET", path, auditor).body);
  EXPECT_EQ(row["next_review"], "2027-03-02");  // unchanged
  auto later = call("PUT", path, compliance, json{{"status", "approved"}, {"next_review", "2026-09-01"}}.dump(),
                    {{"If-Match", "\"2\""}});
  ASSERT_EQ(later.status, 200) << later.body;
  EXPECT_EQ(json::parse(later.body)["next_review"], "2026-09-01");

  json documents = json::array({{{"document", "Backup policy"},
                                 {"status", "approved"},
                                 {"approved_on", "2025-05-28"},
                                 {"next_review", "2025-05-01"}}});
  auto assessed = assess(json{{"soa", soa_all("implemented")}, {"documents", documents}}, compliance);
  ASSERT_EQ(assessed.status, 400) << assessed.body;
  EXPECT_NE(assessed.body.find("next_review"), std::string::npos) << assessed.body;
  EXPECT_NE(assessed.body.find("not after the approval day 2025-05-28"), std::string::npos) << assessed.body;
}

// The demo's register tells examples/documents.csv's story: each approved
// document approved on the CSV's approved_on with the CSV's next review (not
// "approved today, review due last year"), on the trail at that time, and the
// approval says it is seeded data.
TEST(DemoRegister, ApprovesEachDocumentOnTheDayTheCsvGives) {
  TestServer server;
  server::Services& services = server.server().services();
  auto seeded = server::seed_demo(services, test_now());
  ASSERT_TRUE(seeded) << describe(seeded.error());
  auto csv = assess::parse_document_register(example("documents.csv"), assess::InputFormat::Csv, "documents.csv");
  ASSERT_TRUE(csv) << describe(csv.error());
  auto rows = services.compliance->documents(server::kDemoOrganisation);
  ASSERT_TRUE(rows) << describe(rows.error());
  auto approvals = services.compliance->approvals(server::kDemoOrganisation, std::nullopt);
  ASSERT_TRUE(approvals) << describe(approvals.error());
  std::size_t approved = 0;
  for (const auto& d : csv->documents) {
    if (d.status != assess::DocumentStatus::Approved) continue;
    ++approved;
    SCOPED_TRACE(d.name);
    ASSERT_TRUE(d.approved_on.has_value());
    auto row = std::find_if(rows->begin(), rows->end(), [&](const auto& r) { return r.name == d.name; });
    ASSERT_NE(row, rows->end());
    auto text = [](const std::optional<Date>& day) { return day ? format_date(*day) : std::string("-"); };
    EXPECT_EQ(row->status, assess::DocumentStatus::Approved);
    EXPECT_EQ(text(row->approved_on), text(d.approved_on));
    EXPECT_EQ(text(row->next_review), text(d.next_review));
    EXPECT_NE(text(row->approved_on), format_date(utc_date(test_now())));
    auto approval = std::find_if(approvals->begin(), approvals->end(),
                                 [&](const store::Approval& a) { return a.subject_name == d.name; });
    ASSERT_NE(approval, approvals->end());
    EXPECT_EQ(format_utc(approval->approved_at), format_date(*d.approved_on) + "T00:00:00Z");
    EXPECT_NE(approval->note.find("seeded from examples/documents.csv"), std::string::npos) << approval->note;
    store::TrailQuery query;
    query.subject = store::subject_of_document(d.name);
    auto trail = services.compliance->trail(server::kDemoOrganisation, query);
    ASSERT_TRUE(trail) << describe(trail.error());
    auto entry = std::find_if(trail->begin(), trail->end(),
                              [](const store::TrailEntry& e) { return e.kind == "document.approved"; });
    ASSERT_NE(entry, trail->end());
    EXPECT_EQ(entry->at, approval->approved_at);
  }
  EXPECT_EQ(approved, 38u);
}

}  // namespace
}  // namespace vigil::test
