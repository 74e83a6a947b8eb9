// JSON Schemas of the live exercise routes (src/server/live_exercise_routes.cpp)
// for components/schemas of the OpenAPI document. Offsets are ISO 8601
// durations from exercise time zero; instants are RFC 3339 (UTC unless "_local").
#include "server/live_exercise_routes.h"

namespace vigil::server {

nlohmann::json live_exercise_openapi_schemas() {
  using nlohmann::json;
  const json text = {{"type", "string"}};
  // A property that may be null, with what null means (the API contract
  // test holds every nullable property to saying it).
  auto nullable = [](json type, const char* null_means) {
    return json{{"type", json::array({std::move(type), "null"})}, {"description", null_means}};
  };
  auto or_null = [](json schema, const char* null_means) {
    return json{{"oneOf", {std::move(schema), {{"type", "null"}}}}, {"description", null_means}};
  };
  const json incident_id = nullable("string", "the exercise's incident (INC-n); null: none opened in it yet");
  const json marking = {{"const", "EXERCISE"}};
  const json roles = {{"type", "array"}, {"items", text}};
  const json clock = {
      {"type", "object"},
      {"required", {"state", "speed", "elapsed", "duration", "at_end", "now", "now_local", "origin"}},
      {"properties",
       {{"state", {{"enum", {"running", "paused", "ended"}}}},
        {"speed", {{"type", "integer"}, {"description", "exercise seconds per real second"}}},
        {"elapsed", {{"type", "string"}, {"description", "exercise time elapsed, ISO 8601 (PT2H30M)"}}},
        {"duration", text},
        {"at_end", {{"type", "boolean"}}},
        {"now", {{"type", "string"}, {"description", "the exercise's now, RFC 3339 UTC"}}},
        {"now_local", {{"type", "string"}, {"description", "the same in the scenario's time zone, with the zone"}}},
        {"origin", {{"type", "string"}, {"description", "exercise time zero, RFC 3339 UTC"}}}}}};
  const json inject = {{"type", "object"},
                       {"required", {"id", "at", "time", "local", "channel", "to", "text", "ad_hoc"}},
                       {"properties",
                        {{"id", text},
                         {"at", text},
                         {"time", text},
                         {"local", text},
                         {"channel", text},
                         {"to", roles},
                         {"title", text},
                         {"text", text},
                         {"ad_hoc", {{"type", "boolean"}}}}}};
  const json injects = {{"type", "array"}, {"items", inject}};
  json status = {
      {"type", "object"},
      {"description", "A live exercise: its clock, the next inject, its incident, players and the injects delivered."},
      {"required",
       {"marking", "exercise", "scenario", "clock", "next_inject", "incident", "players", "started_by", "started_at",
        "entries", "head_hash", "injects", "injects_delivered"}},
      {"properties",
       {{"marking", marking},
        {"exercise", {{"type", "string"}, {"description", "EX-n"}}},
        {"scenario",
         {{"type", "object"},
          {"required", {"id", "title", "source", "bundled", "sha256"}},
          {"properties",
           {{"id", text}, {"title", text}, {"source", text}, {"bundled", {{"type", "boolean"}}}, {"sha256", text}}}}},
        {"clock", clock},
        {"next_inject",
         or_null({{"type", "object"}, {"required", {"id", "at"}}, {"properties", {{"id", text}, {"at", text}}}},
                 "null: every inject of the scenario has been delivered")},
        {"incident", incident_id},
        {"players", {{"type", "object"}, {"additionalProperties", text}}},
        {"started_by", text},
        {"started_at", text},
        {"entries", {{"type", "integer"}}},
        {"head_hash", text},
        {"injects", injects},
        {"injects_delivered", {{"type", "integer"}}},
        {"score", {{"$ref", "#/components/schemas/ExerciseScore"}}}}}};
  json ended = status;
  ended["description"] = "The ended exercise's status and its score (the same score() as a tabletop play).";
  ended["required"].push_back("score");
  const json list_item = {
      {"type", "object"},
      {"required", {"exercise", "scenario", "state", "elapsed", "speed", "incident", "started_by", "started_at"}},
      {"properties",
       {{"exercise", text},
        {"scenario", text},
        {"state", {{"enum", {"running", "paused", "ended"}}}},
        {"elapsed", text},
        {"speed", {{"type", "integer"}}},
        {"incident", incident_id},
        {"started_by", text},
        {"started_at", text}}}};
  const json seconds = nullable("integer", "seconds; null: that report was not sent");
  const json dashboard = {
      {"type", "object"},
      {"description",
       "Documented versus performed (docs/EXERCISES.md): per exercised requirement the latest ended exercise and "
       "whether testing is overdue (none in 12 months), the exercises under way, and the latencies of the last 20 "
       "real incidents from awareness to each Art. 23(4) report, oldest first."},
      {"required", {"requirements", "ended", "under_way", "live", "performance_trend"}},
      {"additionalProperties", false},
      {"properties",
       {{"requirements",
         {{"type", "array"},
          {"items",
           {{"type", "object"},
            {"required", {"requirement", "latest", "not_counted", "testing_due", "testing_overdue"}},
            {"additionalProperties", false},
            {"properties",
             {{"requirement", text},
              {"latest",
               {{"description", "null: no ended exercise evidences this requirement"},
                {"oneOf",
                 {{{"type", "null"}},
                  {{"type", "object"},
                   {"required", {"source", "scenario", "title", "ended", "rating", "reports"}},
                   {"additionalProperties", false},
                   {"properties",
                    {{"source", {{"type", "string"}, {"description", "EX-n for an exercise of this workspace"}}},
                     {"scenario", text},
                     {"title", text},
                     {"ended", {{"$ref", "#/components/schemas/Date"}}},
                     {"rating",
                      {{"enum", {"P", "S", "M", "U", nullptr}},
                       {"description", "HSEEP rating; null: the exercise was not rated"}}},
                     {"reports",
                      {{"type", "object"},
                       {"required", {"total", "on_time", "late"}},
                       {"properties",
                        {{"total", {{"type", "integer"}}},
                         {"on_time", {{"type", "integer"}}},
                         {"late", {{"type", "integer"}}}}}}}}}}}}}},
              {"not_counted",
               {{"type", "array"},
                {"description",
                 "Exercises evidencing it that ended early (before the awareness inject or before the final report "
                 "was due): not counted as testing, listed instead of dropped silently"},
                {"items",
                 {{"type", "object"},
                  {"required", {"source", "scenario", "ended", "reason"}},
                  {"additionalProperties", false},
                  {"properties",
                   {{"source", text},
                    {"scenario", text},
                    {"ended", {{"$ref", "#/components/schemas/Date"}}},
                    {"reason", text}}}}}}},
              {"testing_due",
               or_null({{"$ref", "#/components/schemas/Date"}},
                       "12 months after the latest counted exercise; null: none tested it (testing is overdue)")},
              {"testing_overdue", {{"type", "boolean"}}}}}}}}},
        {"ended", {{"type", "integer"}, {"description", "exercises ended"}}},
        {"under_way", {{"type", "integer"}, {"description", "exercises running or paused"}}},
        {"live", {{"type", "array"}, {"items", list_item}}},
        {"performance_trend",
         {{"type", "array"},
          {"items",
           {{"type", "object"},
            {"required",
             {"incident", "awareness", "awareness_to_early_warning_s", "awareness_to_notification_s",
              "awareness_to_final_report_s"}},
            {"additionalProperties", false},
            {"properties",
             {{"incident", text},
              {"awareness", {{"$ref", "#/components/schemas/Instant"}}},
              {"awareness_to_early_warning_s", seconds},
              {"awareness_to_notification_s", seconds},
              {"awareness_to_final_report_s", seconds}}}}}}}}}};
  auto request = [](json required, json properties) {
    return json{{"type", "object"},
                {"required", std::move(required)},
                {"additionalProperties", false},
                {"properties", std::move(properties)}};
  };
  return json{
      {"LiveExerciseList",
       {{"type", "object"},
        {"required", {"marking", "exercises"}},
        {"properties", {{"marking", marking}, {"exercises", {{"type", "array"}, {"items", list_item}}}}}}},
      {"DashboardExercises", dashboard},
      {"LiveExerciseStatus", status},
      {"LiveExerciseEnded", ended},
      {"LiveExerciseFeed",
       {{"type", "object"},
        {"required", {"marking", "exercise", "as", "elapsed", "injects"}},
        {"properties",
         {{"marking", marking},
          {"exercise", text},
          {"as", nullable("string", "the function the feed is for; null: every function's injects")},
          {"elapsed", text},
          {"injects", injects}}}}},
      {"LiveExerciseExport",
       {{"type", "object"},
        {"description", "vigil-exercise-export/1: the log with its hash chain and the incident's own export."},
        {"required", {"format", "marking", "exercise", "entries", "chain_head"}},
        {"properties",
         {{"format", {{"const", "vigil-exercise-export/1"}}},
          {"marking", marking},
          {"organisation", text},
          {"exercise", {{"type", "object"}}},
          {"entries", {{"type", "array"}, {"items", {{"type", "object"}}}}},
          {"chain_head", {{"type", "object"}}},
          {"seal",
           nullable("object", "the signed head of the log; null: the log is not sealed (written without a seal key)")},
          {"incident", nullable("object", "the incident's own export; null: the exercise opened no incident")},
          {"exported_at", text},
          {"verification", text}}}}},
      {"LiveExerciseStart",
       request(
           {"scenario"},
           {{"scenario",
             {{"type", "string"}, {"description", "a bundled scenario id (GET /api/v1/exercise/scenarios)"}}},
            {"speed", {{"type", "integer"}, {"minimum", 1}, {"maximum", 3600}}},
            {"start", {{"type", "string"}, {"description", "exercise time zero, RFC 3339; default the scenario's"}}},
            {"players", {{"type", "object"}, {"additionalProperties", text}}}})},
      {"LiveExerciseJump",
       {{"type", "object"},
        {"additionalProperties", false},
        {"description", "Empty (or no body): to the next scenario inject."},
        {"properties", {{"to", {{"type", "string"}, {"description", "an offset, ISO 8601 (PT48H)"}}}}}}},
      {"LiveExerciseInject",
       request({"text", "to"}, {{"text", text}, {"to", roles}, {"channel", text}, {"title", text}})},
      {"LiveExercisePlayer", request({"name", "role"}, {{"name", text}, {"role", text}})},
      {"LiveExerciseIncident",
       request({"title", "awareness"},
               {{"title", text},
                {"awareness", {{"type", "string"}, {"description", "RFC 3339, or an offset on the exercise clock"}}},
                {"timezone", text},
                {"entity_type", text},
                {"trust_service_incident", {{"type", "boolean"}}}})},
      {"LiveExerciseInvolvement", request({"role"}, {{"role", text}})},
      {"LiveExerciseNote", request({"text"}, {{"text", text}})},
      {"LiveExerciseRating",
       request({"expectation", "result"},
               {{"expectation", text}, {"result", {{"enum", {"met", "late", "missed"}}}}, {"text", text}})},
  };
}

}  // namespace vigil::server
