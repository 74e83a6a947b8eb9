#include "incident/report_draft.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace vigil::incident {

namespace {

std::string yes_no(std::optional<bool> value, std::string_view unknown) {
  return value ? (*value ? "yes" : "no") : std::string(unknown);
}

}  // namespace

nlohmann::json draft_json(const Incident& incident, const ReportDraft& d) {
  using nlohmann::json;
  json items = json::array();
  for (const auto& item : d.items) {
    items.push_back({{"fact", item.item.fact},
                     {"label", item.label},
                     {"reference", item.item.reference},
                     {"asks", item.item.asks},
                     {"where_applicable", item.item.where_applicable},
                     {"value", item.value ? json(*item.value) : json(nullptr)}});
  }
  return json{{"incident", incident.id},
              {"report", to_string(d.kind)},
              {"title", d.title},
              {"basis", d.basis},
              {"complete", d.complete()},
              {"items", items},
              {"missing", d.missing},
              {"missing_where_applicable", d.missing_optional}};
}

std::string draft_markdown(const Incident& r, const ReportDraft& d) {
  std::string out = fmt::format("# {} — {} ({})\n\n", d.title, r.id, d.basis);
  out += fmt::format("- **Incident**: {}\n- **Entity type**: {}\n- **Became aware**: {}\n", r.title, r.entity_type,
                     format_utc(r.awareness));
  if (!r.assessments.empty()) {
    const auto& a = r.assessments.back();
    std::string criteria;
    for (const auto& c : a.criteria) criteria += (criteria.empty() ? "" : ", ") + c;
    out += fmt::format("- **Significant**: {}{}\n", yes_no(a.significant(), "not concluded"),
                       criteria.empty() ? "" : " (" + criteria + ")");
  }
  out += "\n## Content\n\n";
  for (const auto& item : d.items) {
    out += fmt::format("### {} ({})\n\n", item.label, item.item.reference);
    out += fmt::format("_{}_\n\n", item.item.asks);
    out += item.value ? *item.value + "\n\n" : std::string("**MISSING**") + (item.item.where_applicable ? " (where applicable)" : "") + "\n\n";
  }
  if (!r.evidence.empty()) {
    out += "## Evidence on record\n\n";
    for (const auto& e : r.evidence) out += fmt::format("- {} (sha256 {}): {}\n", e.file_name, e.sha256, e.description);
    out += "\n";
  }
  out += "## Still missing\n\n";
  if (d.missing.empty() && d.missing_optional.empty()) out += "Nothing: every item has a value.\n";
  auto question = [](std::string_view fact) {
    const auto* def = find_fact(fact);
    return def ? std::string(def->question) : std::string();
  };
  for (auto fact : d.missing) out += fmt::format("- {}: {} (vigil incident update {} --fact {}=...)\n", fact, question(fact), r.id, fact);
  for (auto fact : d.missing_optional) out += fmt::format("- {} (where applicable): {}\n", fact, question(fact));
  return out;
}

}  // namespace vigil::incident
