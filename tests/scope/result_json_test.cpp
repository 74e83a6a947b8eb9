// append_json() must print exactly what to_json().dump(2) prints, nested or
// not, for every entity type and the special cases (sizes, fines, partners,
// main establishment, entity-wide grounds, odd names), since batch output and
// single output are documented as the same JSON.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "catalog/catalog.h"
#include "scope/result_json_writer.h"
#include "scope/scope.h"

namespace vigil::scope {
namespace {

using nlohmann::json;

std::string written(const ScopeResult& r, int depth, std::optional<std::size_t> line = std::nullopt) {
  std::string out;
  append_json(out, r, depth, line);
  return out;
}

// What the batch printed before it streamed: one nlohmann array of objects,
// each with its "line".
std::string nlohmann_list(const ScopeResult& r, std::size_t line) {
  json j = to_json(r);
  j["line"] = line;
  return json::array({j}).dump(2);
}

void expect_same(const ScopeResult& r, const std::string& label) {
  EXPECT_EQ(written(r, 0), to_json(r).dump(2)) << label;
  EXPECT_EQ("[\n  " + written(r, 1, 42) + "\n]", nlohmann_list(r, 42)) << label;
}

// Entities of every type in several sizes and with the special facts; those
// that are contradictory for a type are rejected by parse_entity and skipped.
std::vector<json> inputs() {
  const std::vector<json> extras = {
      json::object(),
      {{"group_worldwide_turnover_eur", "123456789.01"}},
      {{"partner_enterprises", json::array({{{"employees", 10.5},
                                             {"annual_turnover_eur", 1000000},
                                             {"balance_sheet_total_eur", 1000000},
                                             {"holding_percent", 30}}})},
       {"linked_enterprises",
        json::array({{{"employees", 3}, {"annual_turnover_eur", 5}, {"balance_sheet_total_eur", 5}}})}},
      {{"main_establishment", {{"decisions_taken_in", "DE"}}}},
      {{"main_establishment", {{"operations_carried_out_in", "FR"}, {"most_employees_in", "DE"}}}},
      {{"public_administration_level", "regional"}, {"regional_risk_assessment_positive", true}},
      {{"public_administration_level", "central"}},
      {{"cer_critical_entity", true}, {"name", "Quote \" back\\slash\ttab\nnew\x01 ctl \x7f del, Grüße €"}},
      {{"member_state_designation", "important"}, {"sole_provider_in_member_state", true}},
      {{"ancillary_activity", true}, {"name", "Ancillary"}},
      {{"qualified_trust_service_provider", true}},
      {{"domain_name_registration_services", true}},
      {{"provides_services_in_eu", false}},
  };
  const std::vector<std::array<std::int64_t, 3>> sizes = {
      {5, 1, 1}, {49, 10000000, 10000000}, {100, 1, 1}, {300, 90000000, 60000000}};
  std::vector<json> out;
  std::vector<std::vector<std::string>> type_lists = {{}};
  for (const catalog::EntityType& t : catalog::builtin().entity_types) type_lists.push_back({std::string(t.id)});
  type_lists.push_back({"digital_infrastructure.dns_service_provider", "domain_name_registration.provider"});
  for (const auto& types : type_lists) {
    for (const auto& size : sizes) {
      for (const json& extra : extras) {
        json j = {{"entity_types", types},
                  {"employees", size[0]},
                  {"annual_turnover_eur", size[1]},
                  {"balance_sheet_total_eur", size[2]},
                  {"provides_services_in_eu", true}};
        for (auto& [k, v] : extra.items()) j[k] = v;
        out.push_back(std::move(j));
      }
    }
  }
  return out;
}

TEST(ResultJson, WriterPrintsWhatNlohmannPrints) {
  std::size_t compared = 0;
  std::set<Classification> seen;
  for (const json& input : inputs()) {
    auto entity = parse_entity(input, "t.json");
    if (!entity) continue;
    const ScopeResult r = classify(*entity);
    seen.insert(r.classification);
    expect_same(r, input.dump());
    if (HasFailure()) return;  // one diff is enough to read
    ++compared;
  }
  // The comparison covered many entities and every classification.
  EXPECT_GT(compared, 1000u);
  EXPECT_EQ(seen.size(), 4u);
}

TEST(ResultJson, SizeNotAskedAndEmptyResult) {
  ScopeResult empty;
  expect_same(empty, "default result");
  auto entity = parse_entity(json{{"entity_types", {"energy.electricity.producer"}},
                                  {"employees", 1},
                                  {"annual_turnover_eur", 1},
                                  {"balance_sheet_total_eur", 1},
                                  {"provides_services_in_eu", true}},
                             "t.json");
  ASSERT_TRUE(entity);
  entity->own.reset();  // as after an interview that skipped the size questions
  expect_same(classify(*entity), "no size");
}

TEST(ResultJson, StringsEscapedAsNlohmannDoes) {
  std::string all;
  for (int c = 1; c < 0x80; ++c) all += static_cast<char>(c);
  all += "é\xE2\x82\xAC\xF0\x9F\x98\x80";  // two-, three- and four-byte UTF-8
  std::string out;
  append_json_string(out, all);
  EXPECT_EQ(out, json(all).dump());
  EXPECT_TRUE(json::accept(out));
}

TEST(ResultJson, InvalidUtf8BecomesReplacementCharacter) {
  std::string out;
  append_json_string(out,
                     "a\xFF"
                     "b\xC3");  // a stray byte, a truncated sequence
  EXPECT_EQ(out,
            "\"a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD\"");
  EXPECT_TRUE(json::accept(out));
}

}  // namespace
}  // namespace vigil::scope
