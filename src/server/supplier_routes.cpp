#include "server/supplier_routes.h"

#include <charconv>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "assess/score.h"
#include "core/csv.h"
#include "core/errors.h"
#include "core/text.h"
#include "server/app.h"
#include "server/http.h"
#include "server/problem.h"
#include "store/compliance_store.h"
#include "store/supplier_store.h"
#include "supplier/analysis.h"
#include "supplier/impact.h"
#include "supplier/register_input.h"
#include "supplier/register_json.h"
#include "supplier/report.h"

namespace vigil::server {

namespace {

using nlohmann::json;

// A register of 10 000 suppliers and 100 000 dependencies is about 15 MB of JSON.
constexpr std::size_t kMaxRegisterBytes = 32 * 1024 * 1024;

store::SupplierStore& suppliers(Context& c) { return *c.services.suppliers; }

std::string etag(std::int64_t revision) { return fmt::format("\"{}\"", revision); }

Error no_register(std::string_view org) {
  return Error{ErrorCode::NotFound,
               "suppliers",
               fmt::format("organisation {} has no stored supplier register yet: PUT one (JSON or YAML) to "
                           "/api/v1/orgs/{}/suppliers, or `vigil supplier import --register FILE`",
                           org, org),
               {}};
}

Result<store::StoredSupplierRegister> stored(Context& c) {
  auto found = TRY(suppliers(c).supplier_register(c.param("org")));
  if (!found) return tl::unexpected(no_register(c.param("org")));
  return std::move(*found);
}

json changes_json(const supplier::ElementChanges& e) {
  return {{"added", e.added}, {"removed", e.removed}, {"changed", e.changed}};
}

json head_json(const store::SupplierRegisterHead& h) {
  return {{"revision", h.revision},         {"sha256", h.sha256},
          {"functions", h.functions},       {"suppliers", h.suppliers},
          {"dependencies", h.dependencies}, {"updated_at", format_utc(h.updated_at)},
          {"updated_by", h.updated_by}};
}

// GET suppliers: the register (canonical JSON, what PUT takes back), ETag = revision.
Result<Response> get_register(Context& c) {
  auto s = TRY(stored(c));
  Response r = json_response(s.canonical);
  r.set_header("ETag", etag(s.head.revision));
  r.set_header("Last-Modified-By", s.head.updated_by);
  return r;
}

// GET suppliers/meta: who imported the register when, its hash and counts.
Result<Response> get_meta(Context& c) {
  auto found = TRY(suppliers(c).supplier_register(c.param("org")));
  json out = found ? head_json(found->head) : json(nullptr);
  Response r = json_response(json{{"register", out}}.dump());
  if (found) r.set_header("ETag", etag(found->head.revision));
  return r;
}

// PUT suppliers: the whole register, JSON (or YAML with a Content-Type naming
// yaml), read exactly as `vigil supplier import` reads a file. An existing
// register is replaced only with If-Match naming its revision (428 without,
// 412 on mismatch); the first one needs none ("*" or "0" are accepted too).
Result<Response> put_register(Context& c) {
  const auto type = to_lower(std::string(c.request.header("Content-Type").value_or("application/json")));
  const bool yaml = type.find("yaml") != std::string::npos;
  std::optional<std::int64_t> if_revision;
  const auto if_match = c.request.header("If-Match");
  if (if_match && trim(*if_match) != "*") {
    std::string_view text = trim(*if_match);
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"') text = text.substr(1, text.size() - 2);
    std::int64_t revision = -1;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), revision);
    if (ec != std::errc() || end != text.data() + text.size() || revision < 0) {
      return problem(412, "If-Match: expected the ETag of GET .../suppliers (a quoted revision such as \"3\")",
                     c.request_id);
    }
    if_revision = revision;
  }
  auto reg = TRY(supplier::parse_register(
      c.request.body, yaml ? supplier::DocumentFormat::Yaml : supplier::DocumentFormat::Json, "body"));
  if (!if_match) {
    auto current = TRY(suppliers(c).supplier_register(c.param("org")));
    if (current) {
      return problem(428,
                     fmt::format("a supplier register is stored (revision {}): send If-Match with its ETag ({}) so "
                                 "that nobody's import is overwritten unseen",
                                 current->head.revision, etag(current->head.revision)),
                     c.request_id);
    }
    if_revision = 0;
  }
  auto done = suppliers(c).import_register(c.param("org"), reg, c.principal->username, c.now, if_revision);
  if (!done && done.error().code == ErrorCode::Conflict && done.error().where == "If-Match") {
    return problem(412, done.error().message, c.request_id);
  }
  auto result = TRY(std::move(done));
  json out = head_json(result.head);
  out["unchanged"] = result.unchanged;
  out["previous"] = result.previous ? json{{"revision", result.previous->revision}, {"sha256", result.previous->sha256}}
                                    : json(nullptr);
  out["changes"] = {{"functions", changes_json(result.changes.functions)},
                    {"suppliers", changes_json(result.changes.suppliers)},
                    {"dependencies", changes_json(result.changes.dependencies)}};
  Response r = json_response(out.dump(), result.previous ? 200 : 201);
  r.set_header("ETag", etag(result.head.revision));
  r.set_header("Location", "/api/v1/orgs/" + std::string(c.param("org")) + "/suppliers");
  return r;
}

