// JSON Schemas of the live exercise routes (src/server/live_exercise_routes.cpp)
// for components/schemas of the OpenAPI document. Offsets are ISO 8601
// durations from exercise time zero; instants are RFC 3339 (UTC unless "_local").
#include "server/live_exercise_routes.h"

namespace vigil::server {

nlohmann::json live_exercise_openapi_schemas() {
  using nlohmann::json;
  const json text = {{"type", "string"}};
  const json nullable_text = {{"type", json::array({"string", "null"})}};
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
         {{"oneOf",
           {{{"type", "null"}},
            {{"type", "object"}, {"required", {"id", "at"}}, {"properties", {{"id", text}, {"at", text}}}}}}}},
        {"incident", nullable_text},
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
        {"properties",
         {{"marking", marking},
          {"exercises",
           {{"type", "array"},
            {"items",
             {{"type", "object"},
              {"required",
               {"exercise", "scenario", "state", "elapsed", "speed", "incident", "started_by", "started_at"}},
              {"properties",
               {{"exercise", text},
                {"scenario", text},
                {"state", {{"enum", {"running", "paused", "ended"}}}},
                {"elapsed", text},
                {"speed", {{"type", "integer"}}},
                {"incident", nullable_text},
                {"started_by", text},
                {"started_at", text}}}}}}}}}}},
      {"LiveExerciseStatus", status},
      {"LiveExerciseEnded", ended},
      {"LiveExerciseFeed",
       {{"type", "object"},
        {"required", {"marking", "exercise", "as", "elapsed", "injects"}},
        {"properties",
         {{"marking", marking}, {"exercise", text}, {"as", nullable_text}, {"elapsed", text}, {"injects", injects}}}}},
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
          {"seal", {{"type", json::array({"object", "null"})}}},
          {"incident", {{"type", json::array({"object", "null"})}}},
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
