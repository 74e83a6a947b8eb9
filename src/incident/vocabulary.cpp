#include "incident/vocabulary.h"

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "core/names.h"
#include "core/text.h"

namespace vigil::incident {

namespace {

template <class Enum, std::size_t N>
Result<Enum> parse_name(std::string_view text, std::string_view where, const EnumNames<Enum, N>& names) {
  std::string wanted = to_lower(trim(text));
  std::replace(wanted.begin(), wanted.end(), '_', '-');
  std::vector<std::string> valid;
  for (std::size_t i = 0; i < N; ++i) {
    std::string n(names.words[i]);
    std::replace(n.begin(), n.end(), '_', '-');
    if (n == wanted) return static_cast<Enum>(i);
    valid.emplace_back(names.words[i]);
  }
  return invalid(std::string(where), fmt::format("'{}' is not valid; expected {}", excerpt(text), or_list(valid)));
}

constexpr EnumNames<Confidence, 3> kConfidences{{"low", "medium", "high"}};
constexpr EnumNames<SubmissionType, kSubmissionTypeCount> kSubmissionTypes{
    {"early-warning", "notification", "intermediate", "final", "progress", "gdpr-breach"}};
constexpr EnumNames<Recipient, 4> kRecipients{
    {"csirt", "competent_authority", "service_recipients", "supervisory_authority"}};
constexpr EnumNames<Conclusion, 4> kConclusions{{"not_assessed", "significant", "not_significant", "undetermined"}};
constexpr EnumNames<Owed, 3> kOwed{{"due", "due_if_significant", "due_until_withdrawn"}};

}  // namespace

std::string_view to_string(Confidence c) { return name_of(c, kConfidences); }
Result<Confidence> parse_confidence(std::string_view text, std::string_view where) {
  return parse_name(text, where, kConfidences);
}
std::string_view to_string(SubmissionType t) { return name_of(t, kSubmissionTypes); }
Result<SubmissionType> parse_submission_type(std::string_view text, std::string_view where) {
  auto parsed = parse_name(text, where, kSubmissionTypes);
  if (parsed) return parsed;
  // The deadline's name, as next_report and the deadlines calculator spell it
  // ("incident_notification", "final_report", ...), names its submission too.
  std::string wanted = to_lower(trim(text));
  std::replace(wanted.begin(), wanted.end(), '-', '_');
  for (std::size_t i = 0; i < kSubmissionTypeCount; ++i) {
    const auto type = static_cast<SubmissionType>(i);
    if (auto report = report_of(type); report && to_string(*report) == wanted) return type;
  }
  return parsed;
}
std::string_view to_string(Recipient r) { return name_of(r, kRecipients); }
Result<Recipient> parse_recipient(std::string_view text, std::string_view where) {
  return parse_name(text, where, kRecipients);
}
std::string_view to_string(Conclusion c) { return name_of(c, kConclusions); }
std::string_view to_string(Owed o) { return name_of(o, kOwed); }

std::optional<Report> report_of(SubmissionType type) {
  switch (type) {
    case SubmissionType::EarlyWarning: return Report::EarlyWarning;
    case SubmissionType::Notification: return Report::IncidentNotification;
    case SubmissionType::Final: return Report::FinalReport;
    case SubmissionType::Progress: return Report::ProgressReport;
    case SubmissionType::GdprBreach: return Report::GdprBreachNotification;
    case SubmissionType::Intermediate: return std::nullopt;
  }
  return std::nullopt;
}

bool counts_for_clock(SubmissionType type, Recipient to) {
  if (type == SubmissionType::GdprBreach) return to == Recipient::SupervisoryAuthority;
  return to == Recipient::Csirt || to == Recipient::CompetentAuthority;
}

std::string incident_id(std::int64_t number) { return fmt::format("INC-{}", number); }

Result<std::int64_t> parse_incident_id(std::string_view text, std::string_view where) {
  std::string_view digits = text;
  if (digits.size() > 4 && to_lower(digits.substr(0, 4)) == "inc-") digits.remove_prefix(4);
  std::int64_t number = 0;
  bool ok = !digits.empty() && digits.size() <= 18 && digits.front() != '0';
  for (char c : digits) {
    if (!ok) break;  // also stops before a number too long for int64 could overflow
    if (c < '0' || c > '9') ok = false;
    else number = number * 10 + (c - '0');
  }
  if (!ok)
    return invalid(std::string(where), fmt::format("'{}' is not an incident id; expected e.g. INC-7", excerpt(text)));
  return number;
}

}  // namespace vigil::incident
