// The compliance records over HTTP: gap assessments stored
// with their history, the documents register, and the management body's
// approvals (NIS2 Art. 20(1)). An assessment runs the same domain code as
// `vigil gap` (assess::assess and its renderings), so the two cannot disagree.
// Compliance officers and admins assess and keep the register; only managers
// approve; every member of the organisation reads.
#include <algorithm>
#include <cctype>
#include <charconv>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "application/gap_recording.h"
#include "assess/assess.h"
#include "assess/report.h"
#include "assess/soa.h"
#include "assess/tabular_input.h"
#include "catalog/catalog.h"
#include "core/errors.h"
#include "core/json_input.h"
#include "core/sha256.h"
#include "core/text.h"
#include "scope/scope.h"
#include "server/app.h"
#include "server/compliance_routes.h"
#include "server/problem.h"
#include "store/compliance_store.h"

namespace vigil::server {

namespace {

using nlohmann::json;

// An uploaded version of a document: policies and procedures, not evidence dumps.
constexpr std::size_t kMaxDocumentBytes = 10 * 1024 * 1024;

store::ComplianceStore& compliance(Context& c) { return *c.services.compliance; }

std::string org_path(Context& c) { return "/api/v1/orgs/" + std::string(c.param("org")); }

json date_or_null(const std::optional<Date>& d) { return d ? json(format_date(*d)) : json(nullptr); }
json text_or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

std::string etag(const store::DocumentRecord& d) { return "\"" + std::to_string(d.revision) + "\""; }

json to_json(const store::DocumentRecord& d) {
  return {{"document", d.name},
          {"status", assess::to_string(d.status)},
          {"version", d.version},
          {"approved_by", text_or_null(d.approved_by)},
          {"approved_on", date_or_null(d.approved_on)},
          {"next_review", date_or_null(d.next_review)},
          {"approved_sha256", text_or_null(d.approved_sha256)},
          {"content_sha256", text_or_null(d.content_sha256)},
          {"content_size", d.content_size},
          {"updated_at", format_utc(d.updated_at)},
          {"updated_by", d.updated_by},
          {"maps_to", text_or_null(d.maps_to)},
          {"etag", etag(d)}};
}

// ?limit=N (a positive integer), or none.
Result<std::optional<std::int64_t>> limit_param(Context& c) {
  auto text = c.request.query_param("limit");
  if (!text) return std::optional<std::int64_t>{};
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc{} || end != text->data() + text->size() || value < 1) {
    return invalid("limit", "'" + *text + "' is not a positive whole number");
  }
  return std::optional<std::int64_t>{value};
}

// --- gap assessments ---

// An SoA file as uploaded ({"name": "soa.yaml", "text": "..."}): read by the
// same reader as `vigil gap --soa` (format by the name's extension), its
// errors at the file's lines; stored as the JSON rows it holds, so that the
// stored input reads back as any other (`vigil gap --assessment N`).
Result<std::pair<assess::Soa, json>> soa_from_file(const json& file) {
  JsonObjectReader reader(file, "body: soa_file");
  auto name = reader.text("name", Presence::Required, 200);
  // The file as uploaded, tabs and all: the SoA reader checks it (UTF-8, cells).
  auto text = reader.secret("text", std::size_t{16} << 20);
  TRY(reader.finish());
  TRY(require_safe_text(*name, "body: soa_file.name"));
  const assess::InputFormat format = assess::input_format_for(*name);
  auto soa = TRY(assess::parse_soa(*text, format, *name));
  auto table = TRY(assess::read_table(*text, format, *name, assess::soa_columns()));
  return std::pair{std::move(soa), application::table_rows(table, assess::soa_columns())};
}

// POST gap-assessments: {"as_of"?, "soa": [rows] | "soa_file": {name, text}, "documents"?: [rows], "entity"?: {...}}
Result<Response> create_assessment(Context& c) {
  auto body = TRY(parse_json(c.request.body, "body"));
  Errors errors;
  if (!body.is_object()) return invalid("body", "expected a JSON object with soa (and as_of, documents, entity)");
  JsonObjectReader reader(body, "body");
  auto as_of_text = reader.text("as_of", Presence::Optional);
  const json* soa_rows = reader.raw("soa");
  const json* soa_file = reader.raw("soa_file");
  const json* document_rows = reader.raw("documents");
  const json* entity_input = reader.raw("entity");
  if (auto checked = reader.finish(); !checked) errors.add_flat(checked.error());

  Date as_of = utc_date(c.now);  // today by the server's clock unless given
  if (as_of_text) {
    if (auto parsed = parse_date(*as_of_text, "body: as_of")) as_of = *parsed;
    else errors.add_flat(parsed.error());
  }
  application::GapRecording recording;
  recording.as_of = as_of;
  recording.soa_source = "soa (request body)";
  recording.by = c.principal->username;
  if (soa_rows && soa_file) {
    errors.add(Error{ErrorCode::InvalidInput, "body: soa_file", "give soa (rows) or soa_file, not both", {}});
  } else if (soa_file) {
    if (auto read = soa_from_file(*soa_file)) {
      std::tie(recording.soa, recording.soa_rows) = std::move(*read);
      recording.soa_source = (*soa_file)["name"].get<std::string>();
    } else {
      errors.add_flat(read.error());
    }
  } else if (!soa_rows) {
    errors.add(Error{ErrorCode::InvalidInput,
                     "body: soa",
                     "required: the Statement of Applicability as a list of rows (control, applicable, "
                     "justification, status, owner, evidence, last_reviewed), as in `vigil gap --soa soa.json`",
                     {}});
  } else if (auto parsed = assess::parse_soa(soa_rows->dump(), assess::InputFormat::Json, "body: soa")) {
    recording.soa = std::move(*parsed);
    recording.soa_rows = *soa_rows;
  } else {
    errors.add_flat(parsed.error());
  }
  if (document_rows) {  // else the organisation's own register, as the documents routes keep it
    auto parsed = assess::parse_document_register(document_rows->dump(), assess::InputFormat::Json, "body: documents");
    if (parsed) recording.documents = std::pair{std::move(*parsed), *document_rows};
    else errors.add_flat(parsed.error());
  }
  if (entity_input) {
    recording.entity_input = *entity_input;
    if (auto parsed = scope::parse_entity(*entity_input, "body: entity")) recording.entity = scope::classify(*parsed);
    else errors.add_flat(parsed.error());
  }
  TRY(errors.result());

  auto recorded = TRY(application::record_gap_assessment(
      compliance(c), c.services.exercises.get(), *c.services.incidents, c.param("org"), std::move(recording), c.now));
  Response r = json_response(application::to_json(recorded).dump(), 201);
  r.set_header("Location", org_path(c) + "/gap-assessments/" + std::to_string(recorded.summary.id));
  return r;
}

Result<Response> list_assessments(Context& c) {
  auto limit = TRY(limit_param(c));
  auto rows = TRY(compliance(c).assessments(c.param("org"), limit));
  json out = json::array();
  for (const auto& row : rows) out.push_back(application::to_json(row));
  return json_response(json{{"assessments", out}}.dump());
}

Result<store::GapAssessment> find_assessment(Context& c) {
  std::string_view text = c.param("id");
  std::int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc{} || end != text.data() + text.size() || id < 1) {
    return fail(ErrorCode::NotFound, "id", "no gap assessment '" + std::string(text) + "' (ids are 1, 2, 3, ...)");
  }
  return compliance(c).assessment(c.param("org"), id);
}

