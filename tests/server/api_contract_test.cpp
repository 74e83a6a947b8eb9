// The API contract: every route of the table describes its
// bodies in openapi.json, every schema a route names exists, and the validator
// that checks the route tests' recorded answers against the served document
// (tests/server/validate_responses.py, run by the api_contract ctest) fails on
// an answer that does not match: proved here on a deliberately broken schema.
#include <sys/wait.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "server/live_exercise_routes.h"
#include "server/supplier_routes.h"
#include "server/test_server.h"

namespace vigil::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kSource = VIGIL_SOURCE_DIR;

std::string route_key(const server::Route& route) { return route.method + " " + route.pattern; }

bool takes_body(const server::Route& route) {
  return route.method == "POST" || route.method == "PUT" || route.method == "PATCH";
}

class ApiContract : public testing::Test {
 protected:
  TestServer server;
  const std::vector<server::Route>& routes() { return server.server().app().router().routes(); }
  json served() {
    auto reply = fetch(server.port(), "GET", "/api/v1/openapi.json");
    EXPECT_EQ(reply.status, 200);
    return json::parse(reply.body);
  }
};

TEST_F(ApiContract, EveryRouteDescribesItsRequestAndResponseBodies) {
  for (const auto& route : routes()) {
    if (takes_body(route)) {
      EXPECT_TRUE(!route.request_schema.empty() || !route.request_media.empty())
          << route_key(route) << " takes a body without a request schema (Route::takes, or takes(kNoBody) for none)";
    } else {
      EXPECT_TRUE(route.request_schema.empty() && route.request_media.empty())
          << route_key(route) << " is a " << route.method << ": it takes no body to describe";
    }
    const bool no_content = route.statuses == std::vector<int>{204};
    EXPECT_TRUE(!route.response_schema.empty() || !route.media.empty() || no_content)
        << route_key(route) << " describes no success answer (Route::answers or answers_media)";
  }
}

TEST_F(ApiContract, EverySchemaARouteNamesIsInTheServedDocument) {
  const json doc = served();
  const json& schemas = doc["components"]["schemas"];
  for (const auto& route : routes()) {
    for (const auto& name : {route.request_schema, route.response_schema}) {
      if (name.empty() || name == server::kNoBody) continue;
      EXPECT_TRUE(schemas.contains(name)) << route_key(route) << " names schema '" << name << "', not in components";
    }
  }
  // Every $ref anywhere in the document resolves.
  std::vector<const json*> todo{&doc};
  std::set<std::string> dangling;
  while (!todo.empty()) {
    const json* at = todo.back();
    todo.pop_back();
    if (at->is_object()) {
      if (auto ref = at->find("$ref"); ref != at->end() && ref->is_string()) {
        const std::string target = ref->get<std::string>();
        const std::string prefix = "#/components/schemas/";
        if (target.rfind(prefix, 0) != 0 || !schemas.contains(target.substr(prefix.size()))) dangling.insert(target);
      }
    }
    if (at->is_structured()) {
      for (const auto& child : *at) todo.push_back(&child);
    }
  }
  EXPECT_TRUE(dangling.empty()) << "dangling $ref: " << *dangling.begin();
}

TEST_F(ApiContract, TheSignInBodyAndProblemDetailsAreDescribed) {
  const json doc = served();
  const json& post = doc["paths"]["/api/v1/session"]["post"];
  EXPECT_EQ(post["requestBody"]["content"]["application/json"]["schema"]["$ref"], "#/components/schemas/SignIn");
  EXPECT_EQ(post["responses"]["201"]["content"]["application/json"]["schema"]["$ref"], "#/components/schemas/Session");
  EXPECT_EQ(post["responses"]["default"]["content"]["application/problem+json"]["schema"]["$ref"],
            "#/components/schemas/Problem");
  EXPECT_EQ(doc["components"]["schemas"]["SignIn"]["required"], json::array({"username", "password"}));
}

// A property that may be null allows it by its type ("null", or a list
// holding "null"), by a oneOf/anyOf branch of that type, or by null in its enum.
bool may_be_null(const json& property) {
  if (!property.is_object()) return false;
  auto null_type = [](const json& schema) {
    if (!schema.is_object() || !schema.contains("type")) return false;
    const json& type = schema["type"];
    if (type.is_string()) return type == "null";
    return type.is_array() && std::find(type.begin(), type.end(), json("null")) != type.end();
  };
  if (null_type(property)) return true;
  for (const char* branches : {"oneOf", "anyOf"}) {
    if (auto it = property.find(branches); it != property.end() && it->is_array()) {
      for (const auto& branch : *it)
        if (null_type(branch)) return true;
    }
  }
  if (auto it = property.find("enum"); it != property.end() && it->is_array()) {
    for (const auto& value : *it)
      if (value.is_null()) return true;
  }
  return false;
}

