// Incidents over HTTP: the same domain functions as
// `vigil incident` (incident/incident.h) inside the same store writes, scoped
// to the organisation in the path. Responders and admins write; every member
// of the organisation reads; the auditor never writes.
//
// If-Match is optional on the writes: the record is an append-only log, so a
// write without it overwrites nothing; with it, the write is refused with 412
// unless the record still has that ETag, checked inside the write transaction.
#include <optional>
#include <string>
#include <type_traits>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "application/live_exercise.h"
#include "application/verified_export.h"
#include "application/workspace_verification.h"
#include "core/json_input.h"
#include "core/text.h"
#include "incident/event_log.h"
#include "incident/export.h"
#include "incident/impact_input.h"
#include "incident/incident.h"
#include "incident/performance.h"
#include "incident/record_json.h"
#include "incident/report_draft.h"
#include "incident/report_facts.h"
#include "server/app.h"
#include "server/config.h"
#include "server/problem.h"
#include "store/audit.h"
#include "tzdata/zones.h"

namespace vigil::server {

namespace {

namespace inc = vigil::incident;
using nlohmann::json;

// The ETag of a record: its entry count and chain head change with every write.
std::string etag(const inc::Incident& record) {
  return "\"" + std::to_string(record.event_count) + "-" + record.head_hash.substr(0, 16) + "\"";
}

Result<std::string> canonical_id(std::string_view text) {
  return inc::incident_id(TRY(inc::parse_incident_id(text, "id")));
}

Result<Response> list_incidents(Context& c) {
  store::ListOptions options;
  options.include_inactive = c.request.query_param("all").value_or("") == "true";
  auto rows = TRY(c.services.incidents->list_incidents(c.param("org"), options));
  json out = json::array();
  for (const auto& row : rows) {
    json item = inc::to_json(row);
    item["overdue"] = row.next_due && *row.next_due < c.now;
    out.push_back(item);
  }
  return json_response(json{{"incidents", out}}.dump());
}

// The incident domain names the fields of its requests; a request whose
// fields came from the JSON body reports them as "body: <field>".
Error in_body_terms(Error error) {
  if (error.code != ErrorCode::InvalidInput) return error;
  return prefixed(std::move(error), "body: ");
}

// The field `key`, read already as `text`, parsed by `parse` (whose errors
// name "body: <key>"); a failure joins the reader's errors, in the order the
// handler checks its fields. nullopt when the field is absent or wrong.
template <class Parse>
auto parse_field(JsonObjectReader& reader, std::string_view key, const std::optional<std::string>& text, Parse parse)
    -> std::optional<std::remove_cvref_t<decltype(*parse(std::string_view(), std::string_view()))>> {
  if (!text) return std::nullopt;
  auto parsed = parse(*text, "body: " + std::string(key));
  if (parsed) return *std::move(parsed);
  reader.add_error(std::string(key), parsed.error().message);
  return std::nullopt;
}

template <class Build>
auto from_body(Build build) {
  return [build = std::move(build)](const inc::Incident& r) -> Result<inc::EventDraft> {
    return build(r).map_error(in_body_terms);
  };
}

Result<Response> open(Context& c) {
  auto reader = TRY(body_reader(c));
  auto title = reader.text("title", Presence::Required);
  auto awareness_text = reader.text("awareness_time", Presence::Required);
  auto timezone = reader.text("timezone", Presence::Required);
  auto entity_type = reader.text("entity_type", Presence::Required);
  bool trust_service = reader.flag("trust_service_incident");
  auto supplier_id = reader.text("supplier", Presence::Optional);
  std::optional<inc::SupplierCause> cause;
  if (supplier_id) {
    auto found = store::supplier_cause(*c.services.suppliers, c.param("org"), *supplier_id, "supplier");
    if (found) cause = std::move(*found);
    else reader.add_error("supplier", found.error().message + advice(found.error().hint));
  }
  auto awareness = parse_field(reader, "awareness_time", awareness_text, parse_rfc3339);
  TRY(reader.finish());
  auto draft = TRY(inc::open_incident(inc::OpenRequest{*title, *awareness, *timezone, *entity_type, trust_service,
                                                       c.principal->username, c.now, cause},
                                      tzdata::zones())
                       .map_error(in_body_terms));
  auto record = TRY(c.services.incidents->open_incident(c.param("org"), draft));
  Response r = json_response(inc::to_json(record).dump(), 201);
  r.set_header("Location", "/api/v1/orgs/" + std::string(c.param("org")) + "/incidents/" + record.id);
  r.set_header("ETag", etag(record));
  return r;
}

Result<Response> show_incident(Context& c) {
  auto id = TRY(canonical_id(c.param("id")));
  auto record = TRY(c.services.incidents->load_incident(c.param("org"), id));
  std::string tag = etag(record);
  if (auto none_match = c.request.header("If-None-Match"); none_match && *none_match == tag) {
    Response r;
    r.status = 304;
    r.content_type.clear();
    r.set_header("ETag", tag);
    return r;
  }
  json out = inc::to_json(record);
  auto pending = TRY(inc::pending_reports(record, tzdata::zones()));
  out["pending"] = inc::to_json(pending);
  Response r = json_response(out.dump());
  r.set_header("ETag", tag);
  return r;
}

// --- writes: one entry each, built by the domain inside the store's transaction --

// Appends the entry `build` makes from the record as it stands; honours If-Match.
Result<Response> append(Context& c, const std::function<Result<inc::EventDraft>(const inc::Incident&)>& build,
                        int status, const std::optional<store::Blob>& blob = std::nullopt,
                        std::string_view time_field = "at") {
  auto id = TRY(canonical_id(c.param("id")));
  std::optional<std::string> if_match;
  if (auto given = c.request.header("If-Match")) if_match = std::string(trim(*given));
  store::NextEntry next = [&](const inc::Incident& record) -> Result<inc::EventDraft> {
    if (if_match && *if_match != "*" && *if_match != etag(record)) {
      return fail(ErrorCode::Conflict, "If-Match",
                  "the incident changed meanwhile (its ETag is now " + etag(record) + "); reload it and retry");
    }
    return build(record);
  };
  // On an exercise's incident: a player's entry, not before the exercise began.
  if (c.services.exercises) {
    // The actor is the signed-in account, not a typed name: only the time is checked.
    next = TRY(
        application::guard_exercise_entry(*c.services.exercises, c.param("org"), id, std::move(next), "", time_field));
  }
  auto record = c.services.incidents->append(c.param("org"), id, next, blob);
  if (!record) {
    if (record.error().code == ErrorCode::Conflict && record.error().where == "If-Match") {
      return problem(412, record.error().message, c.request_id);
    }
    return tl::unexpected(record.error());
  }
  json out = inc::to_json(*record);
  out["pending"] = inc::to_json(TRY(inc::pending_reports(*record, tzdata::zones())));
  Response r = json_response(out.dump(), status);
  r.set_header("ETag", etag(*record));
  return r;
}

// An optional RFC 3339 field.
std::optional<Instant> read_time(JsonObjectReader& reader, std::string_view key) {
  return parse_field(reader, key, reader.text(key, Presence::Optional), parse_rfc3339);
}

// POST .../assessments: {"impact": {as vigil significance}, "judgement"?, "rationale"? (or "note")}
Result<Response> assess(Context& c) {
  auto reader = TRY(body_reader(c));
  const json* impact = reader.raw("impact");
  if (!impact) reader.add_error("impact", "required: the impact input, as for POST /api/v1/significance");
  auto judgement_text = reader.text("judgement", Presence::Optional);
  auto note = reader.text("rationale", Presence::Optional);
  auto legacy_note = reader.text("note", Presence::Optional);
  if (note && legacy_note) reader.add_error("note", "give the rationale once, as \"rationale\"");
  if (!note) note = legacy_note;
  std::optional<bool> judgement =
      parse_field(reader, "judgement", judgement_text, inc::parse_judgement).value_or(std::nullopt);
  TRY(reader.finish());
  return append(
      c,
      [&](const inc::Incident& r) -> Result<inc::EventDraft> {
        // The impact's errors already name "body: impact"; assess's are put in body terms.
        auto request = TRY(inc::assessment_request(*impact, "body: impact", judgement, note.value_or(""),
                                                   c.principal->username, c.now, r.entity_type));
        return inc::assess(r, request).map_error(in_body_terms);
      },
      201);
}

// POST .../decisions: {"decision", "rationale", "options"?, "known"?, "unknown"?, "confidence"?, "decided_at"?}
Result<Response> decide(Context& c) {
  auto reader = TRY(body_reader(c));
  auto decision = reader.text("decision", Presence::Required);
  auto rationale = reader.text("rationale", Presence::Required);
  auto options = reader.text_list("options");
  auto known = reader.text_list("known");
  auto unknown = reader.text_list("unknown");
  auto confidence_text = reader.text("confidence", Presence::Optional);
  auto at = read_time(reader, "decided_at");
  inc::Confidence confidence =
      parse_field(reader, "confidence", confidence_text, inc::parse_confidence).value_or(inc::Confidence::Medium);
  TRY(reader.finish());
  inc::DecideRequest request{
      at, {*decision, options, *rationale, known, unknown, confidence}, c.principal->username, c.now};
  return append(c, from_body([&](const inc::Incident& r) { return inc::decide(r, request); }), 201, std::nullopt,
                "decided_at");
}

// POST .../evidence?file_name=...&description=...: the body is the file itself.
Result<Response> add_evidence(Context& c) {
  auto description = c.request.query_param("description").value_or("");
  if (is_blank(description)) {
    return fail(ErrorCode::InvalidInput, "description", "required (query parameter): what the evidence shows");
  }
  auto file_name = c.request.query_param("file_name").value_or("");
  if (auto slash = file_name.find_last_of("/\\"); slash != std::string::npos) file_name = file_name.substr(slash + 1);
  store::Blob blob{inc::sha256_hex(c.request.body), c.request.body};
  inc::EvidenceRequest request{
      blob.sha256, static_cast<std::int64_t>(blob.content.size()), file_name, description, c.principal->username,
      c.now};
  return append(
      c, [&](const inc::Incident& r) { return inc::add_evidence(r, request); }, 201, blob);
}

// GET .../evidence/{sha256}: the content of evidence on this incident's record.
Result<Response> evidence_content(Context& c) {
  auto id = TRY(canonical_id(c.param("id")));
  auto record = TRY(c.services.incidents->load_incident(c.param("org"), id));
  std::string sha = to_lower(c.param("sha256"));
  const inc::EvidenceItem* item = nullptr;
  for (const auto& e : record.evidence) {
    if (e.sha256 == sha) item = &e;
  }
  if (!item) return fail(ErrorCode::NotFound, "sha256", "no evidence with this hash on " + record.id);
  Response r;
  r.content_type = "application/octet-stream";
  r.body = TRY(c.services.incidents->evidence_content(c.param("org"), sha));
  r.set_header("Content-Disposition", attachment_disposition(item->file_name, sha));
  r.set_header("ETag", "\"" + sha + "\"");
  return r;
}

// POST .../submissions: {"type": "early-warning"|..., "to", "submitted_at"?, "reference"?, "out_of_order"?}
Result<Response> submit(Context& c) {
  auto reader = TRY(body_reader(c));
  auto type_text = reader.text("type", Presence::Required);
  auto to_text = reader.text("to", Presence::Required);
  auto reference = reader.text("reference", Presence::Optional);
  auto at = read_time(reader, "submitted_at");
  bool out_of_order = reader.flag("out_of_order");
  inc::SubmitRequest request;
  if (auto type = parse_field(reader, "type", type_text, inc::parse_submission_type)) request.type = *type;
  if (auto to = parse_field(reader, "to", to_text, inc::parse_recipient)) request.recipient = *to;
  TRY(reader.finish());
  request.submitted_at = at;
  request.reference = reference.value_or("");
  request.by = c.principal->username;
  request.now = c.now;
  request.out_of_order = out_of_order;
  return append(c, from_body([&](const inc::Incident& r) { return inc::submit(r, request, tzdata::zones()); }), 201,
                std::nullopt, "submitted_at");
}

// POST .../withdrawals: {"report": "early-warning"|"notification"|"progress"|"final", "reason"}
Result<Response> withdraw(Context& c) {
  auto reader = TRY(body_reader(c));
  auto report_text = reader.text("report", Presence::Required);
  auto reason = reader.text("reason", Presence::Required);
  inc::WithdrawRequest request;
  if (auto report = parse_field(reader, "report", report_text, inc::parse_submission_type)) request.report = *report;
  TRY(reader.finish());
  request.reason = reason.value_or("");
  request.by = c.principal->username;
  request.now = c.now;
  return append(c, from_body([&](const inc::Incident& r) { return inc::withdraw_report(r, request, tzdata::zones()); }),
                201);
}

// POST .../facts: {"facts": {"severity": "high", ...}}
Result<Response> record_facts(Context& c) {
  auto reader = TRY(body_reader(c));
  const json* facts = reader.raw("facts");
  inc::FactsRequest request{{}, c.principal->username, c.now};
  if (!facts || !facts->is_object()) {
    reader.add_error("facts", "required: an object of fact id to text, e.g. {\"severity\": \"high\"}");
  } else {
    for (const auto& [key, value] : facts->items()) {
      if (!value.is_string()) reader.add_error("facts." + excerpt(key), "expected a string");
      else request.facts.emplace_back(key, value.get<std::string>());
    }
  }
  TRY(reader.finish());
  return append(c, from_body([&](const inc::Incident& r) { return inc::record_facts(r, request); }), 200);
}

// POST .../close: {"handled_at"?, "summary"?}
Result<Response> close(Context& c) {
  auto body = TRY(parse_json(c.request.body.empty() ? std::string("{}") : c.request.body, "body"));
  JsonObjectReader reader(body, "body");
  auto at = read_time(reader, "handled_at");
  auto summary = reader.text("summary", Presence::Optional);
  TRY(reader.finish());
  inc::CloseRequest request{at, summary.value_or(""), c.principal->username, c.now};
  return append(c, from_body([&](const inc::Incident& r) { return inc::close(r, request); }), 200, std::nullopt,
                "handled_at");
}

// POST .../breach: {"awareness_time"}: a personal-data breach runs on this
// incident; its GDPR Art. 33(1) clock (72 h to the supervisory authority)
// joins the pending reports. As `vigil incident breach --awareness`.
Result<Response> breach(Context& c) {
  auto reader = TRY(body_reader(c));
  auto awareness_text = reader.text("awareness_time", Presence::Required);
  auto awareness = parse_field(reader, "awareness_time", awareness_text, parse_rfc3339);
  TRY(reader.finish());
  inc::BreachRequest request{*awareness, c.principal->username, c.now};
  return append(c, from_body([&](const inc::Incident& r) { return inc::attach_personal_data_breach(r, request); }),
                200);
}

// GET .../export: the record and its whole hash chain as one verifiable
// document, as `vigil incident export` writes it (incident/export.h). A chain
// that does not verify is not exported: 409 naming the first bad entry.
Result<Response> export_record(Context& c) {
  auto id = TRY(canonical_id(c.param("id")));
  json exported =
      TRY(application::export_incident(*c.services.incidents, c.services.seals.get(), c.param("org"), id, c.now));
  const json& head = exported.at("chain_head");
  Response r = json_response(exported.dump());
  r.set_header("Content-Disposition", attachment_disposition(id + ".json", "incident.json"));
  r.set_header("ETag", "\"" + std::to_string(head.at("seq").get<std::int64_t>()) + "-" +
                           head.at("hash").get<std::string>().substr(0, 16) + "\"");
  return r;
}

// GET .../performance: the latencies and on-time verdicts of `vigil incident
// performance` (incident/performance.h), the measures an exercise is scored by.
Result<Response> performance(Context& c) {
  auto id = TRY(canonical_id(c.param("id")));
  auto record = TRY(c.services.incidents->load_incident(c.param("org"), id));
  inc::Performance p = TRY(inc::incident_performance(record, tzdata::zones()));
  Response r = json_response(inc::performance_json(record, p, tzdata::zones()).dump());
  r.set_header("ETag", etag(record));
  return r;
}

// GET .../report/{kind}?format=json|markdown: the Art. 23(4) draft and what is missing.
Result<Response> report_draft(Context& c) {
  auto kind = TRY(inc::parse_draft_kind(c.param("kind"), "kind"));
  auto format = c.request.query_param("format").value_or("json");
  if (format != "json" && format != "markdown") {
    return fail(ErrorCode::InvalidInput, "format", "'" + format + "' is not valid; expected json or markdown");
  }
  auto id = TRY(canonical_id(c.param("id")));
  auto record = TRY(c.services.incidents->load_incident(c.param("org"), id));
  inc::ReportDraft draft = inc::draft_report(kind, inc::facts_for_reports(record));
  auto organisation = TRY(c.services.accounts->find_organisation(c.param("org")));
  auto context = TRY(inc::draft_context(record, kind, organisation.name, tzdata::zones()));
  Response r;
  if (format == "markdown") {
    r.content_type = "text/markdown; charset=utf-8";
    r.body = inc::draft_markdown(record, draft, context);
  } else {
    r.body = inc::draft_json(record, draft, context).dump();
  }
  r.set_header("ETag", etag(record));
  return r;
}

// GET .../audit/verify: every hash chain, listing row and evidence file of the
// organisation, its record trail against the compliance records ("records"),
// every exercise log ("exercises") and each chain's seal against the
// server's seal key ("seals"); "intact" covers all (application/
// workspace_verification.h, as `vigil audit verify`).
Result<Response> audit_verify(Context& c) {
  const application::VerifiedStores stores{*c.services.incidents,      *c.services.compliance,
                                           c.services.suppliers.get(), c.services.exercises.get(),
                                           c.services.seals.get(),     c.services.accounts.get()};
  const store::PublicKey* key = c.services.sealer ? &c.services.sealer->public_key() : nullptr;
  auto verified = TRY(application::verify_organisation(stores, c.param("org"), key));
  // Without a seal key the server has no public key to check the seals with.
  return json_response(application::to_json(verified, "the server's seal key, seal_key or VIGIL_SEAL_KEY").dump());
}

// "Now" on an exercise's incident is the exercise's simulated clock
// (application/live_exercise.h), so its Art. 23 countdowns, the times its
// entries record and its drafts run in exercise time, as on the command
// line; a real incident keeps the wall clock. A write once the exercise has
// ended is refused (409): its record is closed. An id that does not parse is
// left to the handler to report.
Handler on_exercise_clock(Handler handler, bool write) {
  return [handler = std::move(handler), write](Context& c) -> Result<Response> {
    if (c.services.exercises) {
      if (auto number = inc::parse_incident_id(c.param("id"), "id")) {
        c.now = TRY(
            application::incident_now(*c.services.exercises, c.param("org"), inc::incident_id(*number), c.now, write));
      }
    }
    return handler(c);
  };
}

}  // namespace

void add_incident_routes(const RouteGroups& api) {
  const RouteGroup all = api.members.under("/incidents");
  // The routes of one incident take "now" from the exercise clock when the
  // incident is an exercise's (application/live_exercise.h).
  const RouteGroup one = all.under("/{id}", [](Handler handler, const Route& route) {
    return on_exercise_clock(std::move(handler), route.changes_state());
  });
  // A write to the incident's record (append() above): If-Match optional, the record in the answer.
  const auto write = [&one](std::string_view path, const std::string& summary, Handler handler, std::string request,
                            std::vector<int> statuses = {}) {
    one.command(path, kIncidentWriters, summary + " (If-Match optional).", std::move(handler), std::move(request),
                "Incident", std::move(statuses));
  };
  all.add("GET", "", kAnyRole,
          "Incidents of the organisation: active ones by next report due, with how it is owed (due, due if "
          "significant, due until withdrawn) and late submissions (?all=true for every one).",
          list_incidents)
      .reads("all", "true: closed and inactive incidents too")
      .answers("IncidentList");
  all.command("", kIncidentWriters,
              "Open an incident (Art. 23): title, awareness_time (RFC 3339), timezone, entity_type.", open,
              "IncidentOpen", "Incident", {201});
  one.add("GET", "", kAnyRole,
          "One incident record with its pending reports, overrides and each submission's deadline and lateness "
          "(ETag; If-None-Match gives 304).",
          show_incident)
      .answers("Incident", {200, 304});
  one.command("/assessments", kIncidentWriters,
              "Record a significance assessment (IR 2024/2690; unknown facts leave it undetermined): impact (as "
              "/api/v1/significance), judgement?, rationale? (required for a judgement against the rules or where "
              "they are undetermined) (If-Match optional, 412 on mismatch).",
              assess, "AssessmentRequest", "Incident", {201});
  write("/decisions", "Record a decision: decision, rationale, options, known, unknown, confidence, decided_at", decide,
        "DecisionRequest", {201});
  one.add("POST", "/evidence", kIncidentWriters,
          "Store the request body as evidence (at most max_evidence_bytes, 25 MiB by default; "
          "?description=...&file_name=...; If-Match optional).",
          add_evidence)
      .reads_required("description", "What the evidence shows")
      .reads("file_name", "The file name to keep with it")
      .takes_bytes()
      .answers("Incident", {201})
      .body_limit_setting = &ServerConfig::max_evidence_bytes;
  one.add("GET", "/evidence/{sha256}", kAnyRole, "The content of evidence on the incident's record, by its SHA-256.",
          evidence_content)
      .answers_media("application/octet-stream");
  write("/submissions",
        "Record a report submitted (Art. 23(4)), with the deadline it answered and whether it was on time: type "
        "early-warning|notification|intermediate|final|progress|gdpr-breach, to, submitted_at?, reference?, "
        "out_of_order? (an out-of-order report is refused without it)",
        submit, "SubmissionRequest", {201});
  write("/withdrawals",
        "Withdraw a report still due only because an earlier submission started the Art. 23(4) sequence, once the "
        "incident is assessed as not significant: report early-warning|notification|progress|final, reason",
        withdraw, "WithdrawalRequest", {201});
  write("/facts", "Record facts the Art. 23(4) reports ask for: {\"facts\": {id: text}}", record_facts, "FactsRequest");
  write("/close", "Close the incident once handled: handled_at?, summary?", close, "CloseRequest");
  write("/breach",
        "Attach a GDPR personal-data breach (Art. 33(1): 72 h to the supervisory authority): awareness_time (RFC 3339)",
        breach, "BreachRequest");
  one.add("GET", "/export", kAnyRole,
          "The record and its hash chain as one verifiable JSON document (as `vigil incident export`).", export_record)
      .answers("IncidentExport");
  one.add("GET", "/performance", kAnyRole,
          "Latencies from awareness to each Art. 23(4) report and whether each was on time (as "
          "`vigil incident performance`).",
          performance)
      .answers("IncidentPerformance");
  one.add("GET", "/report/{kind}", kAnyRole,
          "Draft of an Art. 23(4) report (early-warning|notification|intermediate|final|progress) and what is "
          "missing; ?format=json|markdown.",
          report_draft)
      .reads("format", "json (default) or markdown")
      .answers("ReportDraft")
      .answers_media("text/markdown; charset=utf-8");
  api.members
      .add("GET", "/audit/verify", kAnyRole,
           "Walk every hash chain of the organisation's incidents and name the first entry that does not match.",
           audit_verify)
      .answers("AuditVerification");
}

}  // namespace vigil::server