// The report exactly as recorded (`vigil gap --format json` at the time).
Result<Response> show_assessment(Context& c) {
  auto found = TRY(find_assessment(c));
  return json_response(found.result);
}

// The self-contained HTML report as recorded: inline CSS and SVG, no requests.
Result<Response> assessment_html(Context& c) {
  auto found = TRY(find_assessment(c));
  return html_report_response(std::move(found.report_html));
}

// --- the documents register ---

Result<Response> list_documents(Context& c) {
  auto rows = TRY(compliance(c).documents(c.param("org")));
  json out = json::array();
  std::vector<std::string> keys;
  for (const auto& row : rows) {
    out.push_back(to_json(row));
    keys.push_back(store::document_key(row.maps_to.empty() ? row.name : row.maps_to));
  }
  // What the catalog suggests and the register does not list yet: missing too.
  json unregistered = json::array();
  for (auto name : assess::suggested_documents()) {
    if (std::find(keys.begin(), keys.end(), store::document_key(name)) == keys.end()) unregistered.push_back(name);
  }
  return json_response(json{{"documents", out}, {"suggested_not_registered", unregistered}}.dump());
}

std::string document_name(Context& c) { return std::string(trim(c.param("name"))); }

// A register name: one line of sensible length (it goes into URLs and reports).
Result<void> check_document_name(const std::string& name) {
  if (is_blank(name) || name.size() > 200) return invalid("name", "a document name of 1 to 200 bytes");
  return require_safe_text(name, "name");
}

