// The supplier register over HTTP: PUT/GET with If-Match, the same strict
// reading as the CLI (every error at its line and field), the analysis,
// impact and directory answering as `vigil supplier ... --format json` does,
// and the record trail. Who may call what is in access_test.cpp.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "server/test_server.h"
#include "supplier/analysis.h"
#include "supplier/impact.h"
#include "supplier/register_input.h"
#include "supplier/report.h"

namespace vigil::test {
namespace {

using nlohmann::json;
using Headers = std::vector<std::pair<std::string, std::string>>;

std::string example_yaml() { return source_text("examples/suppliers.yaml"); }

supplier::Register example_register() {
  auto reg = supplier::parse_register(example_yaml(), supplier::DocumentFormat::Yaml, "suppliers.yaml");
  EXPECT_TRUE(reg) << describe(reg.error());
  return *reg;
}

class SupplierApi : public AcmeApi {
 protected:
  std::string compliance = server.bearer("acme-compliance");
  std::string admin = server.bearer("acme-admin");
  std::string auditor = server.bearer("acme-auditor");

  Reply put_yaml(const std::string& body, Headers extra = {}) {
    extra.emplace_back("Content-Type", "application/yaml");
    return call("PUT", "/suppliers", compliance, body, extra);
  }
};

TEST_F(SupplierApi, NothingStoredIsA404ThatSaysHowToStoreOne) {
  auto none = call("GET", "/suppliers", auditor);
  EXPECT_EQ(none.status, 404);
  EXPECT_NE(none.body.find("vigil supplier import"), std::string::npos) << none.body;
  EXPECT_EQ(call("GET", "/suppliers/analysis", auditor).status, 404);
  auto meta = call("GET", "/suppliers/meta", auditor);
  EXPECT_EQ(meta.status, 200);
  EXPECT_TRUE(json::parse(meta.body)["register"].is_null());
}

TEST_F(SupplierApi, PutStoresTheRegisterAndGetGivesItBackWithItsETag) {
  auto created = put_yaml(example_yaml());
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.header("ETag"), "\"1\"");
  const json summary = json::parse(created.body);
  EXPECT_EQ(summary["suppliers"], 30);
  EXPECT_EQ(summary["updated_by"], "acme-compliance");
  EXPECT_EQ(summary["changes"]["suppliers"]["added"], 30);

  auto got = call("GET", "/suppliers", auditor);
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(got.header("ETag"), "\"1\"");
  // What GET gives, PUT takes back (JSON): the same register, nothing written.
  auto again = call("PUT", "/suppliers", compliance, got.body, {{"If-Match", "\"1\""}});
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_TRUE(json::parse(again.body)["unchanged"].get<bool>());

  // The trail has the import with who and the new SHA-256.
  auto events = call("GET", "/audit/events?subject=suppliers", auditor);
  ASSERT_EQ(events.status, 200) << events.body;
  const json list = json::parse(events.body)["events"];
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["kind"], "suppliers.imported");
  EXPECT_EQ(list[0]["actor"], "acme-compliance");
  EXPECT_EQ(list[0]["new"]["sha256"], summary["sha256"]);

  auto verify = call("GET", "/audit/verify", auditor);
  ASSERT_EQ(verify.status, 200);
  EXPECT_TRUE(json::parse(verify.body)["intact"].get<bool>()) << verify.body;
  EXPECT_EQ(json::parse(verify.body)["records"]["supplier_rows"], 90);
}

