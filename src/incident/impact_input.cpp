#include "incident/impact_input.h"

#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/errors.h"
#include "core/json_input.h"
#include "core/text.h"

namespace vigil::incident {
namespace {

constexpr std::int64_t kMinutesPerWeek = 7 * 24 * 60;

// A number of seconds with at most three decimals, kept as milliseconds so
// "more than 10 s" compares exactly (IR 2024/2690 Arts 5(b), 6(b)).
std::optional<std::int64_t> read_milliseconds(JsonObjectReader& reader, std::string_view key) {
  const nlohmann::json* v = reader.raw(key);
  if (v == nullptr) return std::nullopt;
  if (v->is_number_unsigned() || v->is_number_integer()) {
    auto whole = v->get<std::int64_t>();
    if (whole >= 0 && whole < 1'000'000'000) return whole * 1000;
  } else if (v->is_number_float()) {
    const double given = v->get<double>();
    const double ms = std::round(given * 1000);
    if (given >= 0 && given < 1e9 && std::fabs(given * 1000 - ms) < 1e-6) return static_cast<std::int64_t>(ms);
  }
  reader.add_error(std::string(key), fmt::format("expected a number of seconds, 0 or more, with at most "
                                                 "three decimals, got {}",
                                                 v->dump()));
  return std::nullopt;
}

void read_weeks(JsonObjectReader& reader, Impact& impact) {
  constexpr std::string_view key = "unavailability_minutes_per_calendar_week";
  const nlohmann::json* v = reader.raw(key);
  if (v == nullptr) return;
  if (!v->is_object()) {
    reader.add_error(std::string(key), fmt::format("expected an object of ISO weeks to minutes, e.g. "
                                                   "{{\"2025-W20\": 45}}, got {}",
                                                   v->dump()));
    return;
  }
  impact.unavailability_per_calendar_week.emplace();  // given: {} says no week had any
  for (auto it = v->begin(); it != v->end(); ++it) {
    std::string field = fmt::format("{}.{}", key, it.key());
    auto week = parse_iso_week(it.key(), reader.field_path(field));
    if (!week) {
      reader.add_error(field, week.error().message);
      continue;
    }
    const auto& minutes = it.value();
    if (!minutes.is_number_integer() || minutes.get<std::int64_t>() < 0 ||
        minutes.get<std::int64_t>() > kMinutesPerWeek) {
      reader.add_error(field, fmt::format("expected whole minutes from 0 to {} (one week), got {}", kMinutesPerWeek,
                                          minutes.dump()));
      continue;
    }
    week->minutes = minutes.get<std::int64_t>();
    impact.unavailability_per_calendar_week->push_back(*week);
  }
}

// IR Art. 4 input: {"incidents": [{"date", "root_cause", "direct_financial_loss_eur"}]}; an
// empty list says there was no other incident, an absent "recurring" that it is not known.
void read_recurring(JsonObjectReader& reader, Impact& impact, Errors& nested) {
  const nlohmann::json* v = reader.raw("recurring");
  if (v == nullptr) return;
  if (!v->is_object()) {
    // One error, not a second one about "incidents" inside a value that is no object.
    reader.add_error("recurring", fmt::format("expected an object {{\"incidents\": [...]}} (the incidents of the "
                                              "series; {{\"incidents\": []}} when there was no other, null when "
                                              "not known), got {}",
                                              excerpt(v->dump())));
    return;
  }
  JsonObjectReader recurring(*v, reader.field_path("recurring"));
  const nlohmann::json* list = recurring.raw("incidents");
  if (list == nullptr) {
    recurring.add_error("incidents",
                        "is required: the incidents of the series, the current one included ([] when "
                        "there was no other)");
  } else if (!list->is_array()) {
    recurring.add_error("incidents", fmt::format("expected a list of incidents, got {}", list->dump()));
  } else {
    impact.recurring.emplace();
    for (std::size_t i = 0; i < list->size(); ++i) {
      JsonObjectReader item((*list)[i], recurring.field_path(fmt::format("incidents[{}]", i)));
      PastIncident past;
      if (auto text = item.text("date", Presence::Required)) {
        auto day = parse_date(*text, item.field_path("date"));
        if (day) past.date = *day;
        else item.add_error("date", day.error().message);
      }
      past.root_cause = item.text("root_cause", Presence::Required).value_or("");
      past.direct_financial_loss = item.euros("direct_financial_loss_eur", Presence::Required).value_or(Cents{});
      if (auto done = item.finish(); !done) nested.add_flat(std::move(done).error());
      impact.recurring->push_back(std::move(past));
    }
  }
  if (auto done = recurring.finish(); !done) nested.add_flat(std::move(done).error());
}

}  // namespace

Result<Impact> parse_impact(const nlohmann::json& value, std::string_view where) {
  JsonObjectReader reader(value, std::string(where));
  Impact impact;
  impact.entity_type = reader.text("entity_type", Presence::Required).value_or("");
  if (!impact.entity_type.empty()) {
    if (auto known = check_entity_type(impact.entity_type); !known) {
      reader.add_error("entity_type", known.error().message);
    }
  }
  // Absent or null: not known. 0 and false are facts ("none").
  impact.users_eu_total = reader.count("users_eu_total");
  impact.annual_turnover_prev_fy = reader.euros("annual_turnover_prev_fy_eur");
  impact.direct_financial_loss = reader.euros("direct_financial_loss_eur");
  impact.trade_secret_exfiltration = reader.optional_flag("trade_secret_exfiltration");
  impact.death = reader.optional_flag("death");
  impact.considerable_health_damage = reader.optional_flag("considerable_health_damage");
  impact.malicious_unauthorised_access_capable_of_severe_disruption =
      reader.optional_flag("malicious_unauthorised_access_capable_of_severe_disruption");
  impact.complete_unavailability_minutes = reader.count("complete_unavailability_minutes");
  impact.users_affected_complete = reader.count("users_affected_complete");
  impact.limited_availability_minutes = reader.count("limited_availability_minutes");
  impact.users_affected_limited = reader.count("users_affected_limited");
  impact.avg_response_time_ms = read_milliseconds(reader, "avg_response_time_s");
  impact.slow_response_minutes = reader.count("slow_response_minutes");
  impact.data_compromise = reader.optional_flag("data_compromise");
  impact.data_compromise_malicious = reader.optional_flag("data_compromise_malicious");
  impact.data_compromise_users_affected = reader.count("data_compromise_users_affected");
  impact.authoritative_data_compromise = reader.optional_flag("authoritative_data_compromise");
  impact.cause_misconfiguration = reader.optional_flag("cause_misconfiguration");
  impact.domains_incorrect = reader.count("domains_incorrect");
  impact.domains_managed = reader.count("domains_managed");
  impact.tld_technical_data_compromise = reader.optional_flag("tld_technical_data_compromise");
  impact.physical_access_compromised = reader.optional_flag("physical_access_compromised");
  read_weeks(reader, impact);
  impact.scheduled_maintenance = reader.optional_flag("scheduled_maintenance");
  Errors nested;
  read_recurring(reader, impact, nested);
  Errors errors;
  if (auto done = reader.finish(); !done) errors.add_flat(std::move(done).error());
  errors.append(std::move(nested));
  TRY(errors.result());
  return impact;
}

nlohmann::json significant_json(const Significance& s) {
  if (s.significant) return *s.significant;
  return s.covered_by_ir_2024_2690 ? nlohmann::json("undetermined") : nlohmann::json(nullptr);
}

std::string_view significance_basis(const Significance& s) {
  return s.covered_by_ir_2024_2690 ? "Implementing Regulation (EU) 2024/2690 Arts 3-14"
                                   : "Directive (EU) 2022/2555 Art. 23(3)";
}

nlohmann::json significance_json(const Impact& impact, const Significance& s) {
  using nlohmann::json;
  json out;
  out["entity_type"] = impact.entity_type;
  out["significant"] = significant_json(s);
  out["covered_by_ir_2024_2690"] = s.covered_by_ir_2024_2690;
  out["basis"] = significance_basis(s);
  out["criteria"] = s.criteria;
  json undetermined = json::array();
  for (const auto& u : s.undetermined) undetermined.push_back({{"criterion", u.criterion}, {"missing", u.missing}});
  out["undetermined"] = std::move(undetermined);
  out["facts_to_establish"] = s.facts_to_establish;
  out["explanation"] = s.explanation;
  out["questions"] = s.questions;
  return out;
}

Result<std::optional<bool>> parse_judgement(std::string_view text, std::string_view where) {
  if (text.empty()) return std::optional<bool>();
  std::string j = to_lower(text);
  if (j == "significant") return std::optional<bool>(true);
  if (j == "not-significant" || j == "not_significant") return std::optional<bool>(false);
  return tl::unexpected(Error{ErrorCode::InvalidInput,
                              std::string(where),
                              fmt::format("'{}' is not valid; expected significant or not-significant", excerpt(text)),
                              {}});
}

Result<AssessRequest> assessment_request(const nlohmann::json& given, std::string_view source,
                                         std::optional<bool> judgement, std::string note, std::string by, Instant now,
                                         std::string_view incident_entity_type) {
  nlohmann::json input = given;
  if (!incident_entity_type.empty() && input.is_object()) {
    auto it = input.find("entity_type");
    if (it == input.end() || it->is_null()) input["entity_type"] = std::string(incident_entity_type);
  }
  auto impact = TRY(parse_impact(input, source));
  auto result = assess_significance(impact);
  if (!result) {
    return tl::unexpected(prefixed(result.error(), fmt::format("{}: ", source)));
  }
  return AssessRequest{input.dump(), impact.entity_type, *result, judgement, std::move(note), std::move(by), now};
}

}  // namespace vigil::incident
