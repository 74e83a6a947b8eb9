// The incident operations over HTTP: each route's happy path through the same
// domain functions as `vigil incident`, its main bad-input path (400 naming
// the field), an unknown id (404) and the If-Match precondition (412).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>

#include "server/incident_api_fixture.h"

namespace vigil::test {
namespace {

using nlohmann::json;

using IncidentOperations = IncidentApi;

const json kImpact = {{"entity_type", "digital_infrastructure.cloud_computing_service_provider"},
                      {"users_eu_total", 2000000},
                      {"complete_unavailability_minutes", 45}};

// The domain names the fields of its requests; over HTTP each error names
// the body's field, so a form can show it next to that field.
TEST_F(IncidentOperations, OpenNamesTheBodysFieldsNotTheCliOptions) {
  auto reply = post(kIncidents, incident_body("", "2026-03-02T09:00:00+01:00", "Mars/Olympus", "no.such.type").dump());
  ASSERT_EQ(reply.status, 400) << reply.body;
  EXPECT_EQ(error_locations(reply.body), (std::set<std::string>{"body: title", "body: timezone", "body: entity_type"}))
      << reply.body;
  EXPECT_EQ(reply.body.find("--"), std::string::npos) << reply.body;
}

TEST_F(IncidentOperations, ADecisionInTheFutureNamesDecidedAt) {
  open_one();
  auto reply =
      post(kIncidents + "/INC-1/decisions",
           json{{"decision", "isolate"}, {"rationale", "spread"}, {"decided_at", "2999-01-01T00:00:00Z"}}.dump());
  ASSERT_EQ(reply.status, 400) << reply.body;
  const json body = json::parse(reply.body);
  EXPECT_EQ(body["errors"][0]["where"], "body: decided_at") << reply.body;
  EXPECT_EQ(reply.body.find("--"), std::string::npos) << reply.body;
}

// A title that could recolour a terminal or reorder what a reader sees is
// refused where it enters, naming the field and the character.
TEST_F(IncidentOperations, ControlAndBidiCharactersAreRefusedAtInput) {
  auto reply = post(kIncidents, incident_body("Evil \x1b[31mred").dump());
  ASSERT_EQ(reply.status, 400) << reply.body;
  json body = json::parse(reply.body);
  EXPECT_EQ(body["errors"][0]["where"], "body: title") << reply.body;
  EXPECT_NE(body["errors"][0]["message"].get<std::string>().find("U+001B"), std::string::npos) << reply.body;
  open_one();
  reply =
      post(kIncidents + "/INC-1/decisions",
           json{{"decision", "isolate"}, {"rationale", "spread"}, {"options", {"wait", "swap \u202Eexe.pdf"}}}.dump());
  ASSERT_EQ(reply.status, 400) << reply.body;
  body = json::parse(reply.body);
  EXPECT_EQ(body["errors"][0]["where"], "body: options[1]") << reply.body;
  EXPECT_NE(body["errors"][0]["message"].get<std::string>().find("U+202E"), std::string::npos) << reply.body;
  // A multi-line rationale keeps its line breaks.
  reply = post(kIncidents + "/INC-1/decisions",
               json{{"decision", "isolate"}, {"rationale", "spread\nseen on two hosts"}}.dump());
  EXPECT_EQ(reply.status, 201) << reply.body;
}

TEST_F(IncidentOperations, AssessRecordsTheRulesVerdict) {
  open_one();
  auto reply = post(kIncidents + "/INC-1/assessments", json{{"impact", kImpact}, {"note", "outage"}}.dump());
  ASSERT_EQ(reply.status, 201) << reply.body;
  auto body = json::parse(reply.body);
  ASSERT_EQ(body["assessments"].size(), 1u) << body.dump();
  EXPECT_EQ(body["assessments"][0]["rule_result"], true) << body.dump();
  EXPECT_FALSE(reply.header("ETag").value_or("").empty());
}

TEST_F(IncidentOperations, AssessNamesTheBadImpactField) {
  open_one();
  json impact = kImpact;
  impact["users_eu_totl"] = 1;
  auto reply = post(kIncidents + "/INC-1/assessments", json{{"impact", impact}, {"judgement", "maybe"}}.dump());
  ASSERT_EQ(reply.status, 400) << reply.body;
  EXPECT_NE(reply.body.find("judgement"), std::string::npos) << reply.body;
  auto missing = post(kIncidents + "/INC-1/assessments", "{}");
  EXPECT_EQ(missing.status, 400);
  EXPECT_NE(missing.body.find("impact"), std::string::npos) << missing.body;
  auto bad = post(kIncidents + "/INC-1/assessments", json{{"impact", impact}}.dump());
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("users_eu_totl"), std::string::npos) << bad.body;
}

TEST_F(IncidentOperations, UnknownIncidentIs404OnEveryOperation) {
  EXPECT_EQ(post(kIncidents + "/INC-9/assessments", json{{"impact", kImpact}}.dump()).status, 404);
  EXPECT_EQ(post(kIncidents + "/INC-9/decisions", json{{"decision", "d"}, {"rationale", "r"}}.dump()).status, 404);
  EXPECT_EQ(post(kIncidents + "/INC-9/evidence?description=log", "bytes").status, 404);
  EXPECT_EQ(post(kIncidents + "/INC-9/submissions", json{{"type", "early-warning"}, {"to", "csirt"}}.dump()).status,
            404);
  EXPECT_EQ(post(kIncidents + "/INC-9/facts", json{{"facts", {{"severity", "high"}}}}.dump()).status, 404);
  EXPECT_EQ(post(kIncidents + "/INC-9/close", "{}").status, 404);
  EXPECT_EQ(get(kIncidents + "/INC-9/report/early-warning", auditor).status, 404);
}

TEST_F(IncidentOperations, DecideRecordsWhatWasKnownAndNamesMissingFields) {
  open_one();
  auto reply = post(kIncidents + "/INC-1/decisions", json{{"decision", "isolate the cluster"},
                                                          {"rationale", "stop the spread"},
                                                          {"options", {"isolate", "wait"}},
                                                          {"known", {"ransom note"}},
                                                          {"confidence", "high"}}
                                                         .dump());
  ASSERT_EQ(reply.status, 201) << reply.body;
  auto body = json::parse(reply.body);
  ASSERT_EQ(body["decisions"].size(), 1u);
  EXPECT_EQ(body["decisions"][0]["decided_by"], "acme-responder") << body.dump();
  auto bad = post(kIncidents + "/INC-1/decisions", json{{"decision", "x"}, {"confidence", "total"}}.dump());
  ASSERT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("rationale"), std::string::npos) << bad.body;
  EXPECT_NE(bad.body.find("confidence"), std::string::npos) << bad.body;
}

