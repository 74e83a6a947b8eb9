#include "incident/performance.h"

#include <date/tz.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/text.h"
#include "incident/deadlines.h"

namespace vigil::incident {

ReportTiming time_report(SubmissionType report, std::optional<Instant> due, std::optional<Instant> submitted) {
  ReportTiming t{report, due, submitted, {}, {}};
  if (due && submitted) {
    t.on_time = *submitted <= *due;
    if (!*t.on_time) t.late_by = *submitted - *due;
  }
  return t;
}

std::optional<std::chrono::seconds> latency(std::optional<Instant> awareness, std::optional<Instant> submitted) {
  if (!awareness || !submitted) return std::nullopt;
  return *submitted - *awareness;
}

Performance performance(std::optional<Instant> awareness, const ReportClock& c) {
  Performance p;
  p.awareness = awareness;
  p.early_warning = time_report(SubmissionType::EarlyWarning, c.early_warning_due, c.early_warning_submitted);
  p.notification = time_report(SubmissionType::Notification, c.notification_due, c.notification_submitted);
  p.final_report = time_report(SubmissionType::Final, c.final_report_due, c.final_report_submitted);
  p.awareness_to_early_warning = latency(awareness, c.early_warning_submitted);
  p.awareness_to_notification = latency(awareness, c.notification_submitted);
  p.awareness_to_final_report = latency(awareness, c.final_report_submitted);
  return p;
}

Result<Performance> incident_performance(const Incident& incident, const Zones& zones) {
  Deadlines d = TRY(clocks(incident, zones));
  auto first = [&](SubmissionType type) { return incident.first_clock_submission[static_cast<std::size_t>(type)]; };
  ReportClock c;
  c.early_warning_due = d.early_warning_due;
  c.notification_due = d.incident_notification_due;
  c.final_report_due = d.final_report_due;
  c.early_warning_submitted = first(SubmissionType::EarlyWarning);
  c.notification_submitted = first(SubmissionType::Notification);
  c.final_report_submitted = first(SubmissionType::Final);
  return performance(incident.awareness, c);
}

namespace {

using nlohmann::json;

std::string_view reference_of(SubmissionType report) {
  switch (report) {
    case SubmissionType::EarlyWarning: return "Art. 23(4)(a)";
    case SubmissionType::Notification: return "Art. 23(4)(b)";
    case SubmissionType::Final: return "Art. 23(4)(d)";
    default: return "";
  }
}

json instant_json(const std::optional<Instant>& at) { return at ? json(format_utc(*at)) : json(nullptr); }
json seconds_json(const std::optional<std::chrono::seconds>& s) { return s ? json(s->count()) : json(nullptr); }

}  // namespace

json performance_json(const Incident& incident, const Performance& p, const Zones& zones) {
  const date::time_zone* zone = zones.find(incident.timezone);
  json reports = json::array();
  for (const ReportTiming* t : {&p.early_warning, &p.notification, &p.final_report}) {
    reports.push_back({{"report", to_string(t->report)},
                       {"reference", reference_of(t->report)},
                       {"due", instant_json(t->due)},
                       {"due_local", t->due && zone ? json(format_local(*t->due, *zone)) : json(nullptr)},
                       {"submitted", instant_json(t->submitted)},
                       {"on_time", t->on_time ? json(*t->on_time) : json(nullptr)},
                       {"late_by_s", seconds_json(t->late_by)}});
  }
  json out{{"incident", incident.id},
           {"title", incident.title},
           {"timezone", incident.timezone},
           {"awareness", instant_json(p.awareness)},
           {"reports", std::move(reports)},
           {"latencies",
            {{"awareness_to_early_warning_s", seconds_json(p.awareness_to_early_warning)},
             {"awareness_to_notification_s", seconds_json(p.awareness_to_notification)},
             {"awareness_to_final_report_s", seconds_json(p.awareness_to_final_report)}}}};
  // An exercise's figures are in exercise time and never a real incident's.
  if (!incident.exercise.empty()) {
    out["exercise"] = incident.exercise;
    out["marking"] = "EXERCISE";
  }
  return out;
}

std::string performance_text(const Incident& incident, const Performance& p, const Zones& zones) {
  const date::time_zone* zone = zones.find(incident.timezone);
  auto local = [&](const std::optional<Instant>& at) -> std::string {
    if (!at) return "-";
    return zone ? format_local(*at, *zone) : format_utc(*at);
  };
  auto since = [](const std::optional<std::chrono::seconds>& s) { return s ? format_span(*s) : std::string("-"); };
  std::string out =
      (incident.exercise.empty()
           ? std::string()
           : fmt::format("EXERCISE {} (exercise time; not a real incident)\n", incident.exercise)) +
      terminal_text(fmt::format("{} {}: performance against the Art. 23(4) clock\n", incident.id, incident.title));
  out += fmt::format("Awareness: {}\n\n", local(p.awareness));
  out += fmt::format("{:<14} {:<14} {:<26} {:<26} {:<18} {}\n", "report", "reference", "due", "submitted", "on time",
                     "awareness to report");
  const std::optional<std::chrono::seconds>* latencies[] = {&p.awareness_to_early_warning, &p.awareness_to_notification,
                                                            &p.awareness_to_final_report};
  const ReportTiming* timings[] = {&p.early_warning, &p.notification, &p.final_report};
  for (std::size_t i = 0; i < 3; ++i) {
    const ReportTiming& t = *timings[i];
    std::string on_time = !t.on_time ? "-" : *t.on_time ? "yes" : "late by " + format_span(*t.late_by);
    out += fmt::format("{:<14} {:<14} {:<26} {:<26} {:<18} {}\n", to_string(t.report), reference_of(t.report),
                       local(t.due), local(t.submitted), on_time, since(*latencies[i]));
  }
  out +=
      "\nOn time: submitted at or before the deadline. Latencies run from awareness to the first submission to "
      "the CSIRT or competent authority.\n";
  return out;
}

}  // namespace vigil::incident
