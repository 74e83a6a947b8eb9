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
      // Impact: every figure the assessment holds, in its words.
      std::vector<std::string> impact;
      auto users_complete = count(in, "users_affected_complete");
      auto minutes_complete = count(in, "complete_unavailability_minutes");
      if (minutes_complete) {
        impact.push_back(fmt::format("service completely unavailable for {} min{}", *minutes_complete,
                                     users_complete ? fmt::format(", {} users affected", *users_complete) : ""));
      }
      auto users_limited = count(in, "users_affected_limited");
      auto minutes_limited = count(in, "limited_availability_minutes");
      if (minutes_limited) {
        impact.push_back(fmt::format("limited availability for {} min{}", *minutes_limited,
                                     users_limited ? fmt::format(", {} users affected", *users_limited) : ""));
      }
      if (auto users = count(in, "users_eu_total"))
        impact.push_back(fmt::format("{} users in the Union in total", *users));
      if (auto loss = euros_text(in, "direct_financial_loss_eur")) impact.push_back("direct financial loss " + *loss);
      if (flag(in, "data_compromise") == true) {
        auto users = count(in, "data_compromise_users_affected");
        impact.push_back(users ? fmt::format("data of {} users compromised", *users) : "data compromised");
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
