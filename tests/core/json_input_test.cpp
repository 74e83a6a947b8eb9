#include "core/json_input.h"

#include <gmock/gmock.h>
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

TEST(ParseJson, RefusesADuplicateKeyNamingItAndItsLine) {
  auto parsed = parse_json(
      "{\"awareness_time\": \"2025-03-29T10:17:00Z\", \"timezone\": \"Europe/Berlin\",\n"
      " \"awareness_time\": \"2025-03-01T10:17:00Z\"}",
      "clock.json");
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().where, "clock.json:2");
  EXPECT_NE(parsed.error().message.find("'awareness_time' appears twice"), std::string::npos) << parsed.error().message;
  auto nested = parse_json(R"({"impact": {"a": 1, "a": 2}})", "body");
  ASSERT_FALSE(nested);
  EXPECT_NE(nested.error().message.find("(in impact)"), std::string::npos) << nested.error().message;
  EXPECT_TRUE(parse_json(R"([{"a": 1}, {"a": 2}])", "body"));  // the same key in two objects is fine
}

TEST(ParseJson, ADuplicateKeyInsideAListNamesItsPosition) {
  auto in_list = parse_json("[{\"a\": 1},\n {\"b\": 1, \"b\": 2}]", "rows.json");
  ASSERT_FALSE(in_list);
  EXPECT_EQ(in_list.error().where, "rows.json:2");
  EXPECT_NE(in_list.error().message.find("appears twice in one object (in [1])"), std::string::npos)
      << in_list.error().message;
  auto nested = parse_json(R"({"rows": [{}, {"meta": {"x": 1, "x": 2}}]})", "body");
  ASSERT_FALSE(nested);
  EXPECT_NE(nested.error().message.find("(in rows[1].meta)"), std::string::npos) << nested.error().message;
}

TEST(ParseJson, RefusesDeepNestingAndNumbersOutOfRange) {
  std::string deep = std::string(100'000, '[') + std::string(100'000, ']');
  auto parsed = parse_json(deep, "body");
  ASSERT_FALSE(parsed);
  EXPECT_NE(parsed.error().message.find("nested deeper than 64"), std::string::npos);
  EXPECT_TRUE(parse_json(std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']'), "body"));
  EXPECT_FALSE(parse_json(std::string(kMaxJsonDepth + 1, '[') + std::string(kMaxJsonDepth + 1, ']'), "body"));
  auto huge = parse_json("{\n\"employees\": 1e999}", "entity.json");
  ASSERT_FALSE(huge);
  EXPECT_EQ(huge.error().where, "entity.json:2");
  EXPECT_NE(huge.error().message.find("number overflow"), std::string::npos) << huge.error().message;
  EXPECT_FALSE(parse_json("\"K\xF6ln\"", "body"));  // not UTF-8
}

TEST(JsonObjectReader, BoundsTextAndNeverDumpsAWholeValue) {
  auto value = nlohmann::json::parse(R"({"name": "x", "nested": {"a": [1, 2, {"b": "c"}]}})");
  value["name"] = std::string(kMaxTextBytes + 1, 'n');
  JsonObjectReader reader(value, "body");
  EXPECT_FALSE(reader.text("name"));
  EXPECT_FALSE(reader.text("nested"));
  auto done = reader.finish();
  ASSERT_FALSE(done);
  EXPECT_THAT(describe(done.error()),
              testing::AllOf(testing::HasSubstr("65537 bytes long"), testing::HasSubstr("got an object with 1 fields"),
                             testing::Not(testing::HasSubstr("\"b\""))));
}

// Every text field of an API body refuses what could hide or reorder what a
// reader sees; multi-line text keeps its line breaks; a password is taken as typed.
TEST(JsonObjectReader, RefusesControlAndBidiCharactersInTextButNotInSecrets) {
  auto value = nlohmann::json::parse(R"({"title": "a\u001b[2Jb", "note": "line\nnext\ttab",
                                          "items": ["ok", "evil\u202Etxt"], "password": "p\u0007ss"})");
  JsonObjectReader reader(value, "body");
  EXPECT_FALSE(reader.text("title"));
  EXPECT_EQ(reader.text("note"), "line\nnext\ttab");
  EXPECT_EQ(reader.text_list("items"), std::vector<std::string>{"ok"});
  EXPECT_EQ(reader.secret("password", 1024), std::optional<std::string>("p\x07ss"));
  auto done = reader.finish();
  ASSERT_FALSE(done);
  EXPECT_EQ(done.error().where, "body: title");
  EXPECT_NE(done.error().message.find("U+001B ESCAPE at character 2"), std::string::npos) << done.error().message;
  ASSERT_EQ(done.error().more.size(), 1u);
  EXPECT_EQ(done.error().more[0].where, "body: items[1]");
  EXPECT_NE(done.error().more[0].message.find("U+202E"), std::string::npos);
}

}  // namespace
}  // namespace vigil