TEST_F(IncidentOperations, EvidenceIsStoredAndServedByItsHash) {
  open_one();
  std::string content = "Mar  2 08:01:00 fw1 DROP 203.0.113.7\n";
  auto reply = post(kIncidents + "/INC-1/evidence?description=firewall%20log&file_name=fw.log", content);
  ASSERT_EQ(reply.status, 201) << reply.body;
  auto body = json::parse(reply.body);
  ASSERT_EQ(body["evidence"].size(), 1u);
  std::string sha = body["evidence"][0]["sha256"];
  EXPECT_EQ(body["evidence"][0]["file_name"], "fw.log");
  auto fetched = get(kIncidents + "/INC-1/evidence/" + sha, auditor);
  ASSERT_EQ(fetched.status, 200);
  EXPECT_EQ(fetched.body, content);
  EXPECT_EQ(fetched.header("Content-Type"), "application/octet-stream");
  EXPECT_EQ(fetched.header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(get(kIncidents + "/INC-1/evidence/" + std::string(64, 'a'), auditor).status, 404);
  auto nameless = post(kIncidents + "/INC-1/evidence", content);
  EXPECT_EQ(nameless.status, 400);
  EXPECT_NE(nameless.body.find("description"), std::string::npos) << nameless.body;
}

TEST_F(IncidentOperations, EvidenceOverTheLimitIs413) {
  open_one();
  auto reply = post(kIncidents + "/INC-1/evidence?description=big", std::string(25 * 1024 * 1024 + 1, 'x'));
  // The server refuses as soon as it sees the Content-Length; the client may
  // see the 413 or the closed connection, never a stored entry.
  EXPECT_TRUE(reply.status == 413 || reply.status == 0) << reply.status;
  auto record = json::parse(get(kIncidents + "/INC-1", auditor).body);
  EXPECT_TRUE(record["evidence"].empty());
}

TEST_F(IncidentOperations, SubmitFactsReportAndClose) {
  open_one();
  auto submitted = post(kIncidents + "/INC-1/submissions",
                        json{{"type", "early-warning"}, {"to", "csirt"}, {"reference", "CERT-1"}}.dump());
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  EXPECT_EQ(json::parse(submitted.body)["submissions"].size(), 1u);
  auto bad = post(kIncidents + "/INC-1/submissions", json{{"type", "memo"}, {"to", "csirt"}}.dump());
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("type"), std::string::npos) << bad.body;

  auto facts = post(kIncidents + "/INC-1/facts", json{{"facts", {{"suspected_malicious", "yes, ransomware"}}}}.dump());
  ASSERT_EQ(facts.status, 200) << facts.body;
  auto bad_fact = post(kIncidents + "/INC-1/facts", json{{"facts", {{"no_such_fact", "x"}}}}.dump());
  EXPECT_EQ(bad_fact.status, 400) << bad_fact.body;

  auto draft = get(kIncidents + "/INC-1/report/early-warning", auditor);
  ASSERT_EQ(draft.status, 200) << draft.body;
  auto d = json::parse(draft.body);
  EXPECT_EQ(d["report"], "early-warning");
  EXPECT_EQ(d["incident"], "INC-1");
  // A pending report's draft says when it is due, as an object (ReportDraft.due).
  auto pending = get(kIncidents + "/INC-1/report/notification", auditor);
  ASSERT_EQ(pending.status, 200) << pending.body;
  const auto due = json::parse(pending.body)["due"];
  ASSERT_TRUE(due.is_object()) << pending.body;
  EXPECT_TRUE(due["utc"].is_string()) << pending.body;
  EXPECT_TRUE(due["local"].is_string()) << pending.body;
  EXPECT_TRUE(due["owed"].is_string()) << pending.body;
  auto markdown = get(kIncidents + "/INC-1/report/early-warning?format=markdown", auditor);
  ASSERT_EQ(markdown.status, 200);
  EXPECT_EQ(markdown.header("Content-Type").value_or("").rfind("text/markdown", 0), 0u);
  EXPECT_NE(markdown.body.find("yes, ransomware"), std::string::npos) << markdown.body;
  auto bad_kind = get(kIncidents + "/INC-1/report/memo", auditor);
  EXPECT_EQ(bad_kind.status, 400);
  EXPECT_NE(bad_kind.body.find("kind"), std::string::npos) << bad_kind.body;
  EXPECT_EQ(get(kIncidents + "/INC-1/report/final?format=pdf", auditor).status, 400);

  auto closed = post(kIncidents + "/INC-1/close", json{{"summary", "restored"}}.dump());
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(json::parse(closed.body)["closure"]["summary"], "restored") << closed.body;
  auto bad_close = post(kIncidents + "/INC-1/close", json{{"handled_at", "yesterday"}}.dump());
  EXPECT_EQ(bad_close.status, 400);
  EXPECT_NE(bad_close.body.find("handled_at"), std::string::npos) << bad_close.body;
}

