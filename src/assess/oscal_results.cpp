#include "assess/oscal_results.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "catalog/oscal.h"

namespace vigil::assess {
namespace {

using Json = nlohmann::ordered_json;
using catalog::oscal_token;
using catalog::oscal_uuid;

// A relative file path as a URI reference: unreserved characters and '/' kept,
// everything else percent-encoded (RFC 3986).
std::string uri_path(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') out += static_cast<char>(c);
    else out += {'%', kHex[c >> 4], kHex[c & 15]};
  }
  return out;
}

std::string timestamp(const Date& date) { return format_date(date) + "T00:00:00Z"; }

Json prop(std::string_view name, std::string_view value) { return {{"name", name}, {"value", value}}; }

Json metadata(const GapReport& report, std::string_view title) {
  Json m = {{"title", title},
            {"last-modified", timestamp(report.as_of)},
            {"version", format_date(report.as_of)},
            {"oscal-version", catalog::kOscalVersion}};
  if (!report.soa_source.empty()) m["props"] = Json::array({prop("soa-source", report.soa_source)});
  return m;
}

// The assessment's identity: its date and its SoA, so that one assessment
// exports the same UUIDs every time.
std::string assessment_key(const GapReport& report) {
  return fmt::format("{}:{}", format_date(report.as_of), report.soa_source);
}

std::string finding_description(const RequirementResult& r) {
  std::string out = fmt::format("{} ({}): {}.", r.requirement->title, r.requirement->article, to_string(r.status));
  for (const Finding& f : r.findings) out += " " + f.detail;
  return out;
}

}  // namespace

nlohmann::ordered_json oscal_assessment_results(const GapReport& report, const Soa& soa, const EvidenceHashes& hashes) {
  const std::string key = assessment_key(report);
  // Evidence references of the SoA, once each, in SoA order.
  Json resources = Json::array({{{"uuid", oscal_uuid("assessment-plan:vigil-gap")},
                                 {"title", "Vigil gap assessment method (no separate assessment plan)"},
                                 {"description",
                                  "The NIS2 requirements (Arts 20, 21, 23) judged from the Statement "
                                  "of Applicability and the documents register, as 'vigil gap' does."}}});
  std::map<std::string, std::string> evidence_uuid;
  for (const SoaEntry& e : soa.entries)
    for (const std::string& ref : e.evidence) {
      if (evidence_uuid.count(ref)) continue;
      std::string uuid = oscal_uuid(fmt::format("evidence:{}:{}", key, ref));
      evidence_uuid[ref] = uuid;
      Json resource = {{"uuid", uuid}, {"title", ref}};
      // A reference that names a file the caller hashed links to it with its
      // SHA-256; anything else (a document id, a ticket) stays a title.
      if (auto h = hashes.find(ref); h != hashes.end())
        resource["rlinks"] = Json::array(
            {{{"href", uri_path(ref)}, {"hashes", Json::array({{{"algorithm", "SHA-256"}, {"value", h->second}}})}}});
      else resource["description"] = "Evidence reference from the Statement of Applicability (no file was hashed).";
      resources.push_back(std::move(resource));
    }

  Json findings = Json::array();
  for (const RequirementResult& r : report.requirements) {
    Json links = Json::array();
    std::vector<std::string> seen;
    for (const ControlResult& c : r.controls) {
      const SoaEntry* entry = soa.find(c.id);
      if (!entry) continue;
      for (const std::string& ref : entry->evidence) {
        if (std::find(seen.begin(), seen.end(), ref) != seen.end()) continue;
        seen.push_back(ref);
        links.push_back(
            {{"href", "#" + evidence_uuid[ref]}, {"rel", "evidence"}, {"text", std::string(c.id) + ": " + ref}});
      }
    }
    bool met = r.status == RequirementStatus::Met;
    Json props = Json::array({prop("vigil-status", to_string(r.status)), prop("nis2-article", r.requirement->article)});
    for (const Finding& f : r.findings) props.push_back(prop("vigil-finding", to_string(f.code)));
    Json finding = {
        {"uuid", oscal_uuid(fmt::format("finding:{}:{}", key, r.requirement->id))},
        {"title", fmt::format("{} {}", r.requirement->article, r.requirement->title)},
        {"description", finding_description(r)},
        {"props", props},
        {"target",
         {{"type", "objective-id"},
          {"target-id", oscal_token(r.requirement->id)},
          {"status", {{"state", met ? "satisfied" : "not-satisfied"}, {"reason", met ? "pass" : "fail"}}}}}};
    if (!links.empty()) finding["links"] = links;
    findings.push_back(std::move(finding));
  }
  Json result = {{"uuid", oscal_uuid(fmt::format("result:{}", key))},
                 {"title", fmt::format("NIS2 readiness on {}", format_date(report.as_of))},
                 {"description", fmt::format("Gap assessment of the NIS2 requirements from the Statement of "
                                             "Applicability; overall score {} %.",
                                             format_tenths(report.overall.score_tenths()))},
                 {"start", timestamp(report.as_of)},
                 {"props", Json::array({prop("readiness-percent", format_tenths(report.overall.score_tenths()))})},
                 {"reviewed-controls", {{"control-selections", Json::array({{{"include-all", Json::object()}}})}}},
                 {"findings", findings}};
  return {{"assessment-results",
           {{"uuid", oscal_uuid(fmt::format("assessment-results:{}", key))},
            {"metadata", metadata(report, "NIS2 gap assessment results")},
            {"import-ap", {{"href", "#" + oscal_uuid("assessment-plan:vigil-gap")}}},
            {"results", Json::array({result})},
            {"back-matter", {{"resources", resources}}}}}};
}

nlohmann::ordered_json oscal_poam(const GapReport& report) {
  const std::string key = assessment_key(report);
  Json items = Json::array();
  for (const Action& a : report.actions) {
    Json props = Json::array({prop("priority", std::to_string(a.rank)), prop("action", to_string(a.kind)),
                              prop("requirement-status", to_string(a.requirement_status))});
    if (!a.owner.empty()) props.push_back(prop("owner", a.owner));
    for (std::string_view r : a.requirements) props.push_back(prop("nis2-requirement", r));
    std::string title = a.target_title.empty() ? fmt::format("{}: {}", to_string(a.kind), a.target)
                                               : fmt::format("{}: {} {}", to_string(a.kind), a.target, a.target_title);
    items.push_back({{"uuid", oscal_uuid(fmt::format("poam-item:{}:{}:{}", key, to_string(a.kind), a.target))},
                     {"title", title},
                     {"description", a.detail},
                     {"props", props}});
  }
  return {{"plan-of-action-and-milestones",
           {{"uuid", oscal_uuid(fmt::format("poam:{}", key))},
            {"metadata", metadata(report, "NIS2 readiness: plan of action and milestones")},
            {"system-id", {{"identifier-type", "https://vigil.invalid/ns/oscal"}, {"id", "nis2-readiness"}}},
            {"poam-items", items}}}};
}

}  // namespace vigil::assess
