#include "incident/report_facts.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cctype>

namespace vigil::incident {

namespace {

using nlohmann::json;

std::optional<bool> flag(const json& in, const char* key) {
  auto it = in.find(key);
  if (it == in.end() || !it->is_boolean()) return std::nullopt;
  return it->get<bool>();
}

std::optional<std::int64_t> count(const json& in, const char* key) {
  auto it = in.find(key);
  if (it == in.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<std::int64_t>();
}

std::optional<std::string> euros_text(const json& in, const char* key) {
  auto it = in.find(key);
  if (it == in.end() || !it->is_number()) return std::nullopt;
  return fmt::format("EUR {}", it->dump());
}

}  // namespace

Facts facts_for_reports(const Incident& incident) {
  Facts facts;
  if (!incident.assessments.empty()) {
    const Assessment& a = incident.assessments.back();
    const json in = json::parse(a.inputs, nullptr, false);
    if (in.is_object()) {
      const std::string source =
          fmt::format(" (significance assessment of {} by {})", format_utc(a.recorded_at), a.judged_by);
      // Suspected malicious cause: what the assessment's facts say, when they say it.
      auto access = flag(in, "malicious_unauthorised_access_capable_of_severe_disruption");
      auto data = flag(in, "data_compromise_malicious");
      if (access == true || data == true) {
        std::vector<std::string> why;
        if (access == true)
          why.emplace_back("suspected malicious unauthorised access to network and information systems");
        if (data == true) why.emplace_back("data compromised through a suspected malicious action");
        std::string text = "Yes: ";
        for (std::size_t i = 0; i < why.size(); ++i) text += (i ? "; " : "") + why[i];
        facts.emplace_back("suspected_malicious", text + source);
      }
      // Impact: every figure the assessment holds, in its words (a figure
      // given without its companion still appears: 12000 users affected by
      // limited availability is a fact whether or not the minutes are known).
      std::vector<std::string> impact;
      auto availability = [&](const char* minutes_key, const char* users_key, std::string_view what) {
        auto users = count(in, users_key);
        if (auto minutes = count(in, minutes_key)) {
          impact.push_back(
              fmt::format("{} for {} min{}", what, *minutes, users ? fmt::format(", {} users affected", *users) : ""));
        } else if (users) {
          impact.push_back(fmt::format("{} users affected ({})", *users, what));
        }
      };
      availability("complete_unavailability_minutes", "users_affected_complete", "service completely unavailable");
      availability("limited_availability_minutes", "users_affected_limited", "limited availability");
      auto slow_minutes = count(in, "slow_response_minutes");
      if (auto it = in.find("avg_response_time_s"); it != in.end() && it->is_number()) {
        impact.push_back(fmt::format("average response time {} s{}", it->dump(),
                                     slow_minutes ? fmt::format(" for {} min", *slow_minutes) : ""));
      } else if (slow_minutes) {
        impact.push_back(fmt::format("slow responses for {} min", *slow_minutes));
      }
      if (auto weeks = in.find("unavailability_minutes_per_calendar_week"); weeks != in.end() && weeks->is_object()) {
        for (const auto& [week, minutes] : weeks->items()) {
          if (minutes.is_number_integer())
            impact.push_back(fmt::format("unavailable for {} min in calendar week {}", minutes.dump(), week));
        }
      }
      if (auto users = count(in, "users_eu_total"))
        impact.push_back(fmt::format("{} users in the Union in total", *users));
      if (auto loss = euros_text(in, "direct_financial_loss_eur")) impact.push_back("direct financial loss " + *loss);
      if (auto turnover = euros_text(in, "annual_turnover_prev_fy_eur"))
        impact.push_back("annual turnover of the previous financial year " + *turnover);
      auto data_users = count(in, "data_compromise_users_affected");
      if (flag(in, "data_compromise") == true) {
        impact.push_back(data_users ? fmt::format("data of {} users compromised", *data_users) : "data compromised");
      } else if (data_users) {
        impact.push_back(fmt::format("data of {} users affected by a compromise", *data_users));
      }
      if (flag(in, "authoritative_data_compromise") == true) impact.emplace_back("authoritative DNS data compromised");
      auto incorrect = count(in, "domains_incorrect");
      auto managed = count(in, "domains_managed");
      if (incorrect || managed) {
        impact.push_back(fmt::format("{} of {} domains managed answered incorrectly",
                                     incorrect ? std::to_string(*incorrect) : "an unknown number",
                                     managed ? std::to_string(*managed) : "an unknown number of"));
      }
      if (flag(in, "tld_technical_data_compromise") == true) impact.emplace_back("TLD technical data compromised");
      if (flag(in, "physical_access_compromised") == true) impact.emplace_back("physical access compromised");
      if (auto recurring = in.find("recurring"); recurring != in.end() && recurring->is_object()) {
        if (auto list = recurring->find("incidents"); list != recurring->end() && list->is_array() && !list->empty())
          impact.push_back(fmt::format("a series of {} recurring incidents (IR 2024/2690 Art. 4)", list->size()));
      }
      if (flag(in, "death") == true) impact.emplace_back("death of a natural person");
      if (flag(in, "considerable_health_damage") == true)
        impact.emplace_back("considerable damage to a person's health");
      if (flag(in, "trade_secret_exfiltration") == true) impact.emplace_back("trade secrets exfiltrated");
      if (!impact.empty()) {
        std::string text;
        for (std::size_t i = 0; i < impact.size(); ++i) text += (i ? "; " : "") + impact[i];
        text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
        facts.emplace_back("impact", text + source);
      }
    }
  }
  // What the handler recorded comes last, so it wins.
  facts.insert(facts.end(), incident.facts.begin(), incident.facts.end());
  return facts;
}

}  // namespace vigil::incident
