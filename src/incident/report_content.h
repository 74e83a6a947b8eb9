// What Art. 23(4) of Directive (EU) 2022/2555 asks each report to contain, and
// which of it is already known about an incident. The incident record renders
// its drafts from draft_report(); the content rules live here, cited, once.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"

namespace vigil::incident {

// The Art. 23(4) reports, the GDPR Art. 33 notification to the supervisory
// authority, and the Art. 23(1)-(2) notice to the recipients of the services.
enum class DraftKind { EarlyWarning, Notification, Intermediate, Final, Progress, GdprBreach, Recipients };

// "early-warning" | "notification" | "intermediate" | "final" | "progress" |
// "gdpr-breach" | "recipients"; parse_draft_kind also reads the spellings of
// parse_submission_type (incident/vocabulary.h), e.g. "incident_notification".
std::string_view to_string(DraftKind kind);
Result<DraftKind> parse_draft_kind(std::string_view text, std::string_view where);
std::string_view report_title(DraftKind kind);  // "Early warning"
std::string_view report_basis(DraftKind kind);  // "Art. 23(4)(a)"
// To whom the law sends it: "the CSIRT or, where applicable, the competent authority (Art. 23(1))".
std::string_view report_recipient(DraftKind kind);

// A fact about the incident that some report asks for. Ids are stable (they
// are stored by the incident record and typed by users: --fact id=value).
struct FactDefinition {
  std::string_view id;        // "suspected_malicious"
  std::string_view label;     // "Suspected unlawful or malicious cause"
  std::string_view question;  // what the handler should answer
};
std::span<const FactDefinition> fact_definitions();
const FactDefinition* find_fact(std::string_view id);  // nullptr when unknown

// One item of a report's content.
struct ContentItem {
  std::string_view fact;       // a FactDefinition id
  std::string_view reference;  // "Art. 23(4)(a)"
  std::string_view asks;       // what the law asks, own words
  bool where_applicable;       // "where applicable/available": missing is not a defect
};
std::span<const ContentItem> required_content(DraftKind kind);

// The facts known about an incident: id -> value as recorded (latest wins).
using Facts = std::vector<std::pair<std::string, std::string>>;

struct DraftItem {
  ContentItem item;
  std::string_view label;
  std::optional<std::string> value;  // nullopt: still missing
};

struct ReportDraft {
  DraftKind kind;
  std::string_view title;
  std::string_view basis;
  std::vector<DraftItem> items;                    // in the order the law lists them
  std::vector<std::string_view> missing;           // fact ids still missing (required ones)
  std::vector<std::string_view> missing_optional;  // "where applicable" ones still missing
  bool complete() const { return missing.empty(); }
};

// Fills `kind`'s content from `facts` (empty or blank values count as missing;
// the last value given for an id wins).
ReportDraft draft_report(DraftKind kind, const Facts& facts);

}  // namespace vigil::incident