// A path segment with everything but unreserved characters percent-encoded.
std::string url_segment(std::string_view text) {
  std::string out;
  for (unsigned char ch : text) {
    if (std::isalnum(ch) || ch == '-' || ch == '.' || ch == '_' || ch == '~') {
      out += static_cast<char>(ch);
    } else {
      out += fmt::format("%{:02X}", ch);
    }
  }
  return out;
}

Result<Response> show_document(Context& c) {
  auto row = TRY(compliance(c).document(c.param("org"), document_name(c)));
  Response r = json_response(to_json(row).dump());
  r.set_header("ETag", etag(row));
  return r;
}

// A write refused for its If-Match: 412 (or 428 when it was missing).
Response precondition_problem(const Error& e, const std::string& request_id) {
  return problem(e.where == "If-Match required" ? 428 : 412, e.message, request_id);
}

bool is_precondition(const Result<store::DocumentRecord>& written) {
  return !written && written.error().code == ErrorCode::Conflict &&
         (written.error().where == "If-Match" || written.error().where == "If-Match required");
}

// Checks the caller's If-Match against the row as it stands in the write. A
// register row is overwritten by an edit, so replacing an existing one needs
// If-Match (428 without it); creating one does not.
Result<void> check_if_match(const std::optional<std::string>& if_match, const std::optional<store::DocumentRecord>& row,
                            bool required) {
  if (!row) return {};
  if (!if_match) {
    if (!required) return {};
    return fail(ErrorCode::Conflict, "If-Match required",
                "'" + row->name + "' is already registered: send If-Match with its ETag (" + etag(*row) +
                    ") so that nobody's edit is overwritten unseen");
  }
  if (*if_match != "*" && *if_match != etag(*row)) {
    return fail(ErrorCode::Conflict, "If-Match",
                "'" + row->name + "' changed meanwhile (its ETag is now " + etag(*row) + "); reload it and retry");
  }
  return {};
}

std::optional<std::string> if_match_header(Context& c) {
  if (auto given = c.request.header("If-Match")) return std::string(trim(*given));
  return std::nullopt;
}

Result<Response> written_response(Context& c, Result<store::DocumentRecord> written, int status) {
  if (is_precondition(written)) return precondition_problem(written.error(), c.request_id);
  auto row = TRY(std::move(written));
  if (row.revision == 1) status = 201;
  Response r = json_response(to_json(row).dump(), status);
  r.set_header("ETag", etag(row));
  r.set_header("Location", org_path(c) + "/documents/" + url_segment(row.name));
  return r;
}

