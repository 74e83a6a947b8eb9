#include "core/json_input.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace vigil {
namespace {

TEST(JsonObjectReader, ReadsTypedFieldsAndDefaultsFlagsToFalse) {
  auto j = nlohmann::json::parse(R"({"employees": 250, "annual_turnover_eur": 50000000.01, "sole": true})");
  JsonObjectReader r(j, "entity.json");
  EXPECT_EQ(r.count("employees"), 250);
  EXPECT_EQ(r.euros("annual_turnover_eur")->value, 5000000001);
  EXPECT_TRUE(r.flag("sole"));
  EXPECT_FALSE(r.flag("absent"));
  EXPECT_TRUE(r.finish());
}

TEST(JsonObjectReader, ReportsUnknownFieldWithNearestName) {
  auto j = nlohmann::json::parse(R"({"employes": 3})");
  JsonObjectReader r(j, "entity.json");
  r.count("employees");
  auto done = r.finish();
  ASSERT_FALSE(done);
  EXPECT_EQ(done.error().where, "entity.json: employes");
  EXPECT_NE(done.error().message.find("employees"), std::string::npos);
}

TEST(JsonObjectReader, CollectsAllErrors) {
  auto j = nlohmann::json::parse(R"({"employees": -1, "annual_turnover_eur": "lots", "x": 1})");
  JsonObjectReader r(j, "e.json");
  r.count("employees");
  r.euros("annual_turnover_eur");
  r.count("balance_sheet_total_eur", Presence::Required);
  auto done = r.finish();
  ASSERT_FALSE(done);
  EXPECT_EQ(done.error().more.size(), 3u);
}

}  // namespace
}  // namespace vigil
