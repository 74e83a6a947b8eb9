// The OpenAPI 3.1 document, generated from the route table itself so that
// every route is described and nothing described is missing.
#include <string_view>

#include <nlohmann/json.hpp>

#include "server/app.h"
#include "server/live_exercise_routes.h"
#include "server/supplier_routes.h"

namespace vigil::server {

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}

nlohmann::json problem_response(std::string_view description) {
  return {{"description", description},
          {"content", {{"application/problem+json", {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}};
}

std::string roles_text(Roles roles) {
  std::string out;
  for (std::size_t i = 0; i < store::kRoleCount; ++i) {
    if (roles & (1u << i)) out += (out.empty() ? "" : ", ") + std::string(store::kRoleNames[i]);
  }
  return out;
}

// "text/html; charset=utf-8" -> "text/html": the key of a content map.
std::string media_type(std::string_view type) {
  auto end = type.find(';');
  std::string out(type.substr(0, end));
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// A value or null, with what null means (every nullable field says so: the
// api_contract test checks it).
nlohmann::json nullable(nlohmann::json type, std::string_view null_means) {
  return {{"type", nlohmann::json::array({type, "null"})}, {"description", null_means}};
}

// The shapes of the 200 responses routes name (Route::response_schema).
nlohmann::json response_schemas() {
  using nlohmann::json;
  json report = {
      {"type", "object"},
      {"properties",
       {{"report", {{"enum", {"early-warning", "notification", "final"}}}},
        {"reference", {{"type", "string"}, {"description", "Art. 23(4)(a), (b) or (d)"}}},
        {"due",
         nullable("string", "The deadline (UTC); null: not yet known (one month after the incident is handled).")},
        {"due_local", nullable("string", "due in the incident's zone; null when due is null.")},
        {"submitted", nullable("string", "The first submission (UTC); null: not submitted yet.")},
        {"on_time", nullable("boolean", "null: not submitted yet, or no deadline known.")},
        {"late_by_s", nullable("integer", "Seconds late; null: on time, not submitted yet, or no deadline known.")}}}};
  const json text_list = {{"type", "array"}, {"items", {{"type", "string"}}}};
  const json exercise_marking = {{"const", "EXERCISE"}};
  json exercise = {
      {"ExerciseScenarioList",
       {{"type", "object"},
        {"description", "The bundled exercise scenarios (`vigil exercise scenarios --format json`)."},
        {"required", {"marking", "scenarios"}},
        {"properties",
         {{"marking", exercise_marking},
          {"scenarios",
           {{"type", "array"},
            {"items",
             {{"type", "object"},
              {"required", {"id", "title", "entity_type", "duration", "objectives", "injects", "expectations"}},
              {"properties",
               {{"id", {{"type", "string"}}},
                {"title", {{"type", "string"}}},
                {"entity_type", {{"type", "string"}}},
                {"timezone", {{"type", "string"}}},
                {"duration", {{"type", "string"}, {"description", "ISO 8601 duration, hours (PT96H)"}}},
                {"trust_service_incident", {{"type", "boolean"}}},
                {"objectives", {{"type", "integer"}}},
                {"injects", {{"type", "integer"}}},
                {"expectations", {{"type", "integer"}}}}}}}}}}}}},
      {"ExerciseScenario",
       {{"type", "object"},
        {"description",
         "One scenario (`vigil exercise show ID --format json`; docs/exercise-scenario.schema.json). "
         "Offsets (`at`, `within`, `duration`) are ISO 8601 durations from the exercise start."},
        {"required", {"marking", "id", "title", "objectives", "injects", "expectations"}},
        {"properties",
         {{"marking", exercise_marking},
          {"id", {{"type", "string"}}},
          {"title", {{"type", "string"}}},
          {"entity_type", {{"type", "string"}}},
          {"timezone", {{"type", "string"}}},
          {"start", {{"type", "string"}}},
          {"duration", {{"type", "string"}}},
          {"objectives", {{"type", "array"}, {"items", {{"type", "object"}}}}},
          {"injects", {{"type", "array"}, {"items", {{"type", "object"}}}}},
          {"expectations", {{"type", "array"}, {"items", {{"type", "object"}}}}}}}}},
      {"ExerciseScoreRequest",
       {{"type", "object"},
        {"description", "A bundled scenario id and the play (docs/exercise-play.schema.json)."},
        {"required", {"scenario", "play"}},
        {"additionalProperties", false},
        {"properties", {{"scenario", {{"type", "string"}}}, {"play", {{"type", "object"}}}}}}},
      {"ExerciseScore",
       {{"type", "object"},
        {"description",
         "The score (`vigil exercise score --format json`, docs/EXERCISES.md): every figure says what "
         "it counts and out of what; `*_at` are offsets from the start; seconds for `*_s`."},
        {"required",
         {"marking", "expectations", "objectives", "reports", "latencies", "decisions", "coordination", "summary"}},
        {"properties",
         {{"marking", exercise_marking},
          {"scenario",
           {{"type", "object"},
            {"description",
             "The scenario scored: id, title, entity_type, timezone, convention, trust_service_incident."},
            {"required", {"id", "title"}},
            {"properties", {{"id", {{"type", "string"}}}, {"title", {{"type", "string"}}}}}}},
          {"expectations",
           {{"type", "array"},
            {"items",
             {{"type", "object"},
              {"properties",
               {{"id", {{"type", "string"}}},
                {"objective", {{"type", "string"}}},
                {"status", {{"enum", {"met", "late", "missed", "not_evaluated"}}}},
                {"due_at", nullable("string", "null: the expectation has no due moment.")},
                {"done_at", nullable("string", "null: not done.")},
                {"late_by_s", nullable("integer", "null: not late, or not done.")},
                {"reason", nullable("string", "Why it was not met; null: met.")},
                {"reason_code",
                 {{"enum", {"due_after_end", "not_rated", nullptr}},
                  {"description", "null: no reason code (see reason)."}}},
                {"observer_rating",
                 {{"enum", {"met", "late", "missed", nullptr}}, {"description", "null: not rated by an observer."}}},
                {"observer_text", nullable("string", "null: the observer wrote nothing.")},
                {"observer_rated_after_end",
                 {{"type", "boolean"},
                  {"description",
                   "the observer's rating was made after the live exercise ended (evaluation after the "
                   "exercise; on the exercise's trail with its time)"}}}}}}}}},
          {"played_duration",
           {{"type", "string"},
            {"description", "exercise time played (ISO 8601): to a live exercise's end, else the duration"}}},
          {"ended_early", {{"type", "boolean"}, {"description", "ended before the scenario's duration"}}},
          {"ended_before",
           {{"type", "object"},
            {"description",
             "what an early end came before: the awareness inject, the final report's due moment (then the "
             "exercise does not count as testing in the readiness report)"},
            {"properties",
             {{"awareness_inject", {{"type", "boolean"}}}, {"final_report_due", {{"type", "boolean"}}}}}}},
          {"objectives",
           {{"type", "array"},
            {"items",
             {{"type", "object"},
              {"properties",
               {{"id", {{"type", "string"}}},
                {"rating",
                 {{"enum", {"P", "S", "M", "U", nullptr}}, {"description", "null: not rated (nothing evaluated)."}}},
                {"evidences", text_list},
                {"counts", {{"type", "object"}}}}}}}}},
          {"reports", {{"type", "array"}, {"items", {{"type", "object"}}}}},
          {"latencies", {{"type", "object"}}},
          {"decisions", {{"type", "object"}}},
          {"coordination", {{"type", "object"}}},
          {"summary", {{"type", "object"}}}}}}}};
  json out = {{"IncidentPerformance",
               {{"type", "object"},
                {"description",
                 "Latencies (seconds) from awareness to the first submission of each Art. 23(4) report "
                 "to the CSIRT or competent authority, and whether each was on time (at or before its "
                 "deadline); null when not done. Instants are UTC (RFC 3339)."},
                {"required", {"incident", "awareness", "reports", "latencies"}},
                {"properties",
                 {{"incident", {{"type", "string"}}},
                  {"title", {{"type", "string"}}},
                  {"timezone", {{"type", "string"}}},
                  {"awareness", nullable("string", "null: no awareness time recorded.")},
                  {"reports", {{"type", "array"}, {"items", report}}},
                  {"latencies",
                   {{"type", "object"},
                    {"properties",
                     {{"awareness_to_early_warning_s", nullable("integer", "null: not sent.")},
                      {"awareness_to_notification_s", nullable("integer", "null: not sent.")},
                      {"awareness_to_final_report_s", nullable("integer", "null: not sent.")}}}}},
                  {"exercise", {{"type", "string"}, {"description", "An exercise's incident only: its exercise."}}},
                  {"marking", {{"type", "string"}, {"enum", {"EXERCISE"}}}}}}}}};
  for (auto it = exercise.begin(); it != exercise.end(); ++it) out[it.key()] = it.value();
  return out;
}

}  // namespace

std::string openapi_document(const Router& router, const ServerConfig& config) {
  nlohmann::json paths = nlohmann::json::object();
  for (const auto& route : router.routes()) {
    nlohmann::json operation = {{"summary", route.summary}, {"operationId", lower(route.method) + route.pattern}};
    nlohmann::json parameters = nlohmann::json::array();
    for (auto segment : path_segments(route.pattern)) {
      if (segment.size() > 2 && segment.front() == '{') {
        parameters.push_back({{"name", std::string(segment.substr(1, segment.size() - 2))},
                              {"in", "path"},
                              {"required", true},
                              {"schema", {{"type", "string"}}}});
      }
    }
    for (const auto& q : route.query) {
      parameters.push_back({{"name", q.name},
                            {"in", "query"},
                            {"required", q.required},
                            {"description", q.description},
                            {"schema", {{"type", "string"}}}});
    }
    if (!parameters.empty()) operation["parameters"] = parameters;
    nlohmann::json responses = {{"default", problem_response("An error")}};
    const std::vector<int> statuses = route.statuses.empty() ? std::vector<int>{200} : route.statuses;
    for (int status : statuses) {
      nlohmann::json answer = {{"description", std::string(reason_phrase(status))}};
      if (status != 204 && status != 304) {
        nlohmann::json content = nlohmann::json::object();
        if (!route.response_schema.empty()) {
          content["application/json"] = {{"schema", {{"$ref", "#/components/schemas/" + route.response_schema}}}};
        }
        for (const auto& type : route.media) content[media_type(type)] = {{"schema", {{"type", "string"}}}};
        if (!content.empty()) answer["content"] = content;
      }
      responses[std::to_string(status)] = answer;
    }
    if (!route.request_media.empty() || (!route.request_schema.empty() && route.request_schema != kNoBody)) {
      // As App::body_limit: 413 naming this limit beyond it.
      operation["x-vigil-max-body-bytes"] = route.body_limit_setting ? config.*(route.body_limit_setting)
                                            : route.body_limit       ? route.body_limit
                                                                     : config.max_body_bytes;
    }
    if (!route.request_media.empty()) {
      operation["requestBody"] = {
          {"required", true},
          {"content", {{media_type(route.request_media), {{"schema", {{"type", "string"}, {"format", "binary"}}}}}}}};
    } else if (!route.request_schema.empty() && route.request_schema != kNoBody) {
      operation["requestBody"] = {
          {"required", true},
          {"content",
           {{"application/json", {{"schema", {{"$ref", "#/components/schemas/" + route.request_schema}}}}}}}};
    }
    if (route.access == Access::Public) {
      operation["security"] = nlohmann::json::array();
    } else {
      responses["401"] = problem_response("Not signed in");
      if (route.access == Access::Member) {
        responses["403"] = problem_response("The caller's role may not do this");
        responses["404"] = problem_response("No such record in an organisation of the caller");
        operation["x-vigil-roles"] = roles_text(route.roles);
      }
    }
    operation["responses"] = responses;
    paths[route.pattern][lower(route.method)] = operation;
  }
  nlohmann::json doc = {
      {"openapi", "3.1.0"},
      {"info",
       {{"title", "Vigil API"},
        {"version", "1"},
        {"description", "NIS2 readiness on an ISO/IEC 27001:2022 ISMS: organisations, incidents, assessments."}}},
      {"paths", paths},
      {"components",
       {{"securitySchemes",
         {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}},
          {"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "vigil_session"}}}}},
        {"schemas",
         {{"Problem",
           {{"type", "object"},
            {"description",
             "RFC 9457 problem details. errors: every input error of a 400, each with where (the "
             "field, row or line) and message, at most 100; more_errors: how many more there were."},
            {"required", {"type", "title", "status"}},
            {"additionalProperties", false},
            {"properties",
             {{"type", {{"type", "string"}}},
              {"title", {{"type", "string"}}},
              {"status", {{"type", "integer"}, {"minimum", 400}, {"maximum", 599}}},
              {"detail", {{"type", "string"}}},
              {"request_id", {{"type", "string"}}},
              {"errors",
               {{"type", "array"},
                {"items",
                 {{"type", "object"},
                  {"required", {"where", "message"}},
                  {"additionalProperties", false},
                  {"properties", {{"where", {{"type", "string"}}}, {"message", {{"type", "string"}}}}}}}}},
              {"more_errors", {{"type", "integer"}, {"minimum", 1}}}}}}}}}}},
      {"security",
       nlohmann::json::array({{{"bearer", nlohmann::json::array()}}, {{"session", nlohmann::json::array()}}})},
  };
  const nlohmann::json supplier_schemas = supplier_openapi_schemas();
  nlohmann::json& schemas = doc["components"]["schemas"];
  for (auto it = supplier_schemas.begin(); it != supplier_schemas.end(); ++it) schemas[it.key()] = it.value();
  const nlohmann::json described = api_schemas();
  for (auto it = described.begin(); it != described.end(); ++it) schemas[it.key()] = it.value();
  const nlohmann::json live_exercise_schemas = live_exercise_openapi_schemas();
  for (auto it = live_exercise_schemas.begin(); it != live_exercise_schemas.end(); ++it) schemas[it.key()] = it.value();
  const nlohmann::json extra = response_schemas();
  for (auto it = extra.begin(); it != extra.end(); ++it) schemas[it.key()] = it.value();
  return doc.dump();
}

}  // namespace vigil::server