// Every nullable property of the schemas in src/server/openapi*.cpp and openapi_schemas.json
// says what null means ("null: not yet assessed", "null: none pending"):
// a client must not guess whether null is "no", "unknown" or "not yet".
// The supplier and live-exercise schemas (built beside their routes) are
// not yet held to it.
TEST_F(ApiContract, EveryNullablePropertySaysWhatNullMeans) {
  const json doc = served();
  std::vector<std::string> undescribed;
  std::vector<std::pair<std::string, const json*>> todo;
  for (auto it = doc["components"]["schemas"].begin(); it != doc["components"]["schemas"].end(); ++it) {
    todo.emplace_back(it.key(), &it.value());
  }
  std::size_t nullable = 0;
  while (!todo.empty()) {
    auto [path, at] = todo.back();
    todo.pop_back();
    if (at->is_array()) {
      for (const auto& child : *at) todo.emplace_back(path, &child);
      continue;
    }
    if (!at->is_object()) continue;
    for (auto it = at->begin(); it != at->end(); ++it) {
      if (it.key() != "properties" || !it->is_object()) {
        todo.emplace_back(path, &it.value());
        continue;
      }
      for (auto p = it->begin(); p != it->end(); ++p) {
        const std::string where = path + "." + p.key();
        todo.emplace_back(where, &p.value());
        if (!may_be_null(p.value())) continue;
        ++nullable;
        const json& description = p.value().value("description", json());
        if (!description.is_string() || description.get<std::string>().find("null") == std::string::npos) {
          undescribed.push_back(where);
        }
      }
    }
  }
  EXPECT_GT(nullable, 50u);  // the walk reaches nested properties
  EXPECT_TRUE(undescribed.empty()) << undescribed.size() << " nullable properties do not say what null means, e.g. "
                                   << testing::PrintToString(undescribed);
}

// Runs the validator on a recording and a document; its exit code and output.
std::pair<int, std::string> validate(const fs::path& dir, const json& document) {
  { std::ofstream(dir / "openapi.json") << document.dump(); }
  const fs::path out = dir / "validator.out";
  const std::string command = "/usr/bin/python3 '" + (kSource / "tests/server/validate_responses.py").string() + "' '" +
                              dir.string() + "' --openapi '" + (dir / "openapi.json").string() + "' --no-coverage > '" +
                              out.string() + "' 2>&1";
  const int status = std::system(command.c_str());
  std::ifstream in(out);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, text};
}

void record(const fs::path& dir, const std::string& method, const std::string& target, int status,
            const std::string& type, const std::string& body) {
  std::ofstream(dir / "responses-1.jsonl", std::ios::app)
      << json{{"method", method}, {"target", target}, {"status", status}, {"content_type", type}, {"body", body}}.dump()
      << '\n';
}

TEST_F(ApiContract, TheValidatorFailsOnAnAnswerItsSchemaDoesNotAllow) {
  const fs::path dir = fresh_directory();
  json doc = served();
  // Real answers of this server, recorded as the route tests record them.
  Client client(server.port());
  auto health = client.request("GET", "/healthz");
  record(dir, "GET", "/healthz", health.status, "application/json", health.body);
  auto orgs = client.request("GET", "/api/v1/orgs/acme", {}, {{"Authorization", server.bearer("acme-admin")}});
  record(dir, "GET", "/api/v1/orgs/acme", orgs.status, "application/json", orgs.body);
  auto refused = client.request("POST", "/api/v1/session", R"({"username":"x"})");
  ASSERT_EQ(refused.status, 400);
  record(dir, "POST", "/api/v1/session", refused.status, "application/problem+json", refused.body);

  auto [ok, ok_text] = validate(dir, doc);
  EXPECT_EQ(ok, 0) << ok_text;

  // Broken on purpose: the organisation's name must be a number.
  json broken = doc;
  broken["components"]["schemas"]["Organisation"]["properties"]["name"] = {{"type", "integer"}};
  auto [failed, failed_text] = validate(dir, broken);
  EXPECT_EQ(failed, 1) << failed_text;
  EXPECT_NE(failed_text.find("GET /api/v1/orgs/acme -> 200: body at name"), std::string::npos) << failed_text;

  // A problem document with a key the Problem schema does not know.
  json strict = doc;
  strict["components"]["schemas"]["Problem"]["properties"].erase("errors");
  auto [problem, problem_text] = validate(dir, strict);
  EXPECT_EQ(problem, 1) << problem_text;
  EXPECT_NE(problem_text.find("POST /api/v1/session -> 400"), std::string::npos) << problem_text;

  // A success status the operation does not declare.
  record(dir, "GET", "/healthz", 201, "application/json", health.body);
  auto [undeclared, undeclared_text] = validate(dir, doc);
  EXPECT_EQ(undeclared, 1) << undeclared_text;
  EXPECT_NE(undeclared_text.find("status 201 is not declared"), std::string::npos) << undeclared_text;
  fs::remove_all(dir);
}