TEST_F(SupplierApi, ReplacingNeedsIfMatch) {
  ASSERT_EQ(put_yaml(example_yaml()).status, 201);
  std::string changed = example_yaml();
  changed.replace(changed.find("critical: true"), 14, "critical: false");
  auto missing = put_yaml(changed);
  EXPECT_EQ(missing.status, 428) << missing.body;
  auto stale = put_yaml(changed, {{"If-Match", "\"7\""}});
  EXPECT_EQ(stale.status, 412) << stale.body;
  auto garbage = put_yaml(changed, {{"If-Match", "W/abc"}});
  EXPECT_EQ(garbage.status, 412) << garbage.body;
  auto ok = put_yaml(changed, {{"If-Match", "\"1\""}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.header("ETag"), "\"2\"");
  EXPECT_EQ(json::parse(ok.body)["changes"]["functions"]["changed"], 1);
  EXPECT_EQ(json::parse(ok.body)["previous"]["revision"], 1);
}

TEST_F(SupplierApi, ABadRegisterIsRefusedWithEveryErrorAtItsLineAndField) {
  const std::string bad =
      "functions:\n"
      "  - {id: web, name: Web, critical: true}\n"
      "suppliers:\n"
      "  - {id: cloud, name: Cloud, country: XX, services: [Hosting], substitutable: false, exit_plan: false}\n"
      "dependencies:\n"
      "  - {from: web, to: clod, kind: hosting}\n";
  auto refused = put_yaml(bad);
  ASSERT_EQ(refused.status, 400) << refused.body;
  const json problem = json::parse(refused.body);
  std::vector<std::string> where;
  for (const auto& e : problem["errors"]) where.push_back(e["where"]);
  ASSERT_EQ(where.size(), 2u) << refused.body;
  EXPECT_EQ(where[0], "body:4: suppliers[0].country");
  EXPECT_EQ(where[1], "body:6: dependencies[0].to");
  EXPECT_EQ(call("GET", "/suppliers", auditor).status, 404);  // nothing half-written
  auto not_json = call("PUT", "/suppliers", compliance, "{\"functions\": [");
  EXPECT_EQ(not_json.status, 400);
}

TEST_F(SupplierApi, ReadOnlyRolesCannotImport) {
  auto refused = call("PUT", "/suppliers", auditor, "{}", {{"Content-Type", "application/json"}});
  EXPECT_EQ(refused.status, 403);
  auto by_admin = call("PUT", "/suppliers", admin, example_yaml(), {{"Content-Type", "application/yaml"}});
  EXPECT_EQ(by_admin.status, 201) << by_admin.body;
}

TEST_F(SupplierApi, AnalysisImpactAndDirectoryAnswerAsTheCommandLine) {
  ASSERT_EQ(put_yaml(example_yaml()).status, 201);
  const supplier::Register reg = example_register();
  supplier::AnalysisOptions options;
  options.as_of = *parse_date("2026-11-30", "test");
  auto analysis = call("GET", "/suppliers/analysis?as_of=2026-11-30", auditor);
  ASSERT_EQ(analysis.status, 200) << analysis.body;
  EXPECT_EQ(json::parse(analysis.body), json::parse(supplier::render_json(supplier::analyse(reg, options))));
  auto threshold = call("GET", "/suppliers/analysis?as_of=2026-11-30&threshold=90&required_clauses=none", auditor);
  ASSERT_EQ(threshold.status, 200) << threshold.body;
  EXPECT_EQ(json::parse(threshold.body)["threshold_percent"], 90.0);
  EXPECT_EQ(json::parse(threshold.body)["required_clauses"], json::array());
  auto bad = call("GET", "/suppliers/analysis?as_of=2026-13-01&threshold=abc", auditor);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(json::parse(bad.body)["errors"].size(), 2u) << bad.body;

  auto impact = call("GET", "/suppliers/impact?supplier=equidata-fra", auditor);
  ASSERT_EQ(impact.status, 200) << impact.body;
  auto expected = supplier::impact(reg, {supplier::ImpactScope::Supplier, "equidata-fra"});
  ASSERT_TRUE(expected);
  EXPECT_EQ(json::parse(impact.body), json::parse(supplier::render_json(*expected)));
  EXPECT_EQ(call("GET", "/suppliers/impact?country=US", auditor).status, 200);
  EXPECT_EQ(call("GET", "/suppliers/impact?group=equidata", auditor).status, 200);
  EXPECT_EQ(call("GET", "/suppliers/impact", auditor).status, 400);
  EXPECT_EQ(call("GET", "/suppliers/impact?supplier=a&country=DE", auditor).status, 400);
  auto unknown = call("GET", "/suppliers/impact?supplier=nobody", auditor);
  EXPECT_EQ(unknown.status, 400) << unknown.body;

  auto directory = call("GET", "/suppliers/directory", auditor);
  ASSERT_EQ(directory.status, 200);
  EXPECT_EQ(json::parse(directory.body)["suppliers"].size(), 30u);
  auto csv = call("GET", "/suppliers/directory?format=csv", auditor);
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv.header("Content-Disposition"),
            "attachment; filename=\"supplier-directory-acme.csv\"; filename*=UTF-8''supplier-directory-acme.csv");
  EXPECT_EQ(csv.body.rfind("id,", 0), 0u) << csv.body.substr(0, 80);
  EXPECT_EQ(call("GET", "/suppliers/directory?format=xml", auditor).status, 400);
}

