// Every scenario Vigil ships parses, meets the content rules checked below, and
// its perfect play (tests/exercise/plays/<id>.json) scores every expectation met.
#include "exercise/bundled.h"

#include <fstream>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "catalog/catalog.h"
#include "exercise/score.h"
#include "exercise_fixtures.h"

namespace vigil::exercise {
namespace {

std::vector<Scenario> all() {
  std::vector<Scenario> out;
  for (const auto& b : bundled_scenarios()) {
    auto s = parse_scenario(b.text, b.file, testing::locate);
    EXPECT_TRUE(s) << b.file << ": " << (s ? "" : describe(s.error()));
    if (s) out.push_back(*s);
  }
  return out;
}

TEST(Bundled, AtLeastSixScenariosAllValid) {
  auto scenarios = all();
  EXPECT_EQ(scenarios.size(), bundled_scenarios().size());
  EXPECT_GE(scenarios.size(), 6u);
  std::set<std::string> ids;
  for (const auto& s : scenarios) EXPECT_TRUE(ids.insert(s.id).second) << "duplicate id " << s.id;
}

TEST(Bundled, EachHasTheContentTheIssueAsksFor) {
  for (const auto& s : all()) {
    SCOPED_TRACE(s.id);
    EXPECT_GE(s.injects.size(), 8u);
    EXPECT_NE(catalog::find_entity_type(s.entity_type), nullptr);
    EXPECT_NE(s.awareness_inject(), nullptr);
    std::set<std::string> reports, actions, roles;
    for (const auto& e : s.expectations) {
      if (e.report) reports.insert(std::string(incident::to_string(*e.report)));
      actions.insert(std::string(to_string(e.action)));
      if (!e.role.empty()) roles.insert(e.role);
    }
    for (const char* report : {"early-warning", "notification", "final"}) EXPECT_TRUE(reports.count(report)) << report;
    for (const char* action : {"open", "assess", "decide", "evidence", "involve"})
      EXPECT_TRUE(actions.count(action)) << action;
    EXPECT_TRUE(roles.count("management") || roles.count("legal"));
    int decisions = 0;
    for (const auto& e : s.expectations) decisions += e.action == Action::Decide;
    EXPECT_GE(decisions, 2);
    // The facts move the verdict: covered types go from undetermined to significant.
    const auto* type = catalog::find_entity_type(s.entity_type);
    ASSERT_FALSE(s.significance.empty());
    if (type && type->ir_2024_2690) {
      EXPECT_FALSE(s.significance.front().significant.has_value());
      EXPECT_EQ(s.significance.back().significant, true);
    }
  }
}

TEST(Bundled, TheSixCasesOfTheIssueAreThere) {
  std::set<std::string> types;
  bool trust = false, gdpr = false;
  for (const auto& s : all()) {
    types.insert(s.entity_type);
    trust = trust || s.trust_service_incident;
    for (const auto& e : s.expectations) gdpr = gdpr || e.by == RegulatoryDue::GdprBreach;
  }
  for (const char* type : {"digital_infrastructure.cloud_computing_service_provider",
                           "digital_infrastructure.dns_service_provider", "health.healthcare_provider",
                           "digital_providers.online_marketplace", "digital_infrastructure.trust_service_provider"}) {
    EXPECT_TRUE(types.count(type)) << type;
  }
  EXPECT_TRUE(trust);
  EXPECT_TRUE(gdpr);
  EXPECT_FALSE(catalog::find_entity_type("health.healthcare_provider")->ir_2024_2690);
}

TEST(Bundled, EachPerfectPlayScoresAllMet) {
  for (const auto& s : all()) {
    SCOPED_TRACE(s.id);
    std::ifstream in(std::string(VIGIL_SOURCE_DIR) + "/tests/exercise/plays/" + s.id + ".json");
    ASSERT_TRUE(in) << "no perfect play for " << s.id;
    std::stringstream text;
    text << in.rdbuf();
    auto play = parse_play(text.str(), s.id + ".json");
    ASSERT_TRUE(play) << describe(play.error());
    auto result = score(s, *play);
    ASSERT_TRUE(result) << describe(result.error());
    EXPECT_EQ(result->summary.met, result->summary.total);
    EXPECT_EQ(result->summary.not_evaluated, 0);
    for (const auto& o : result->objectives) EXPECT_EQ(o.rating, ObjectiveRating::P) << o.objective->id;
    for (const auto& r : result->reports) EXPECT_EQ(r.on_time, true) << incident::to_string(r.report);
    EXPECT_TRUE(result->coordination.missing_roles.empty());
  }
}

}  // namespace
}  // namespace vigil::exercise
