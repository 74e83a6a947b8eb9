#include "incident/report_draft.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace vigil::incident {

namespace {

std::string conclusion_text(const Incident& incident) {
  switch (latest_conclusion(incident)) {
    case Conclusion::Significant: return "yes";
    case Conclusion::NotSignificant: return "no";
    case Conclusion::Undetermined: return "undetermined";
    case Conclusion::NotAssessed: break;
  }
  return "not assessed";
}

nlohmann::json conclusion_json(const Incident& incident) {
  switch (latest_conclusion(incident)) {
    case Conclusion::Significant: return true;
    case Conclusion::NotSignificant: return false;
    case Conclusion::Undetermined: return "undetermined";
    case Conclusion::NotAssessed: break;
  }
  return nullptr;
}

// "on time (due ...)", "late by 8 d 2 h 15 min (due ...)", "no deadline of its own".
std::string timing(const Submission& s) {
  if (!s.deadline) return "no deadline of its own";
  if (auto late = s.late_by()) return fmt::format("late by {} (due {})", format_span(*late), format_utc(*s.deadline));
  return fmt::format("on time (due {})", format_utc(*s.deadline));
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
  json submissions = json::array();
  for (const auto& s : incident.submissions) {
    auto late = s.late_by();
    submissions.push_back({{"type", to_string(s.type)},
                           {"recipient", to_string(s.recipient)},
                           {"submitted_at", format_utc(s.submitted_at)},
                           {"deadline", s.deadline ? json(format_utc(*s.deadline)) : json(nullptr)},
                           {"on_time", s.on_time ? json(*s.on_time) : json(nullptr)},
                           {"late_by_seconds", late ? json(late->count()) : json(nullptr)},
                           {"late_by", late ? json(format_span(*late)) : json(nullptr)}});
  }
  return json{{"incident", incident.id},
              {"report", to_string(d.kind)},
              {"significant", conclusion_json(incident)},
              {"submissions", submissions},
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
    std::string open;
    for (const auto& u : a.undetermined) open += (open.empty() ? "" : ", ") + u.criterion;
    out += fmt::format("- **Significant**: {}{}{}{}\n", conclusion_text(r), criteria.empty() ? "" : " (" + criteria + ")",
                       a.conclusion() == Conclusion::Undetermined && !open.empty() ? " (open: " + open + ")" : "",
                       a.overrides_rules() ? fmt::format(" — override by {} of the rules' '{}': {}", a.judged_by,
                                                         *a.rule_result ? "significant" : "not significant", a.note)
                                           : "");
  } else {
    out += "- **Significant**: not assessed\n";
  }
  for (const auto& s : r.submissions) {
    out += fmt::format("- **Submitted**: {} to {} at {}, {}\n", to_string(s.type), to_string(s.recipient),
                       format_utc(s.submitted_at), timing(s));
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
