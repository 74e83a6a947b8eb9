#include "incident/vocabulary.h"

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "core/text.h"

namespace vigil::incident {

namespace {

template <class Enum, std::size_t N>
Result<Enum> parse_name(std::string_view text, std::string_view where,
                        const std::array<std::pair<std::string_view, Enum>, N>& names) {
  std::string wanted = to_lower(trim(text));
  std::replace(wanted.begin(), wanted.end(), '_', '-');
  std::vector<std::string> valid;
  for (const auto& [name, value] : names) {
    std::string n(name);
    std::replace(n.begin(), n.end(), '_', '-');
    if (n == wanted) return value;
    valid.emplace_back(name);
  }
  return invalid(std::string(where), fmt::format("'{}' is not valid; expected {}", excerpt(text), or_list(valid)));
}

template <class Enum, std::size_t N>
std::string_view name_of(Enum value, const std::array<std::pair<std::string_view, Enum>, N>& names) {
  for (const auto& [name, v] : names) {
    if (v == value) return name;
  }
  return "?";
}

constexpr std::array<std::pair<std::string_view, Confidence>, 3> kConfidences{
    {{"low", Confidence::Low}, {"medium", Confidence::Medium}, {"high", Confidence::High}}};
constexpr std::array<std::pair<std::string_view, SubmissionType>, kSubmissionTypeCount> kSubmissionTypes{
    {{"early-warning", SubmissionType::EarlyWarning},
     {"notification", SubmissionType::Notification},
     {"intermediate", SubmissionType::Intermediate},
     {"final", SubmissionType::Final},
     {"progress", SubmissionType::Progress},
     {"gdpr-breach", SubmissionType::GdprBreach}}};
constexpr std::array<std::pair<std::string_view, Recipient>, 4> kRecipients{
    {{"csirt", Recipient::Csirt},
     {"competent_authority", Recipient::CompetentAuthority},
     {"service_recipients", Recipient::ServiceRecipients},
     {"supervisory_authority", Recipient::SupervisoryAuthority}}};
constexpr std::array<std::pair<std::string_view, Conclusion>, 4> kConclusions{
    {{"not_assessed", Conclusion::NotAssessed},
     {"significant", Conclusion::Significant},
     {"not_significant", Conclusion::NotSignificant},
     {"undetermined", Conclusion::Undetermined}}};
constexpr std::array<std::pair<std::string_view, Owed>, 3> kOwed{
    {{"due", Owed::Due}, {"due_if_significant", Owed::IfSignificant}, {"due_until_withdrawn", Owed::UntilWithdrawn}}};

}  // namespace

std::string_view to_string(Confidence c) { return name_of(c, kConfidences); }
Result<Confidence> parse_confidence(std::string_view text, std::string_view where) {
  return parse_name(text, where, kConfidences);
}
std::string_view to_string(SubmissionType t) { return name_of(t, kSubmissionTypes); }
Result<SubmissionType> parse_submission_type(std::string_view text, std::string_view where) {
  return parse_name(text, where, kSubmissionTypes);
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