TEST_F(IncidentOperations, IfMatchRefusesAStaleWriteWith412) {
  std::string tag = open_one();
  ASSERT_FALSE(tag.empty());
  json decision = {{"decision", "isolate"}, {"rationale", "spread"}};
  auto first = post(kIncidents + "/INC-1/decisions", decision.dump(), {{"If-Match", tag}});
  ASSERT_EQ(first.status, 201) << first.body;
  auto stale = post(kIncidents + "/INC-1/decisions", decision.dump(), {{"If-Match", tag}});
  EXPECT_EQ(stale.status, 412) << stale.body;
  auto record = json::parse(get(kIncidents + "/INC-1", auditor).body);
  EXPECT_EQ(record["decisions"].size(), 1u);  // the stale write recorded nothing
  auto fresh = post(kIncidents + "/INC-1/decisions", decision.dump(), {{"If-Match", first.header("ETag").value()}});
  EXPECT_EQ(fresh.status, 201) << fresh.body;
}

TEST_F(IncidentOperations, AuditVerifyReportsAnIntactTrail) {
  open_one();
  post(kIncidents + "/INC-1/evidence?description=log", "content");
  auto reply = get("/api/v1/orgs/acme/audit/verify", auditor);
  ASSERT_EQ(reply.status, 200) << reply.body;
  auto body = json::parse(reply.body);
  EXPECT_EQ(body["intact"], true);
  EXPECT_EQ(body["incidents"], 1);
  EXPECT_EQ(body["entries"], 2);
  EXPECT_EQ(body["evidence_files"], 1);
  // Another organisation's trail is its own: globex sees none of acme's incidents.
  auto globex = get("/api/v1/orgs/globex/audit/verify", server.bearer("globex-admin"));
  EXPECT_EQ(json::parse(globex.body)["incidents"], 0);
}

