// The catalog routes answer exactly what the CLI prints with --format json for
// the same question (the golden .out files, compared key order included), and
// name the parameter of a bad question.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "server/test_server.h"

namespace vigil::test {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

ordered_json catalog_golden(const std::string& name) {
  return ordered_json::parse(source_text("tests/golden/catalog/" + name + ".out"));
}

class CatalogApi : public AuditorApi {
 protected:
  // The reply parsed with its key order, after checking its status.
  ordered_json ok(const std::string& target) {
    auto reply = get(target);
    EXPECT_EQ(reply.status, 200) << target << " " << reply.body;
    EXPECT_EQ(reply.header("Content-Type").value_or(""), "application/json");
    return reply.status == 200 ? ordered_json::parse(reply.body) : ordered_json();
  }
};

TEST_F(CatalogApi, EachRouteAnswersWhatTheCliPrints) {
  // Each route and the golden output of its CLI command; ids in any case, as on the command line.
  const std::pair<const char*, const char*> routes[] = {
      {"/api/v1/catalog", "catalog_json"},
      {"/api/v1/catalog/A.8.24", "show_control_json"},
      {"/api/v1/catalog/rep.final_report", "show_requirement_json"},
      {"/api/v1/catalog/public_administration.central_government", "show_entity_type_json"},
      {"/api/v1/catalog/Art.%2021(2)(h)", "show_article_words"},
      {"/api/v1/catalog/rm.cyber_hygiene/mapping", "map_requirement_json"},
      {"/api/v1/coverage", "coverage_json"},
      {"/api/v1/coverage?regulation=ir-2024-2690", "coverage_ir_json"},
      {"/api/v1/catalog-search?q=incident+notification+72+hours&limit=3", "search_json"},
      {"/api/v1/standard/iso27001", "standard_json"},
      {"/api/v1/catalog/a.8.24", "show_control_json"},
      {"/api/v1/standard/ISO27001", "standard_json"},
      {"/api/v1/catalog/art%206", "show_art_6_json"},
  };
  for (const auto& [target, golden] : routes) EXPECT_EQ(ok(target), catalog_golden(golden)) << target;
}

TEST_F(CatalogApi, OneSectionIsTheCliSectionListing) {
  auto all = ok("/api/v1/catalog");
  auto roadmap = ok("/api/v1/catalog?section=roadmap");
  ASSERT_EQ(roadmap.size(), 1u) << roadmap.dump();
  EXPECT_EQ(roadmap["roadmap"], all["roadmap"]);
  // Obligations are not a top-level array of the whole dump, but a section of their own.
  auto obligations = ok("/api/v1/catalog?section=obligations");
  EXPECT_FALSE(obligations["obligations"].empty());
  EXPECT_FALSE(all.contains("obligations"));
}

TEST_F(CatalogApi, UnknownIdIs404WithTheNearestIds) {
  auto reply = get("/api/v1/catalog/rm.cryptografy");
  ASSERT_EQ(reply.status, 404) << reply.body;
  EXPECT_EQ(reply.header("Content-Type").value_or(""), "application/problem+json");
  auto body = json::parse(reply.body);
  EXPECT_NE(body["detail"].get<std::string>().find("did you mean rm.cryptography?"), std::string::npos) << reply.body;
  EXPECT_TRUE(answered(get("/api/v1/catalog/A.8.42/mapping"), 404, "A.8.24"));
  EXPECT_TRUE(answered(get("/api/v1/standard/iso27002"), 404, "iso27001"));
}

TEST_F(CatalogApi, BadQuestionsAre400NamingTheParameter) {
  auto section = get("/api/v1/catalog?section=controls");
  ASSERT_EQ(section.status, 400) << section.body;
  auto errors = json::parse(section.body)["errors"];
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0]["where"], "section");
  EXPECT_NE(errors[0]["message"].get<std::string>().find("entity_types"), std::string::npos);

  auto regulation = get("/api/v1/coverage?regulation=dora");
  ASSERT_EQ(regulation.status, 400) << regulation.body;
  EXPECT_EQ(json::parse(regulation.body)["errors"][0]["where"], "regulation");

  // An entity type does not map to ISO 27001.
  EXPECT_EQ(get("/api/v1/catalog/public_administration.central_government/mapping").status, 400);

  auto missing = get("/api/v1/catalog-search");
  ASSERT_EQ(missing.status, 400) << missing.body;
  EXPECT_EQ(json::parse(missing.body)["errors"][0]["where"], "q");
  auto stop_words = get("/api/v1/catalog-search?q=the+of");
  ASSERT_EQ(stop_words.status, 400) << stop_words.body;
  EXPECT_EQ(json::parse(stop_words.body)["errors"][0]["where"], "q");
  // Both bad at once: both named.
  auto both = get("/api/v1/catalog-search?q=&limit=0");
  ASSERT_EQ(both.status, 400) << both.body;
  auto list = json::parse(both.body)["errors"];
  ASSERT_EQ(list.size(), 2u) << both.body;
  EXPECT_EQ(list[0]["where"], "q");
  EXPECT_EQ(list[1]["where"], "limit");
  for (auto limit : {"1001", "ten", "-1", "3x"}) {
    auto bad = get(std::string("/api/v1/catalog-search?q=encryption&limit=") + limit);
    EXPECT_EQ(bad.status, 400) << limit;
    EXPECT_NE(bad.body.find("limit"), std::string::npos) << bad.body;
  }
  EXPECT_EQ(ok("/api/v1/catalog-search?q=encryption&limit=1000")["results"].empty(), false);
  EXPECT_EQ(ok("/api/v1/catalog-search?q=encryption&limit=1")["results"].size(), 1u);
}

TEST_F(CatalogApi, AQueryParameterTheRouteDoesNotReadIsRefused) {
  // A misspelt parameter is an error, not silently the default.
  auto misspelt = get("/api/v1/catalog?sectoin=requirements");
  ASSERT_EQ(misspelt.status, 400) << misspelt.body;
  auto error = json::parse(misspelt.body)["errors"][0];
  EXPECT_EQ(error["where"], "query: sectoin");
  EXPECT_EQ(error["message"], "not a parameter of this route; it reads section");
  auto none = fetch(server.port(), "GET", "/healthz?verbose=1");
  ASSERT_EQ(none.status, 400) << none.body;
  EXPECT_EQ(json::parse(none.body)["errors"][0]["message"], "this route takes no query parameters");
  // After authentication: a stranger learns nothing from it.
  EXPECT_EQ(fetch(server.port(), "GET", "/api/v1/catalog?sectoin=x").status, 401);
  // Declared ones pass, and the OpenAPI document lists them.
  EXPECT_EQ(get("/api/v1/catalog-search?q=encryption&limit=2").status, 200);
  auto spec = json::parse(fetch(server.port(), "GET", "/api/v1/openapi.json").body);
  bool listed = false;
  for (const auto& p : spec["paths"]["/api/v1/catalog-search"]["get"]["parameters"]) {
    if (p["name"] == "limit" && p["in"] == "query") listed = true;
  }
  EXPECT_TRUE(listed);
}

TEST_F(CatalogApi, NeedsASignedInUser) {
  EXPECT_EQ(fetch(server.port(), "GET", "/api/v1/catalog").status, 401);
  EXPECT_EQ(fetch(server.port(), "GET", "/api/v1/coverage").status, 401);
}

}  // namespace
}  // namespace vigil::test