// The document and the server agree on which query parameters are required:
// what the routes declare is what openapi.json says, and the validator finds
// a 400 "required (query parameter)" of one the document calls optional.
TEST_F(ApiContract, RequiredQueryParametersAreRequiredInTheDocument) {
  const json doc = served();
  std::size_t required = 0;
  for (const auto& route : routes()) {
    std::string method = route.method;
    for (char& ch : method) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    const json& operation = doc["paths"][route.pattern][method];
    for (const auto& q : route.query) {
      bool found = false;
      for (const auto& p : operation.value("parameters", json::array())) {
        if (p["in"] != "query" || p["name"] != q.name) continue;
        found = true;
        EXPECT_EQ(p["required"], q.required) << route_key(route) << " ?" << q.name;
      }
      EXPECT_TRUE(found) << route_key(route) << " ?" << q.name << " is not in the document";
      required += q.required;
    }
  }
  EXPECT_GE(required, 2u);  // evidence ?description, document content ?version
  const json& evidence = doc["paths"]["/api/v1/orgs/{org}/incidents/{id}/evidence"]["post"]["parameters"];
  bool description = false;
  for (const auto& p : evidence) description |= p["name"] == "description" && p["required"] == true;
  EXPECT_TRUE(description) << evidence.dump();

  const fs::path dir = fresh_directory();
  record(dir, "POST", "/api/v1/orgs/acme/incidents/1/evidence?file_name=a.txt", 400, "application/problem+json",
         json{{"type", "about:blank"},
              {"title", "Bad Request"},
              {"status", 400},
              {"detail", "description: required (query parameter): what the evidence shows"},
              {"errors", json::array({{{"where", "description"},
                                       {"message", "required (query parameter): what the evidence shows"}}})}}
             .dump());
  auto [agreed, agreed_text] = validate(dir, doc);
  EXPECT_EQ(agreed_text.find("requires the query parameter"), std::string::npos) << agreed_text;
  json optional = doc;
  for (auto& p : optional["paths"]["/api/v1/orgs/{org}/incidents/{id}/evidence"]["post"]["parameters"]) {
    if (p["name"] == "description") p["required"] = false;
  }
  auto [disagreed, disagreed_text] = validate(dir, optional);
  EXPECT_EQ(disagreed, 1) << disagreed_text;
  EXPECT_NE(disagreed_text.find("the server requires the query parameter 'description', which the document marks "
                                "\"required\": false"),
            std::string::npos)
      << disagreed_text;
  fs::remove_all(dir);
}

TEST_F(ApiContract, TheValidatorListsRoutesNoTestExercised) {
  const fs::path dir = fresh_directory();
  auto health = fetch(server.port(), "GET", "/healthz");
  record(dir, "GET", "/healthz", health.status, "application/json", health.body);
  { std::ofstream(dir / "openapi.json") << served().dump(); }
  const std::string command = "/usr/bin/python3 '" + (kSource / "tests/server/validate_responses.py").string() + "' '" +
                              dir.string() + "' --openapi '" + (dir / "openapi.json").string() + "' > '" +
                              (dir / "out").string() + "' 2>&1";
  const int status = std::system(command.c_str());
  std::ifstream in(dir / "out");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(WIFEXITED(status) ? WEXITSTATUS(status) : -1, 1) << text;
  EXPECT_NE(text.find("not exercised: GET /api/v1/orgs/{org}/dashboard"), std::string::npos) << text;
  EXPECT_EQ(text.find("not exercised: GET /healthz"), std::string::npos) << text;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace vigil::test