// "Unknown is not no" over HTTP: the same rules as `vigil incident`, the same JSON.
const json kEntityOnly = {{"entity_type", "digital_infrastructure.cloud_computing_service_provider"}};

TEST_F(IncidentOperations, UnknownFactsLeaveTheAssessmentUndeterminedAndTheReportsDueIfSignificant) {
  open_one();
  auto reply = post(kIncidents + "/INC-1/assessments", json{{"impact", kEntityOnly}}.dump());
  ASSERT_EQ(reply.status, 201) << reply.body;
  auto body = json::parse(reply.body);
  EXPECT_EQ(body["significance"], "undetermined");
  EXPECT_EQ(body["assessments"][0]["significant"], "undetermined");
  EXPECT_EQ(body["assessments"][0]["undetermined"].size(), 10u);
  EXPECT_EQ(body["pending"][0]["owed"], "due_if_significant") << body.dump();
  auto list = json::parse(get(kIncidents, auditor).body);
  EXPECT_EQ(list["incidents"][0]["significant"], "undetermined");
  EXPECT_EQ(list["incidents"][0]["next_owed"], "due_if_significant");
  EXPECT_EQ(list["incidents"][0]["next_due"], "2026-03-03T08:00:00Z");
  auto dashboard = json::parse(get("/api/v1/orgs/acme/dashboard", auditor).body);
  EXPECT_EQ(dashboard["significance_undetermined"], 1);
  EXPECT_EQ(dashboard["incidents"][0]["next_owed"], "due_if_significant");
  // Deciding where the rules cannot needs a rationale, named as the body's field.
  auto judged =
      post(kIncidents + "/INC-1/assessments", json{{"impact", kEntityOnly}, {"judgement", "not-significant"}}.dump());
  EXPECT_EQ(judged.status, 400);
  EXPECT_NE(judged.body.find("body: rationale"), std::string::npos) << judged.body;
}

