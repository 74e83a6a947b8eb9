#include "incident/deadlines_json.h"

#include <nlohmann/json.hpp>

namespace vigil::incident {

namespace {

nlohmann::json instant_or_null(std::optional<Instant> instant) {
  return instant ? nlohmann::json(format_utc(*instant)) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json deadlines_json(const ClockInput& in, const Deadlines& d) {
  using nlohmann::json;
  json out;
  out["awareness_time"] = format_utc(in.awareness);
  out["timezone"] = in.zone->name();
  out["trust_service_incident"] = in.trust_service_incident;
  out["notification_submitted_time"] = instant_or_null(in.notification_submitted);
  out["early_warning_due"] = format_utc(d.early_warning_due);
  out["incident_notification_due"] = format_utc(d.incident_notification_due);
  out["intermediate_report"] = "on_request";  // Art. 23(4)(c): only when the CSIRT or authority asks
  out["final_report_due"] = instant_or_null(d.final_report_due);
  out["final_report_provisional"] = d.final_report_provisional;
  out["progress_report_due"] = instant_or_null(d.progress_report_due);
  out["notification_late"] = d.notification_late;
  out["gdpr_breach_notification_due"] = instant_or_null(d.gdpr_breach_notification_due);
  out["convention"] = {{"id", to_string(d.convention)}, {"text", convention_text(d.convention)}};
  json all = json::array();
  for (const auto& deadline : d.all) {
    all.push_back({{"report", to_string(deadline.report)},
                   {"due", instant_or_null(deadline.due)},
                   {"due_local", deadline.due ? json(format_local(*deadline.due, *in.zone)) : json(nullptr)},
                   {"provisional", deadline.provisional},
                   {"reference", deadline.reference},
                   {"rule", deadline.rule}});
  }
  out["deadlines"] = all;
  return out;
}

}  // namespace vigil::incident
