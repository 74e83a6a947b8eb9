// The incident operations the CLI had and the API lacked: attaching a GDPR
// personal-data breach (`vigil incident breach`) and the verifiable export
// (`vigil incident export`). Happy path, bad input naming the field, unknown
// id, If-Match, and the export checked by the same verifier as
// `vigil audit verify --export`.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "incident/export.h"
#include "server/incident_api_fixture.h"
#include "tzdata/zones.h"

namespace vigil::test {
namespace {

using nlohmann::json;

using BreachAndExport = IncidentApi;

TEST_F(BreachAndExport, BreachStartsTheGdprClock) {
  open_one("Mail server breach");
  auto reply = post(kIncidents + "/INC-1/breach", json{{"awareness_time", "2026-03-02T09:45:00+01:00"}}.dump());
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_FALSE(reply.header("ETag").value_or("").empty());
  auto body = json::parse(reply.body);
  EXPECT_EQ(body["personal_data_breach_awareness_time"], "2026-03-02T08:45:00Z") << body.dump();
  // GDPR Art. 33(1): 72 hours after becoming aware of the breach.
  bool found = false;
  for (const auto& p : body["pending"]) {
    if (p["report"] == "gdpr_breach_notification") {
      found = true;
      EXPECT_EQ(p["due"], "2026-03-05T08:45:00Z") << p.dump();
    }
  }
  EXPECT_TRUE(found) << body["pending"].dump();
  // The record read back says the same.
  auto shown = json::parse(get(kIncidents + "/INC-1", auditor).body);
  EXPECT_EQ(shown["personal_data_breach_awareness_time"], "2026-03-02T08:45:00Z");
}

TEST_F(BreachAndExport, BadBreachInputNamesTheField) {
  open_one("Mail server breach");
  auto missing = post(kIncidents + "/INC-1/breach", "{}");
  ASSERT_EQ(missing.status, 400) << missing.body;
  EXPECT_EQ(json::parse(missing.body)["errors"][0]["where"], "body: awareness_time") << missing.body;
  auto no_offset = post(kIncidents + "/INC-1/breach", json{{"awareness_time", "2026-03-02T10:30:00"}}.dump());
  ASSERT_EQ(no_offset.status, 400) << no_offset.body;
  EXPECT_NE(no_offset.body.find("awareness_time"), std::string::npos) << no_offset.body;
  auto unknown = post(kIncidents + "/INC-1/breach", json{{"awareness", "2026-03-02T10:30:00Z"}}.dump());
  ASSERT_EQ(unknown.status, 400) << unknown.body;
  EXPECT_NE(unknown.body.find("awareness"), std::string::npos) << unknown.body;
  // In the future (the server's clock is 2026-03-02T09:00Z): refused, named as the body's field.
  auto future = post(kIncidents + "/INC-1/breach", json{{"awareness_time", "2026-03-03T00:00:00Z"}}.dump());
  ASSERT_EQ(future.status, 400) << future.body;
  EXPECT_EQ(json::parse(future.body)["errors"][0]["where"], "body: awareness_time") << future.body;
  auto shown = json::parse(get(kIncidents + "/INC-1", auditor).body);
  EXPECT_TRUE(shown["personal_data_breach_awareness_time"].is_null()) << shown.dump();
  // Only one breach per incident.
  ASSERT_EQ(post(kIncidents + "/INC-1/breach", json{{"awareness_time", "2026-03-02T08:30:00Z"}}.dump()).status, 200);
  auto again = post(kIncidents + "/INC-1/breach", json{{"awareness_time", "2026-03-02T08:40:00Z"}}.dump());
  ASSERT_EQ(again.status, 400) << again.body;
  EXPECT_NE(again.body.find("already attached"), std::string::npos) << again.body;
}

TEST_F(BreachAndExport, BreachHonoursIfMatch) {
  std::string tag = open_one("Mail server breach");
  json breach = {{"awareness_time", "2026-03-02T09:45:00+01:00"}};
  auto decided = post(kIncidents + "/INC-1/decisions", json{{"decision", "isolate"}, {"rationale", "spread"}}.dump());
  ASSERT_EQ(decided.status, 201);
  EXPECT_EQ(post(kIncidents + "/INC-1/breach", breach.dump(), {{"If-Match", tag}}).status, 412);
  EXPECT_EQ(post(kIncidents + "/INC-1/breach", breach.dump(), {{"If-Match", decided.header("ETag").value()}}).status,
            200);
}

TEST_F(BreachAndExport, UnknownIncidentIs404) {
  EXPECT_EQ(post(kIncidents + "/INC-9/breach", json{{"awareness_time", "2026-03-02T10:30:00Z"}}.dump()).status, 404);
  EXPECT_EQ(get(kIncidents + "/INC-9/export", auditor).status, 404);
  EXPECT_EQ(get(kIncidents + "/nonsense/export", auditor).status, 400);
}

TEST_F(BreachAndExport, ExportIsTheVerifiableDocumentOfTheCli) {
  open_one("Mail server breach");
  post(kIncidents + "/INC-1/breach", json{{"awareness_time", "2026-03-02T09:45:00+01:00"}}.dump());
  post(kIncidents + "/INC-1/evidence?description=log", "Mar  2 08:01:00 fw1 DROP\n");
  auto reply = get(kIncidents + "/INC-1/export", auditor);  // the auditor reads it
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.header("Content-Disposition").value_or(""),
            "attachment; filename=\"INC-1.json\"; filename*=UTF-8''INC-1.json");
  auto body = json::parse(reply.body);
  EXPECT_EQ(body["format"], incident::kExportFormat) << body.dump();
  auto check = incident::verify_export(body, "export", tzdata::zones());
  ASSERT_TRUE(check) << describe(check.error());
  EXPECT_EQ(check->incident_id, "INC-1");
  EXPECT_EQ(check->entries, 3);
  // The export's ETag is the record's: the same as GET .../INC-1 gives.
  EXPECT_EQ(reply.header("ETag"), get(kIncidents + "/INC-1", auditor).header("ETag"));
}

}  // namespace
}  // namespace vigil::test