TEST_F(IncidentOperations, AnOverrideAfterAnEarlyWarningKeepsTheReportsUntilWithdrawn) {
  open_one();
  ASSERT_EQ(post(kIncidents + "/INC-1/submissions", json{{"type", "early-warning"}, {"to", "csirt"}}.dump()).status,
            201);
  auto bare =
      post(kIncidents + "/INC-1/assessments", json{{"impact", kImpact}, {"judgement", "not-significant"}}.dump());
  EXPECT_EQ(bare.status, 400);
  EXPECT_NE(bare.body.find("body: rationale"), std::string::npos) << bare.body;
  auto reply =
      post(kIncidents + "/INC-1/assessments",
           json{{"impact", kImpact}, {"judgement", "not-significant"}, {"rationale", "staging tenant"}}.dump());
  ASSERT_EQ(reply.status, 201) << reply.body;
  auto body = json::parse(reply.body);
  EXPECT_EQ(body["assessments"][0]["override"]["by"], "acme-responder");
  EXPECT_EQ(body["assessments"][0]["override"]["rationale"], "staging tenant");
  EXPECT_EQ(body["pending"][0]["report"], "incident_notification");
  EXPECT_EQ(body["pending"][0]["owed"], "due_until_withdrawn");
  auto row = json::parse(get(kIncidents, auditor).body)["incidents"][0];
  EXPECT_EQ(row["override"], true);
  EXPECT_EQ(row["significant"], false);
  EXPECT_EQ(row["next_owed"], "due_until_withdrawn");

  auto no_reason = post(kIncidents + "/INC-1/withdrawals", json{{"report", "notification"}}.dump());
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_NE(no_reason.body.find("reason"), std::string::npos) << no_reason.body;
  auto gdpr = post(kIncidents + "/INC-1/withdrawals", json{{"report", "gdpr-breach"}, {"reason", "x"}}.dump());
  EXPECT_EQ(gdpr.status, 400);
  EXPECT_NE(gdpr.body.find("body: report"), std::string::npos) << gdpr.body;
  auto withdrawn =
      post(kIncidents + "/INC-1/withdrawals", json{{"report", "notification"}, {"reason", "CSIRT told"}}.dump());
  ASSERT_EQ(withdrawn.status, 201) << withdrawn.body;
  auto after = json::parse(withdrawn.body);
  EXPECT_EQ(after["withdrawals"][0]["reason"], "CSIRT told");
  EXPECT_EQ(after["withdrawals"][0]["by"], "acme-responder");
  ASSERT_EQ(after["pending"].size(), 1u);
  EXPECT_EQ(after["pending"][0]["report"], "final_report");
  auto again = post(kIncidents + "/INC-1/withdrawals", json{{"report", "notification"}, {"reason", "again"}}.dump());
  EXPECT_EQ(again.status, 409) << again.body;
  auto auditor_try = fetch(server.port(), "POST", kIncidents + "/INC-1/withdrawals",
                           json{{"report", "final"}, {"reason", "x"}}.dump(), {{"Authorization", auditor}});
  EXPECT_EQ(auditor_try.status, 403);
}

