// The catalog JSON keeps the shape of its first edition:
// the second edition may add arrays and fields, never drop, rename, reorder
// or retype what clients of `vigil catalog --format json` and
// GET /api/v1/catalog already read.
#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "catalog/catalog_json.h"

namespace vigil::catalog {
namespace {

using Kind = nlohmann::json::value_t;

// The first edition (tests/golden/catalog/catalog_json.out at 529b348): each
// array and the fields of its items, in order, with their JSON type. A null
// field (the theme of a clause) may be a string in other items.
constexpr const char* kFirstEdition = R"({
  "iso27001": {"id": "string", "title": "string", "kind": "string", "theme": "null", "group": "string",
               "assessable": "boolean"},
  "requirements": {"id": "string", "article": "string", "title": "string", "summary": "string", "group": "string",
                   "iso27001": "array", "relationship": "string", "coverage": "string", "rationale": "string",
                   "documents": "array"},
  "articles": {"id": "string", "number": "number", "title": "string", "summary": "string", "obligations": "array",
               "requirements": "array"},
  "entity_types": {"id": "string", "annex": "string", "sector": "string", "subsector": "string",
                   "entity_type": "string", "defined_in": "string", "size_independent_basis": "string",
                   "annex_exclusion": "string", "ir_2024_2690": "boolean", "jurisdiction": "string"},
  "roadmap": {"number": "number", "id": "string", "title": "string", "description": "string",
              "requirements": "array", "iso27001": "array", "documents": "array", "achieved_by_iso27001": "boolean"},
  "standards": {"id": "string", "name": "string", "overview": "string", "applicability": "string",
                "coverage_areas": "array", "related_articles": "array", "quick_facts": "array"}
})";

struct Array {
  std::string name;
  std::vector<std::pair<std::string, Kind>> fields;
};

const std::vector<Array>& first_edition() {
  static const std::vector<Array> arrays = [] {
    const std::map<std::string, Kind> kinds = {{"string", Kind::string},
                                               {"null", Kind::null},
                                               {"boolean", Kind::boolean},
                                               {"array", Kind::array},
                                               {"number", Kind::number_unsigned}};
    std::vector<Array> out;
    const OrderedJson shape = OrderedJson::parse(kFirstEdition);
    for (const auto& [name, fields] : shape.items()) {
      Array array{name, {}};
      for (const auto& [field, kind] : fields.items())
        array.fields.emplace_back(field, kinds.at(kind.get<std::string>()));
      out.push_back(std::move(array));
    }
    return out;
  }();
  return arrays;
}

bool same_kind(Kind expected, Kind actual) {
  auto number = [](Kind k) { return k == Kind::number_integer || k == Kind::number_unsigned; };
  if (number(expected)) return number(actual);
  if (expected == Kind::null) return actual == Kind::null || actual == Kind::string;
  if (expected == Kind::string) return actual == Kind::string || actual == Kind::null;
  return expected == actual;
}

// What differs from the first edition's shape, one line per problem.
std::vector<std::string> shape_problems(const OrderedJson& json) {
  std::vector<std::string> problems;
  // The first edition's arrays come first, in their order; new ones follow.
  std::vector<std::string> top;
  for (const auto& [key, value] : json.items()) top.push_back(key);
  for (std::size_t i = 0; i < first_edition().size(); ++i)
    if (i >= top.size() || top[i] != first_edition()[i].name)
      problems.push_back("array " + first_edition()[i].name + " not at position " + std::to_string(i));
  for (const Array& array : first_edition()) {
    if (!json.contains(array.name) || !json[array.name].is_array() || json[array.name].empty()) {
      problems.push_back("array " + array.name + " missing or empty");
      continue;
    }
    for (const OrderedJson& item : json[array.name]) {
      // Every old field still there, with its type, in the old relative order.
      std::vector<std::string> keys;
      for (const auto& [key, value] : item.items()) keys.push_back(key);
      std::size_t last = 0;
      std::string id = item.contains("id") && item["id"].is_string() ? item["id"].get<std::string>() : "?";
      for (const auto& [field, kind] : array.fields) {
        auto at = std::find(keys.begin(), keys.end(), field);
        if (at == keys.end()) {
          problems.push_back(array.name + " " + id + " lost " + field);
          continue;
        }
        std::size_t position = static_cast<std::size_t>(at - keys.begin());
        if (position < last) problems.push_back(array.name + " " + id + " moved " + field);
        last = position;
        if (!same_kind(kind, item[field].type())) problems.push_back(array.name + " " + id + " retyped " + field);
      }
    }
  }
  return problems;
}

TEST(CatalogJson, KeepsTheFirstEditionShape) {
  OrderedJson json = catalog_json(builtin());
  EXPECT_EQ(shape_problems(json), std::vector<std::string>{});
  // The second edition's arrays follow the first edition's.
  std::vector<std::string> top;
  for (const auto& [key, value] : json.items()) top.push_back(key);
  EXPECT_EQ(top, (std::vector<std::string>{"iso27001", "requirements", "articles", "entity_types", "roadmap",
                                           "standards", "ir_2024_2690_sections", "ir_2024_2690", "mapping_sources"}));
}

// The check can fail: a lost, retyped or reordered field and a moved array
// are each reported.
TEST(CatalogJson, ShapeCheckNoticesEachChange) {
  OrderedJson json = catalog_json(builtin());
  json["requirements"][0].erase("rationale");
  json["roadmap"][0]["number"] = "1";
  OrderedJson article = json["articles"][0];
  std::string title = article["title"];
  article.erase("title");
  article["title"] = title;  // now after obligations
  json["articles"][0] = article;
  auto problems = shape_problems(json);
  auto has = [&](const std::string& text) {
    return std::find(problems.begin(), problems.end(), text) != problems.end();
  };
  EXPECT_TRUE(has("requirements " + json["requirements"][0]["id"].get<std::string>() + " lost rationale"));
  EXPECT_TRUE(has("roadmap " + json["roadmap"][0]["id"].get<std::string>() + " retyped number"));
  EXPECT_TRUE(has("articles " + article["id"].get<std::string>() + " moved summary"));
  OrderedJson reordered;
  reordered["requirements"] = json["requirements"];
  reordered["iso27001"] = json["iso27001"];
  auto moved = shape_problems(reordered);
  EXPECT_NE(std::find(moved.begin(), moved.end(), "array iso27001 not at position 0"), moved.end());
}

}  // namespace
}  // namespace vigil::catalog