Result<std::vector<supplier::Clause>> clauses_param(const std::optional<std::string>& text) {
  if (!text) return supplier::all_clauses();
  if (*text == "none") return std::vector<supplier::Clause>{};
  std::vector<supplier::Clause> out;
  std::string_view rest = *text;
  while (true) {
    const auto comma = rest.find(',');
    const std::string_view item = trim(rest.substr(0, comma));
    auto clause = supplier::parse_clause(item);
    if (!clause) {
      auto names = supplier::clause_names();
      return invalid("required_clauses", fmt::format("unknown clause '{}': the clauses are {} (or 'none')",
                                                     excerpt(item), fmt::join(names, ", ")));
    }
    if (std::find(out.begin(), out.end(), *clause) == out.end()) out.push_back(*clause);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// GET suppliers/analysis?as_of=DATE&threshold=N&required_clauses=LIST
Result<Response> get_analysis(Context& c) {
  supplier::AnalysisOptions options;
  Errors errors;
  options.as_of = utc_date(c.now);
  if (auto as_of = c.request.query_param("as_of")) {
    if (auto date = parse_date(*as_of, "as_of")) options.as_of = *date;
    else errors.add(date.error());
  }
  if (auto threshold = c.request.query_param("threshold")) {
    if (auto permille = assess::parse_percent_tenths(*threshold)) {
      options.threshold_permille = *permille;
    } else {
      errors.add({ErrorCode::InvalidInput,
                  "threshold",
                  "expected a percentage from 0 to 100 (at most one decimal, e.g. 50 or 33.3)",
                  {}});
    }
  }
  if (auto clauses = clauses_param(c.request.query_param("required_clauses"))) options.required_clauses = *clauses;
  else errors.add(clauses.error());
  TRY(errors.result());
  auto s = TRY(stored(c));
  Response r = json_response(supplier::render_json(supplier::analyse(s.reg, options)));
  r.set_header("ETag", etag(s.head.revision));
  return r;
}

// GET suppliers/impact?supplier=ID | group=ID | country=CC
Result<Response> get_impact(Context& c) {
  const auto supplier_id = c.request.query_param("supplier");
  const auto group = c.request.query_param("group");
  const auto country = c.request.query_param("country");
  if (!!supplier_id + !!group + !!country != 1) {
    return invalid("query", "name exactly one of: supplier=ID, group=ID or country=CC");
  }
  supplier::ImpactQuery query = supplier_id ? supplier::ImpactQuery{supplier::ImpactScope::Supplier, *supplier_id}
                                : group     ? supplier::ImpactQuery{supplier::ImpactScope::Group, *group}
                                            : supplier::ImpactQuery{supplier::ImpactScope::Country, *country};
  auto s = TRY(stored(c));
  auto found = supplier::impact(s.reg, query);
  if (!found) {
    Error e = found.error();
    if (e.code == ErrorCode::NotFound)
      e.code = ErrorCode::InvalidInput;  // the organisation exists; the query names nothing
    return tl::unexpected(std::move(e));
  }
  return json_response(supplier::render_json(*found));
}

// GET suppliers/directory[?format=csv]
Result<Response> get_directory(Context& c) {
  const std::string format = c.request.query_param("format").value_or("json");
  if (format != "json" && format != "csv") return invalid("format", "expected json or csv");
  auto s = TRY(stored(c));
  supplier::AnalysisOptions options;
  options.as_of = utc_date(c.now);
  const supplier::Analysis a = supplier::analyse(s.reg, options);
  auto entries = supplier::directory(s.reg, a.serves_critical);
  if (format == "json") return json_response(supplier::render_directory_json(entries));
  std::string csv = csv_record(supplier::directory_columns(), "\r\n");
  for (const auto& row : supplier::directory_rows(entries)) csv += csv_record(row, "\r\n");
  Response r;
  r.content_type = "text/csv; charset=utf-8";
  r.body = std::move(csv);
  const std::string name = fmt::format("supplier-directory-{}.csv", c.param("org"));
  r.set_header("Content-Disposition", attachment_disposition(name, "supplier-directory.csv"));
  return r;
}

}  // namespace

void add_supplier_routes(const RouteGroups& api) {
  const RouteGroup suppliers = api.members.under("/suppliers");
  suppliers
      .add("GET", "", kAnyRole,
           "The organisation's supplier register (IR 2024/2690 Annex 5): functions, suppliers, dependencies as "
           "canonical JSON (what PUT takes back); ETag = its revision. 404 while none is stored.",
           get_register)
      .answers("SupplierRegister");
  suppliers
      .add("PUT", "", kRecordKeepers,
           "Replace the supplier register (JSON, or YAML with Content-Type application/yaml), read exactly as "
           "`vigil supplier import`: 400 lists every error with its line and field. Replacing a stored register "
           "needs If-Match with its ETag (428 without, 412 on mismatch). On the record trail with old and new "
           "SHA-256 and what was added, removed and changed.",
           put_register)
      .takes("SupplierRegister")
      .answers("SupplierImport", {200, 201})
      .body_limit = kMaxRegisterBytes;
  suppliers
      .add("GET", "/meta", kAnyRole,
           "Who imported the stored register and when, its revision, SHA-256 and counts ({register: null} while "
           "none is stored).",
           get_meta)
      .answers("SupplierRegisterMeta");
  suppliers
      .add("GET", "/analysis", kAnyRole,
           "Concentration, single points of failure, findings and cycles of the stored register "
           "(?as_of=YYYY-MM-DD, default today UTC; ?threshold=N percent, default 50; "
           "?required_clauses=a,b|none), as `vigil supplier analyse --format json`.",
           get_analysis)
      .reads("as_of", "The day the analysis is made for (YYYY-MM-DD; default today)")
      .reads("threshold", "Concentration threshold in percent (default 50)")
      .reads("required_clauses", "Contract clauses every contract must hold, comma-separated, or none")
      .answers("SupplierAnalysis");
  suppliers
      .add("GET", "/impact", kAnyRole,
           "What fails if a supplier, a corporate group or every supplier in a country fails "
           "(exactly one of ?supplier=ID, ?group=ID, ?country=CC), as `vigil supplier impact --format json`.",
           get_impact)
      .reads("supplier", "What if this supplier fails (its id)")
      .reads("group", "What if this group of suppliers fails")
      .reads("country", "What if suppliers in this country (ISO 3166-1 alpha-2) fail")
      .answers("SupplierImpact");
  suppliers
      .add("GET", "/directory", kAnyRole,
           "The IR 2024/2690 Annex 5.2 directory of suppliers: contacts and ICT services (JSON; ?format=csv "
           "as a download).",
           get_directory)
      .reads("format", "json (default) or csv")
      .answers("SupplierDirectory")
      .answers_media("text/csv; charset=utf-8");
}

json supplier_openapi_schemas() {
  const json text = {{"type", "string"}};
  const json date = {{"type", "string"}, {"format", "date"}};
  const json texts = {{"type", "array"}, {"items", text}};
  json clause = {{"type", "string"}, {"enum", json::array()}};
  for (auto name : supplier::clause_names()) clause["enum"].push_back(std::string(name));
  const json counts = {
      {"type", "object"},
      {"properties",
       {{"added", {{"type", "integer"}}}, {"removed", {{"type", "integer"}}}, {"changed", {{"type", "integer"}}}}}};
  const json head = {{"type", "object"},
                     {"properties",
                      {{"revision", {{"type", "integer"}}},
                       {"sha256", text},
                       {"functions", {{"type", "integer"}}},
                       {"suppliers", {{"type", "integer"}}},
                       {"dependencies", {{"type", "integer"}}},
                       {"updated_at", {{"type", "string"}, {"format", "date-time"}}},
                       {"updated_by", text}}}};
  json import_schema = head;
  import_schema["properties"]["unchanged"] = {{"type", "boolean"}};
  import_schema["properties"]["previous"] = {{"type", {"object", "null"}},
                                             {"description", "the revision replaced; null: the first import"},
                                             {"properties", {{"revision", {{"type", "integer"}}}, {"sha256", text}}}};
  import_schema["properties"]["changes"] = {
      {"type", "object"}, {"properties", {{"functions", counts}, {"suppliers", counts}, {"dependencies", counts}}}};
  json register_schema = {
      {"SupplierRegister",
       {{"type", "object"},
        {"description", "docs/SUPPLIERS.md; unknown keys are refused"},
        {"required", {"functions", "suppliers", "dependencies"}},
        {"additionalProperties", false},
        {"properties",
         {{"functions",
           {{"type", "array"},
            {"items",
             {{"type", "object"},
              {"required", {"id", "name", "critical"}},
              {"additionalProperties", false},
              {"properties",
               {{"id", text},
                {"name", text},
                {"critical", {{"type", "boolean"}}},
                {"entity_type", text},
                {"rto", {{"type", "string"}, {"description", "ISO 8601 duration (W, D, H, M, S)"}}}}}}}}},
          {"suppliers",
           {{"type", "array"},
            {"items",
             {{"type", "object"},
              {"required", {"id", "name", "country", "services", "substitutable", "exit_plan"}},
              {"additionalProperties", false},
              {"properties",
               {{"id", text},
                {"name", text},
                {"country", {{"type", "string"}, {"pattern", "^[A-Z]{2}$"}}},
                {"group", text},
                {"services", texts},
                {"substitutable", {{"type", "boolean"}}},
                {"exit_plan", {{"type", "boolean"}}},
                {"iso27001_certificate_expiry", date},
                {"contract_end", date},
                {"clauses", {{"type", "array"}, {"items", clause}}},
                {"last_assessment", date},
                {"next_assessment", date},
                {"contact",
                 {{"type", "object"},
                  {"additionalProperties", false},
                  {"properties", {{"name", text}, {"email", text}, {"phone", text}}}}}}}}}}},
          {"dependencies",
           {{"type", "array"},
            {"items",
             {{"type", "object"},
              {"required", {"from", "to", "kind"}},
              {"additionalProperties", false},
              {"properties", {{"from", text}, {"to", text}, {"kind", text}, {"description", text}}}}}}}}}}},
  };
  json out = json::object();
  out["SupplierRegister"] = std::move(register_schema["SupplierRegister"]);
  out["SupplierImport"] = std::move(import_schema);
  json meta_schema = json::object();
  meta_schema["type"] = "object";
  json head_or_null = json::array();
  head_or_null.push_back(head);
  head_or_null.push_back(json{{"type", "null"}});
  meta_schema["properties"]["register"]["oneOf"] = std::move(head_or_null);
  meta_schema["properties"]["register"]["description"] = "the stored register's head; null: none imported yet";
  out["SupplierRegisterMeta"] = std::move(meta_schema);

  auto list_of = [](json items) { return json{{"type", "array"}, {"items", std::move(items)}}; };
  auto object_with = [](json properties) { return json{{"type", "object"}, {"properties", std::move(properties)}}; };
  json analysis = object_with(json::object());
  analysis["description"] = "docs/SUPPLIERS.md, JSON of the analysis";
  json& a = analysis["properties"];
  a["as_of"] = date;
  a["threshold_percent"] = json{{"type", "number"}};
  a["required_clauses"] = list_of(clause);
  a["critical_functions"] = json{{"type", "integer"}};
  json concentration = object_with(json::object());
  concentration["properties"]["kind"] = json{{"type", "string"}, {"enum", json::array({"supplier", "group"})}};
  concentration["properties"]["id"] = text;
  concentration["properties"]["critical_functions"] = texts;
  concentration["properties"]["share_percent"] = json{{"type", "number"}};
  concentration["properties"]["members"] = texts;
  a["concentration"] = list_of(std::move(concentration));
  json spof = object_with(json::object());
  spof["properties"]["function"] = text;
  spof["properties"]["supplier"] = text;
  spof["properties"]["path"] = texts;
  a["single_points_of_failure"] = list_of(std::move(spof));
  json finding = object_with(json::object());
  finding["properties"]["code"] = text;
  finding["properties"]["supplier"] =
      json{{"type", json::array({"string", "null"})},
           {"description", "the supplier it concerns; null: it concerns a group or the register as a whole"}};
  finding["properties"]["group"] = text;
  finding["properties"]["detail"] = text;
  a["findings"] = list_of(std::move(finding));
  json cycle = object_with(json::object());
  cycle["properties"]["suppliers"] = texts;
  cycle["properties"]["path"] = texts;
  a["cycles"] = list_of(std::move(cycle));
  out["SupplierAnalysis"] = std::move(analysis);

  json impact = object_with(json::object());
  impact["description"] = "docs/SUPPLIERS.md, JSON of the what-if";
  json& i = impact["properties"];
  i["scope"] = json{{"type", "string"}, {"enum", json::array({"supplier", "group", "country"})}};
  i["value"] = text;
  i["named"] = texts;
  i["failed_suppliers"] = list_of(json{{"type", "object"}});
  i["functions"] = list_of(json{{"type", "object"}});
  i["entity_types"] = texts;
  i["unknown_entity_type"] = json{{"type", "integer"}};
  out["SupplierImpact"] = std::move(impact);
  // The IR 2024/2690 Annex 5.2 directory (supplier::render_directory_json).
  auto nullable_text = [](const char* null_means) {
    return json{{"type", json::array({"string", "null"})}, {"description", null_means}};
  };
  const json not_recorded = nullable_text("null: not recorded in the register");
  out["SupplierDirectory"] = {
      {"type", "object"},
      {"required", {"suppliers"}},
      {"properties",
       {{"suppliers",
         {{"type", "array"},
          {"items",
           {{"type", "object"},
            {"required",
             {"id", "name", "group", "country", "country_name", "contact", "services", "functions",
              "serves_critical_function", "subcontractors"}},
            {"properties",
             {{"id", text},
              {"name", text},
              {"group", nullable_text("the group the supplier belongs to; null: none recorded")},
              {"country", text},
              {"country_name", text},
              {"contact",
               {{"type", "object"},
                {"properties", {{"name", not_recorded}, {"email", not_recorded}, {"phone", not_recorded}}}}},
              {"services", texts},
              {"functions", texts},
              {"serves_critical_function", {{"type", "boolean"}}},
              {"subcontractors", texts},
              {"contract_end", nullable_text("a date; null: not recorded in the register")},
              {"iso27001_certificate_expiry", nullable_text("a date; null: no certificate recorded")}}}}}}}}}};
  return out;
}

}  // namespace vigil::server