TEST_F(IncidentOperations, SubmissionsCarryTheirDeadlineAndTheirOrder) {
  open_one();
  auto refused = post(kIncidents + "/INC-1/submissions", json{{"type", "final"}, {"to", "csirt"}}.dump());
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find("body: submitted_at"), std::string::npos) << refused.body;
  EXPECT_NE(refused.body.find("mark this one as out of order"), std::string::npos) << refused.body;
  auto flagged =
      post(kIncidents + "/INC-1/submissions", json{{"type", "final"}, {"to", "csirt"}, {"out_of_order", true}}.dump());
  ASSERT_EQ(flagged.status, 201) << flagged.body;
  EXPECT_EQ(json::parse(flagged.body)["submissions"][0]["out_of_order"].size(), 1u);
  // No notification yet: Art. 23(4)(d) gives the final report no deadline to answer.
  EXPECT_EQ(json::parse(flagged.body)["submissions"][0]["deadline"], nullptr);
  EXPECT_EQ(json::parse(flagged.body)["submissions"][0]["on_time"], nullptr);

  // The notification was due 2026-03-05T08:00Z (72 h); submitted 8 d 2 h 15 min later.
  server.set_now(*parse_rfc3339("2026-03-14T00:00:00Z", "now"));
  auto late = post(kIncidents + "/INC-1/submissions",
                   json{{"type", "notification"}, {"to", "csirt"}, {"submitted_at", "2026-03-13T10:15:00Z"}}.dump());
  ASSERT_EQ(late.status, 201) << late.body;
  auto submission = json::parse(late.body)["submissions"][1];
  EXPECT_EQ(submission["deadline"], "2026-03-05T08:00:00Z");
  EXPECT_EQ(submission["on_time"], false);
  EXPECT_EQ(submission["late_by"], "8 d 2 h 15 min");
  auto row = json::parse(get(kIncidents + "?all=true", auditor).body)["incidents"][0];
  EXPECT_EQ(row["late"][0]["report"], "notification");
  EXPECT_EQ(row["late"][0]["late_by"], "8 d 2 h 15 min");
  auto draft = json::parse(get(kIncidents + "/INC-1/report/final", auditor).body);
  EXPECT_EQ(draft["submissions"][1]["late_by"], "8 d 2 h 15 min");
  auto markdown = get(kIncidents + "/INC-1/report/final?format=markdown", auditor);
  EXPECT_NE(markdown.body.find("late by 8 d 2 h 15 min"), std::string::npos) << markdown.body;
  auto exported = json::parse(get(kIncidents + "/INC-1/export", auditor).body);
  EXPECT_EQ(exported["incident"]["submissions"][1]["late_by"], "8 d 2 h 15 min");
}

// Fact values, titles and decisions are held to the one input rule set: no
// control, bidi, invisible or Unicode line-break character, each named.
TEST_F(IncidentOperations, HostileCharactersAreRefusedInEveryTextField) {
  open_one();
  auto esc = post(kIncidents + "/INC-1/facts", json{{"facts", {{"description", "a\x1b[2J"}}}}.dump());
  EXPECT_EQ(esc.status, 400) << esc.body;
  EXPECT_NE(esc.body.find("description holds U+001B ESCAPE at character 2"), std::string::npos) << esc.body;
  auto rlo = post(kIncidents + "/INC-1/facts", json{{"facts", {{"description", "ab\xE2\x80\xAE"}}}}.dump());
  EXPECT_EQ(rlo.status, 400) << rlo.body;
  EXPECT_NE(rlo.body.find("U+202E RIGHT-TO-LEFT OVERRIDE at character 3"), std::string::npos) << rlo.body;
  auto lines = post(kIncidents + "/INC-1/facts", json{{"facts", {{"description", "one\ntwo"}}}}.dump());
  EXPECT_EQ(lines.status, 200) << lines.body;

  auto with_title = [&](const std::string& title) { return post(kIncidents, incident_body(title).dump()); };
  EXPECT_TRUE(answered(with_title("a\xE2\x80\xA8z"), 400, "U+2028 LINE SEPARATOR at character 2"));
  EXPECT_TRUE(answered(with_title("a\xF3\xA0\x80\x81"), 400, "U+E0001 TAG CHARACTER at character 2"));
  for (const std::string& blank : {std::string("\xE2\x80\x8B"), std::string("\xEF\xBB\xBF"), std::string("   ")}) {
    auto empty = with_title(blank);
    EXPECT_EQ(empty.status, 400) << empty.body;
    // Refused either as empty or for the invisible character itself: never stored.
    EXPECT_TRUE(empty.body.find("is required") != std::string::npos || empty.body.find("holds U+") != std::string::npos)
        << empty.body;
  }
  auto decision =
      post(kIncidents + "/INC-1/decisions", json{{"decision", "isolate\xE2\x80\x8D"}, {"rationale", "why"}}.dump());
  EXPECT_EQ(decision.status, 400) << decision.body;
  EXPECT_NE(decision.body.find("U+200D ZERO WIDTH JOINER at character 8"), std::string::npos) << decision.body;
}

}  // namespace
}  // namespace vigil::test