// PUT documents/{name}: {"status": "missing"|"draft"|"approved", "version"?, "next_review"?}
Result<Response> put_document(Context& c) {
  std::string name = document_name(c);
  TRY(check_document_name(name));
  auto body = TRY(parse_json(c.request.body, "body"));
  if (!body.is_object()) return invalid("body", "expected a JSON object: status, version?, next_review?");
  JsonObjectReader reader(body, "body");
  static constexpr std::string_view kStatuses[] = {"missing", "draft", "approved"};
  auto status = reader.choice("status", kStatuses, Presence::Required);
  auto version = reader.text("version", Presence::Optional);
  auto next_review_text = reader.text("next_review", Presence::Optional);
  // maps_to: the suggested document this row stands for; null or "" clears it.
  const json* maps_to = reader.raw("maps_to");
  store::DocumentEdit edit;
  if (const auto given = body.find("maps_to"); given != body.end() && given->is_null()) {
    edit.maps_to = std::string();
  } else if (maps_to && maps_to->is_string()) {
    edit.maps_to = std::string(trim(maps_to->get<std::string>()));
    if (auto safe = require_safe_text(*edit.maps_to, "maps_to"); !safe)
      reader.add_error("maps_to", safe.error().message);
  } else if (maps_to) {
    reader.add_error("maps_to", "expected the name of a suggested document, or null for none");
  }
  if (next_review_text) {
    if (auto parsed = parse_date(*next_review_text, "body: next_review")) edit.next_review = *parsed;
    else reader.add_error("next_review", parsed.error().message);
  }
  if (version && trim(*version).empty()) reader.add_error("version", "must not be blank (leave it out to keep it)");
  if (edit.maps_to && !edit.maps_to->empty()) {
    if (auto suggested = assess::find_suggested_document(*edit.maps_to)) {
      edit.maps_to = std::string(*suggested);
    } else {
      reader.add_error("maps_to", "'" + excerpt(*edit.maps_to) +
                                      "' is not a document the catalog suggests (GET documents lists those not "
                                      "registered yet under suggested_not_registered)");
    }
  }
  TRY(reader.finish());
  if (edit.maps_to && !edit.maps_to->empty()) {
    // One row per suggested document, as the register file allows.
    const std::string wanted = store::document_key(*edit.maps_to);
    auto each = TRY(compliance(c).documents(c.param("org")));
    for (const auto& other : each) {
      if (store::document_key(other.name) == store::document_key(name)) continue;
      if (store::document_key(other.maps_to.empty() ? other.name : other.maps_to) == wanted) {
        return fail(ErrorCode::Conflict, "body: maps_to",
                    "'" + other.name + "' already stands for '" + *edit.maps_to + "' in the register");
      }
    }
  }
  edit.status = *status == "missing" ? assess::DocumentStatus::Missing
                : *status == "draft" ? assess::DocumentStatus::Draft
                                     : assess::DocumentStatus::Approved;
  if (version) edit.version = std::string(trim(*version));
  auto if_match = if_match_header(c);
  auto written = compliance(c).write_document(
      c.param("org"), name,
      [&](const std::optional<store::DocumentRecord>& current) -> Result<store::DocumentRecord> {
        TRY(check_if_match(if_match, current, /*required=*/true));
        return store::edit_document(name, current, edit);
      },
      c.principal->username, c.now);
  return written_response(c, std::move(written), 200);  // 201 when it registered the document
}

// POST documents/{name}/content?version=...: the body is the version's text or
// file; its SHA-256 goes on the register row (a draft until approved).
Result<Response> upload_content(Context& c) {
  std::string name = document_name(c);
  TRY(check_document_name(name));
  std::string version(trim(c.request.query_param("version").value_or("")));
  Errors errors;
  if (version.empty()) {
    errors.add({ErrorCode::InvalidInput, "version", "required (query parameter): the version uploaded, e.g. 1.2", {}});
  }
  if (c.request.body.empty()) errors.add({ErrorCode::InvalidInput, "body", "empty: send the document itself", {}});
  TRY(errors.result());
  const std::string sha = sha256_hex(c.request.body);
  const auto size = static_cast<std::int64_t>(c.request.body.size());
  auto if_match = if_match_header(c);
  auto written = compliance(c).write_document(
      c.param("org"), name,
      [&](const std::optional<store::DocumentRecord>& current) -> Result<store::DocumentRecord> {
        TRY(check_if_match(if_match, current, /*required=*/false));
        return store::record_content(name, current, version, sha, size);
      },
      c.principal->username, c.now, c.request.body);
  return written_response(c, std::move(written), 201);
}

// GET documents/{name}/content: the current version's content.
Result<Response> download_content(Context& c) {
  auto row = TRY(compliance(c).document(c.param("org"), document_name(c)));
  if (row.content_sha256.empty()) {
    return fail(ErrorCode::NotFound, "content", "no content has been uploaded for '" + row.name + "'");
  }
  Response r;
  r.content_type = "application/octet-stream";
  r.body = TRY(compliance(c).document_content(c.param("org"), row.content_sha256));
  // Never another text under the recorded SHA-256 (changed in the database).
  if (sha256_hex(r.body) != row.content_sha256) {
    return fail(ErrorCode::Io, "content",
                "the stored content of '" + row.name + "' version " + row.version +
                    " does not match its recorded SHA-256 (changed outside Vigil?); `vigil audit verify` reports it");
  }
  r.set_header("ETag", "\"" + row.content_sha256 + "\"");
  // A download, named after the register row (its name may be any UTF-8).
  r.set_header("Content-Disposition", attachment_disposition(row.name, "document"));
  return r;
}

// --- management approvals (Art. 20(1)) ---

