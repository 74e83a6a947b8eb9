#include "incident/report_content.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/text.h"
#include "incident/vocabulary.h"

namespace vigil::incident {
namespace {

// The facts the reports of Art. 23(4) ask for, in own words.
constexpr FactDefinition kFacts[] = {
    {"suspected_malicious", "Suspected unlawful or malicious cause",
     "Is the incident suspected of being caused by unlawful or malicious acts? Why?"},
    {"cross_border_impact", "Possible cross-border impact",
     "Could the incident have an impact in other Member States? Which, and how?"},
    {"severity", "Severity", "How severe is the incident (e.g. low, medium, high, critical) and why?"},
    {"impact", "Impact", "What is affected: services, users, data, other entities, and for how long?"},
    {"indicators_of_compromise", "Indicators of compromise",
     "Which indicators of compromise are known (hashes, IP addresses, domains, tools)?"},
    {"status", "Status", "What is the current status of the incident and of its handling?"},
    {"description", "Detailed description", "What happened, in order, from the first sign to now?"},
    {"root_cause", "Type of threat or root cause", "What type of threat or root cause likely triggered the incident?"},
    {"mitigation_applied", "Mitigation applied", "Which mitigation measures have been applied?"},
    {"mitigation_ongoing", "Mitigation ongoing", "Which mitigation measures are still ongoing?"},
    {"breach_nature", "Nature of the personal data breach",
     "What happened to personal data? Which categories of people and of records, and about how many of each?"},
    {"dpo_contact", "Data protection contact",
     "Who is the data protection officer or other contact point, and how is "
     "they reached?"},
    {"likely_consequences", "Likely consequences",
     "What are the likely consequences of the breach for the people "
     "concerned?"},
    {"breach_measures", "Measures taken or proposed",
     "What has been done or is proposed to address the breach and to limit its possible harm?"},
    {"delay_reasons", "Reasons for the delay", "Why is the notification made after 72 hours (if it is)?"},
    {"recipient_measures", "What recipients can do",
     "What can the recipients of the service do to protect themselves "
     "or work around the incident?"},
    {"contact_point", "Contact point", "Where can the recipients ask questions or get updates?"},
};

// Art. 23(4)(a): early warning.
constexpr ContentItem kEarlyWarning[] = {
    {"suspected_malicious", "Art. 23(4)(a)",
     "where applicable, whether the incident is suspected of being caused by unlawful or malicious acts", true},
    {"cross_border_impact", "Art. 23(4)(a)", "where applicable, whether it could have a cross-border impact", true},
};
// Art. 23(4)(b): incident notification (updates (a), adds the initial assessment).
constexpr ContentItem kNotification[] = {
    {"suspected_malicious", "Art. 23(4)(b)",
     "where applicable, an update of the early warning: suspected unlawful or malicious cause", true},
    {"cross_border_impact", "Art. 23(4)(b)",
     "where applicable, an update of the early warning: possible cross-border impact", true},
    {"severity", "Art. 23(4)(b)", "an initial assessment of the incident, including its severity", false},
    {"impact", "Art. 23(4)(b)", "an initial assessment of the incident, including its impact", false},
    {"indicators_of_compromise", "Art. 23(4)(b)", "indicators of compromise, where available", true},
};
// Art. 23(4)(c): intermediate report, on request, with relevant status updates.
constexpr ContentItem kIntermediate[] = {
    {"status", "Art. 23(4)(c)", "relevant status updates, as requested by the CSIRT or competent authority", false},
};
// Art. 23(4)(d): final report.
constexpr ContentItem kFinal[] = {
    {"description", "Art. 23(4)(d)(i)", "a detailed description of the incident", false},
    {"severity", "Art. 23(4)(d)(i)", "its severity", false},
    {"impact", "Art. 23(4)(d)(i)", "its impact", false},
    {"root_cause", "Art. 23(4)(d)(ii)",
     "the type of threat or root cause that is likely to have triggered the incident", false},
    {"mitigation_applied", "Art. 23(4)(d)(iii)", "applied mitigation measures", false},
    {"mitigation_ongoing", "Art. 23(4)(d)(iii)", "ongoing mitigation measures", false},
    {"cross_border_impact", "Art. 23(4)(d)(iv)", "where applicable, the cross-border impact of the incident", true},
};
// Art. 23(4)(e): progress report when the incident is still ongoing. The
// Directive names no content; Vigil asks for the final report's content as
// known so far, plus the status (our reading).
constexpr ContentItem kProgress[] = {
    {"status", "Art. 23(4)(e)", "the status of the ongoing incident", false},
    {"description", "Art. 23(4)(e)", "the description so far (final report content, Art. 23(4)(d)(i))", false},
    {"severity", "Art. 23(4)(e)", "its severity so far", false},
    {"impact", "Art. 23(4)(e)", "its impact so far", false},
    {"root_cause", "Art. 23(4)(e)", "the type of threat or root cause, as far as known", true},
    {"mitigation_applied", "Art. 23(4)(e)", "mitigation measures applied so far", false},
    {"mitigation_ongoing", "Art. 23(4)(e)", "mitigation measures ongoing", false},
    {"cross_border_impact", "Art. 23(4)(e)", "where applicable, the cross-border impact", true},
};

// GDPR Art. 33(3) (a)-(d), Art. 33(1) second subparagraph.
constexpr ContentItem kGdprBreach[] = {
    {"breach_nature", "GDPR Art. 33(3)(a)",
     "the nature of the breach: where possible the categories and approximate number of people and of records "
     "concerned",
     false},
    {"dpo_contact", "GDPR Art. 33(3)(b)",
     "the name and contact details of the data protection officer or other contact point", false},
    {"likely_consequences", "GDPR Art. 33(3)(c)", "the likely consequences of the breach", false},
    {"breach_measures", "GDPR Art. 33(3)(d)",
     "the measures taken or proposed to address the breach, including those to mitigate its possible adverse effects",
     false},
    {"delay_reasons", "GDPR Art. 33(1)", "where the notification comes after 72 hours, the reasons for the delay",
     true},
};
// Art. 23(1): recipients of the services informed of a significant incident
// likely to affect their services; Art. 23(2): of measures they can take. The
// contact point is Vigil's addition (our reading: a notice without one leaves
// recipients nowhere to turn).
constexpr ContentItem kRecipients[] = {
    {"impact", "Art. 23(1)", "the significant incident that is likely to affect the provision of the services", false},
    {"recipient_measures", "Art. 23(2)",
     "where applicable, the measures or remedies the recipients can take in response (and the threat itself, where "
     "appropriate)",
     true},
    {"contact_point", "Art. 23(1)", "where recipients can ask and get updates (Vigil's addition)", true},
};

// Each draft's word (CLI, API, JSON), title, legal basis and required content.
struct DraftKindInfo {
  DraftKind kind;
  std::string_view name;
  std::string_view title;
  std::string_view basis;
  std::span<const ContentItem> content;
};
constexpr DraftKindInfo kDraftKinds[] = {
    {DraftKind::EarlyWarning, "early-warning", "Early warning", "Art. 23(4)(a)", kEarlyWarning},
    {DraftKind::Notification, "notification", "Incident notification", "Art. 23(4)(b)", kNotification},
    {DraftKind::Intermediate, "intermediate", "Intermediate report", "Art. 23(4)(c)", kIntermediate},
    {DraftKind::Final, "final", "Final report", "Art. 23(4)(d)", kFinal},
    {DraftKind::Progress, "progress", "Progress report", "Art. 23(4)(e)", kProgress},
    {DraftKind::GdprBreach, "gdpr-breach", "Personal data breach notification", "GDPR Art. 33", kGdprBreach},
    {DraftKind::Recipients, "recipients", "Notice to service recipients", "Art. 23(1)-(2)", kRecipients},
};

constexpr bool in_enum_order() {
  for (std::size_t i = 0; i < std::size(kDraftKinds); ++i) {
    if (static_cast<std::size_t>(kDraftKinds[i].kind) != i) return false;
  }
  return std::size(kDraftKinds) == static_cast<std::size_t>(DraftKind::Recipients) + 1;
}
static_assert(in_enum_order(), "kDraftKinds lists every DraftKind, in the enum's order");

const DraftKindInfo& info(DraftKind kind) { return kDraftKinds[static_cast<std::size_t>(kind)]; }

}  // namespace

std::string_view to_string(DraftKind kind) { return info(kind).name; }

Result<DraftKind> parse_draft_kind(std::string_view text, std::string_view where) {
  for (const DraftKindInfo& k : kDraftKinds) {
    if (text == k.name || to_lower(trim(text)) == k.name) return k.kind;
  }
  // A submission's word in any spelling parse_submission_type reads, such as
  // the deadline's name that next_report gives ("incident_notification").
  if (auto type = parse_submission_type(text, where)) {
    for (const DraftKindInfo& k : kDraftKinds) {
      if (k.name == to_string(*type)) return k.kind;
    }
  }
  return invalid(std::string(where), fmt::format("'{}' is not a report; expected early-warning, notification, "
                                                 "intermediate, final, progress, gdpr-breach or recipients",
                                                 excerpt(text)));
}

std::string_view report_title(DraftKind kind) { return info(kind).title; }
std::string_view report_basis(DraftKind kind) { return info(kind).basis; }

std::string_view report_recipient(DraftKind kind) {
  switch (kind) {
    case DraftKind::GdprBreach: return "the competent supervisory authority (GDPR Art. 33(1))";
    case DraftKind::Recipients: return "the recipients of the services likely to be affected (Art. 23(1))";
    default: break;
  }
  return "the CSIRT or, where applicable, the competent authority (Art. 23(1))";
}

std::span<const FactDefinition> fact_definitions() { return kFacts; }

const FactDefinition* find_fact(std::string_view id) {
  for (const auto& fact : kFacts) {
    if (fact.id == id) return &fact;
  }
  return nullptr;
}

std::span<const ContentItem> required_content(DraftKind kind) { return info(kind).content; }

ReportDraft draft_report(DraftKind kind, const Facts& facts) {
  ReportDraft draft{kind, report_title(kind), report_basis(kind), {}, {}, {}};
  for (const ContentItem& item : required_content(kind)) {
    const FactDefinition* definition = find_fact(item.fact);
    DraftItem out{item, definition ? definition->label : item.fact, std::nullopt};
    // The last value recorded for the fact wins; a blank one clears it.
    for (auto it = facts.rbegin(); it != facts.rend(); ++it) {
      if (it->first != item.fact) continue;
      if (!trim(it->second).empty()) out.value = it->second;
      break;
    }
    if (!out.value) (item.where_applicable ? draft.missing_optional : draft.missing).push_back(item.fact);
    draft.items.push_back(std::move(out));
  }
  return draft;
}

}  // namespace vigil::incident
