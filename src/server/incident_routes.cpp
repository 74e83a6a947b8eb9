// Incidents over HTTP (issue 6, point 2): the same domain functions as
// `vigil incident` (incident/incident.h) inside the same store writes, scoped
// to the organisation in the path. Responders and admins write; every member
// of the organisation reads.
#include <nlohmann/json.hpp>

#include "core/json_input.h"
#include "incident/incident.h"
#include "incident/record_json.h"
#include "server/app.h"

namespace vigil::server {

namespace {

namespace inc = vigil::incident;
using nlohmann::json;
using store::Role;

constexpr Roles kIncidentWriters = role_bit(Role::Admin) | role_bit(Role::Responder);

// The ETag of a record: its entry count and chain head change with every write.
std::string etag(const inc::Incident& record) {
  return "\"" + std::to_string(record.event_count) + "-" + record.head_hash.substr(0, 16) + "\"";
}

Result<std::string> canonical_id(std::string_view text) {
  return inc::incident_id(TRY(inc::parse_incident_id(text, "id")));
}

Result<Response> list(Context& c) {
  store::ListOptions options;
  options.include_inactive = c.request.query_param("all").value_or("") == "true";
  auto rows = TRY(c.services.records->list_incidents(c.param("org"), options));
  json out = json::array();
  for (const auto& row : rows) {
    json item = inc::to_json(row);
    item["overdue"] = row.next_due && *row.next_due < c.now;
    out.push_back(item);
  }
  return json_response(json{{"incidents", out}}.dump());
}

Result<Response> open(Context& c) {
  auto body = TRY(parse_json(c.request.body, "body"));
  JsonObjectReader reader(body, "body");
  auto title = reader.text("title", Presence::Required);
  auto awareness_text = reader.text("awareness_time", Presence::Required);
  auto timezone = reader.text("timezone", Presence::Required);
  auto entity_type = reader.text("entity_type", Presence::Required);
  bool trust_service = reader.flag("trust_service_incident");
  std::optional<Instant> awareness;
  if (awareness_text) {
    auto parsed = parse_rfc3339(*awareness_text, "body: awareness_time");
    if (parsed) awareness = *parsed;
    else reader.add_error("awareness_time", parsed.error().message);
  }
  TRY(reader.finish());
  auto draft = TRY(inc::open_incident(
      inc::OpenRequest{*title, *awareness, *timezone, *entity_type, trust_service, c.principal->username, c.now}));
  auto record = TRY(c.services.records->open_incident(c.param("org"), draft));
  Response r = json_response(inc::to_json(record).dump(), 201);
  r.set_header("Location", "/api/v1/orgs/" + std::string(c.param("org")) + "/incidents/" + record.id);
  r.set_header("ETag", etag(record));
  return r;
}

Result<Response> show(Context& c) {
  auto id = TRY(canonical_id(c.param("id")));
  auto record = TRY(c.services.records->load_incident(c.param("org"), id));
  std::string tag = etag(record);
  if (auto none_match = c.request.header("If-None-Match"); none_match && *none_match == tag) {
    Response r;
    r.status = 304;
    r.content_type.clear();
    r.set_header("ETag", tag);
    return r;
  }
  json out = inc::to_json(record);
  auto pending = TRY(inc::pending_reports(record));
  out["pending"] = inc::to_json(pending);
  Response r = json_response(out.dump());
  r.set_header("ETag", tag);
  return r;
}

}  // namespace

void add_incident_routes(Router& router) {
  router.add({"GET", "/api/v1/orgs/{org}/incidents", Access::Member, kAnyRole,
              "Incidents of the organisation: active ones by next report due (?all=true for every one).", list});
  router.add({"POST", "/api/v1/orgs/{org}/incidents", Access::Member, kIncidentWriters,
              "Open an incident (Art. 23): title, awareness_time (RFC 3339), timezone, entity_type.", open});
  router.add({"GET", "/api/v1/orgs/{org}/incidents/{id}", Access::Member, kAnyRole,
              "One incident record with its pending reports (ETag; If-None-Match gives 304).", show});
}

}  // namespace vigil::server