TEST_F(SupplierApi, AnIncidentOpenedFromASupplierRecordsTheAffectedFunctions) {
  std::string responder = server.bearer("acme-responder");
  auto body = [](const std::string& supplier) {
    auto opening = incident_body("Colocation outage", "2026-03-02T09:00:00Z");
    opening["supplier"] = supplier;
    return opening.dump();
  };
  auto before = call("POST", "/incidents", responder, body("equidata-fra"));
  ASSERT_EQ(before.status, 400) << before.body;  // no register stored yet
  EXPECT_NE(before.body.find("no stored supplier register"), std::string::npos) << before.body;
  // The API names its own way to store one, never a command line.
  EXPECT_NE(before.body.find("PUT /api/v1/orgs/acme/suppliers"), std::string::npos) << before.body;
  EXPECT_EQ(before.body.find("vigil supplier"), std::string::npos) << before.body;
  ASSERT_EQ(put_yaml(example_yaml()).status, 201);
  auto unknown = call("POST", "/incidents", responder, body("equidata-frx"));
  ASSERT_EQ(unknown.status, 400) << unknown.body;
  EXPECT_EQ(json::parse(unknown.body)["errors"][0]["where"], "body: supplier") << unknown.body;
  EXPECT_NE(unknown.body.find("equidata-fra"), std::string::npos) << unknown.body;
  EXPECT_NE(unknown.body.find("GET /api/v1/orgs/acme/suppliers/directory"), std::string::npos) << unknown.body;
  EXPECT_EQ(unknown.body.find("--db"), std::string::npos) << unknown.body;
  auto opened = call("POST", "/incidents", responder, body("equidata-fra"));
  ASSERT_EQ(opened.status, 201) << opened.body;
  const json record = json::parse(opened.body);
  EXPECT_EQ(record["supplier"]["id"], "equidata-fra");
  const json& affected = record["supplier"]["affected_functions"];
  ASSERT_FALSE(affected.empty());
  EXPECT_TRUE(affected[0]["critical"].get<bool>());  // critical first
  auto expected = supplier::impact(example_register(), {supplier::ImpactScope::Supplier, "equidata-fra"});
  ASSERT_TRUE(expected);
  EXPECT_EQ(affected.size(), expected->functions.size());
}

TEST_F(SupplierApi, TheOpenApiDocumentDescribesTheRegister) {
  auto doc = fetch(server.port(), "GET", "/api/v1/openapi.json", "", {});
  ASSERT_EQ(doc.status, 200);
  const json api = json::parse(doc.body);
  const json& put = api["paths"]["/api/v1/orgs/{org}/suppliers"]["put"];
  EXPECT_EQ(put["requestBody"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/SupplierRegister");
  EXPECT_TRUE(api["components"]["schemas"].contains("SupplierAnalysis"));
  EXPECT_EQ(api["components"]["schemas"]["SupplierRegister"]["required"],
            json({"functions", "suppliers", "dependencies"}));
}

// A supplier name with an escape code or a bidi override is refused where it
// is put, naming the line and field, so `supplier directory -f csv` never
// writes one.
TEST_F(SupplierApi, PutRefusesControlAndBidiCharactersInNames) {
  std::string yaml = example_yaml();
  const std::string name = "    name: IaaS compute platform (virtual machines)";
  ASSERT_NE(yaml.find(name), std::string::npos);
  std::string esc = yaml;
  esc.replace(esc.find(name), name.size(), "    name: \"IaaS\\e[2J\"");
  auto refused = put_yaml(esc);
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_NE(refused.body.find("functions[0].name"), std::string::npos) << refused.body;
  EXPECT_NE(refused.body.find("U+001B ESCAPE at character 5"), std::string::npos) << refused.body;
  std::string rlo = yaml;
  rlo.replace(rlo.find(name), name.size(), "    name: IaaS\xE2\x80\xAE");
  auto bidi = put_yaml(rlo);
  EXPECT_EQ(bidi.status, 400) << bidi.body;
  EXPECT_NE(bidi.body.find("U+202E RIGHT-TO-LEFT OVERRIDE at character 5"), std::string::npos) << bidi.body;
  EXPECT_EQ(call("GET", "/suppliers", auditor).status, 404);
}

}  // namespace
}  // namespace vigil::test