bool is_sha256_hex(std::string_view text) {
  return text.size() == 64 && std::all_of(text.begin(), text.end(),
                                          [](char ch) { return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'); });
}

// POST approvals: {"subject_kind": "document"|"risk_treatment_plan", "subject_name", "version", "sha256",
// "note"?, "next_review"? (YYYY-MM-DD; a document's next review, see store::NewApproval)}
Result<Response> approve(Context& c) {
  auto body = TRY(parse_json(c.request.body, "body"));
  if (!body.is_object()) return invalid("body", "expected a JSON object: subject_kind, subject_name, version, sha256");
  JsonObjectReader reader(body, "body");
  static constexpr std::string_view kKinds[] = {"document", "risk_treatment_plan"};
  auto kind = reader.choice("subject_kind", kKinds, Presence::Required);
  auto name = reader.text("subject_name", Presence::Optional);
  auto version = reader.text("version", Presence::Required);
  auto sha = reader.text("sha256", Presence::Required);
  auto note = reader.text("note", Presence::Optional);
  auto next_review = reader.text("next_review", Presence::Optional);
  store::NewApproval approval;
  if (kind) approval.subject_kind = TRY(store::parse_approval_subject(*kind, "body: subject_kind"));
  if (name) approval.subject_name = std::string(trim(*name));
  if (approval.subject_name.empty()) {
    if (kind && approval.subject_kind == store::ApprovalSubject::RiskTreatmentPlan) {
      approval.subject_name = "Risk treatment plan";
    } else if (kind) {
      reader.add_error("subject_name", "required for a document: its name in the documents register");
    }
  }
  if (version) {
    approval.version = std::string(trim(*version));
    if (approval.version.empty()) reader.add_error("version", "must not be blank");
  }
  if (sha) {
    approval.sha256 = to_lower(trim(*sha));
    if (!is_sha256_hex(approval.sha256)) {
      reader.add_error("sha256", "expected the SHA-256 of what was approved: 64 hexadecimal digits");
    }
  }
  if (next_review) {
    if (auto date = parse_date(*next_review, "body: next_review")) approval.next_review = *date;
    else reader.add_error("next_review", "expected a date, YYYY-MM-DD");
  }
  TRY(reader.finish());
  approval.note = note.value_or("");
  approval.approved_by = c.principal->username;
  approval.approved_at = c.now;  // the server's clock: the record says when it was approved here
  auto stored = TRY(compliance(c).approve(c.param("org"), approval));
  return json_response(to_json(stored).dump(), 201);
}

// The record trail (store/record_trail.h): one page of entries.
constexpr std::int64_t kTrailPage = 100, kTrailMaxPage = 1000;

Result<Response> trail_page(Context& c, std::optional<std::string> subject) {
  store::TrailQuery query;
  query.subject = std::move(subject);
  query.limit = std::min(TRY(limit_param(c)).value_or(kTrailPage), kTrailMaxPage);
  if (auto after = c.request.query_param("after")) {
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(after->data(), after->data() + after->size(), value);
    if (ec != std::errc{} || end != after->data() + after->size() || value < 0) {
      return invalid("after", "'" + excerpt(*after) + "' is not a whole number (the seq of the last entry seen)");
    }
    query.after = value;
  }
  auto entries = TRY(compliance(c).trail(c.param("org"), query));
  json events = json::array();
  for (const auto& e : entries) events.push_back(store::to_json(e));
  const bool more = static_cast<std::int64_t>(entries.size()) == *query.limit;
  return json_response(
      json{{"events", events}, {"next_after", more && !entries.empty() ? json(entries.back().seq) : json(nullptr)}}
          .dump());
}

// GET .../audit/events?subject=&after=&limit=: the organisation's record trail.
Result<Response> audit_events(Context& c) {
  std::optional<std::string> subject;
  if (auto text = c.request.query_param("subject")) subject = *text;
  return trail_page(c, std::move(subject));
}

// GET .../documents/{name}/history: every write to one register row.
Result<Response> document_history(Context& c) { return trail_page(c, store::subject_of_document(c.param("name"))); }

Result<Response> list_approvals(Context& c) {
  auto limit = TRY(limit_param(c));
  auto rows = TRY(compliance(c).approvals(c.param("org"), limit));
  json out = json::array();
  for (const auto& row : rows) out.push_back(to_json(row));
  return json_response(json{{"approvals", out}}.dump());
}

}  // namespace

void add_compliance_routes(const RouteGroups& api) {
  api.members.command(
      "/gap-assessments", kRecordKeepers,
      "Run and store a gap assessment (as `vigil gap`): soa (rows) or soa_file ({name, text}: a CSV, JSON or "
      "YAML file as uploaded, read by its extension, errors at its lines), as_of?, documents? (default: the "
      "stored register), entity? (scoping input). 400 lists every input error with its row and field.",
      create_assessment, "GapAssessmentRequest", "GapAssessmentCreated", {201});
  api.members
      .add("GET", "/gap-assessments", kAnyRole,
           "History of gap assessments, newest first, with their scores (?limit=N).", list_assessments)
      .reads("limit", "At most this many, newest first (a positive whole number; default all)")
      .answers("GapAssessmentList");
  api.members
      .add("GET", "/gap-assessments/{id}", kAnyRole,
           "One stored gap assessment: the full report JSON (as `vigil gap --format json`).", show_assessment)
      .answers("GapReport");
  api.members
      .add("GET", "/gap-assessments/{id}/report.html", kAnyRole,
           "One stored gap assessment as the self-contained HTML report (prints to PDF).", assessment_html)
      .answers_media("text/html; charset=utf-8");
  api.members
      .add("GET", "/documents", kAnyRole,
           "The documents register, and the catalog's suggested documents not registered yet.", list_documents)
      .answers("DocumentRegister");
  api.members.add("GET", "/documents/{name}", kAnyRole, "One register row (ETag).", show_document).answers("Document");
  api.members
      .add("PUT", "/documents/{name}", kRecordKeepers,
           "Create or edit a register row: status (missing|draft|approved), version?, next_review?, maps_to? (the "
           "suggested document an own title stands for; null clears it). Replacing "
           "a row needs If-Match (428 without, 412 on mismatch); only an approval makes a document approved.",
           put_document)
      .takes("DocumentEdit")
      .answers("Document", {200, 201});
  api.members
      .add("POST", "/documents/{name}/content", kRecordKeepers,
           "Upload a version (?version=...; the body, at most 10 MiB): its SHA-256 goes on the register row, "
           "a draft until approved (If-Match optional).",
           upload_content)
      .reads_required("version", "The version label of the uploaded content, e.g. 1.2")
      .takes_bytes()
      .answers("Document", {201})
      .body_limit = kMaxDocumentBytes;
  api.members
      .add("GET", "/documents/{name}/content", kAnyRole, "The content of the document's current version.",
           download_content)
      .answers_media("application/octet-stream");
  api.members.command(
      "/approvals", kManagementBody,
      "Management body approval (NIS2 Art. 20(1)): subject_kind (document|risk_treatment_plan), "
      "subject_name, version, sha256, note?, next_review? (YYYY-MM-DD). A document's approval must match the "
      "version and SHA-256 of the content on record (409 otherwise; 409 too when no content was uploaded for "
      "it, and for the version already approved) and marks its "
      "register row approved, setting or confirming its next review (default: one year on).",
      approve, "ApprovalRequest", "Approval", {201});
  api.members.add("GET", "/approvals", kAnyRole, "Management approvals, newest first (?limit=N).", list_approvals)
      .reads("limit", "At most this many, newest first (a positive whole number; default all)")
      .answers("ApprovalList");
  api.members
      .add("GET", "/documents/{name}/history", kAnyRole,
           "Every write to one register row from the record trail: who, when, kind, old and new values "
           "(?after=SEQ&limit=N, at most 1000; next_after pages on).",
           document_history)
      .reads("after", "Entries after this sequence number (paging)")
      .reads("limit", "How many entries (at most 1000)")
      .answers("TrailPage");
  api.members
      .add("GET", "/audit/events", kAnyRole,
           "The organisation's record trail: every write to the documents register, uploaded content, approvals "
           "and stored gap assessments, hash-chained (?subject=document:<name>|approval:N|assessment:N, "
           "?after=SEQ, ?limit=N up to 1000; next_after pages on).",
           audit_events)
      .reads("subject", "Only this subject: document:<name>, approval:N or assessment:N")
      .reads("after", "Entries after this sequence number (paging)")
      .reads("limit", "How many entries (at most 1000)")
      .answers("TrailPage");
}

}  // namespace vigil::server
