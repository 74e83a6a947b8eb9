#include "incident/pending.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/text.h"

namespace vigil::incident {

Owed owed_for(Report report, Conclusion conclusion) {
  if (report == Report::GdprBreachNotification) return Owed::Due;  // GDPR Art. 33 does not ask NIS2's question
  switch (conclusion) {
    case Conclusion::Significant: return Owed::Due;
    case Conclusion::NotSignificant: return Owed::UntilWithdrawn;
    case Conclusion::NotAssessed:
    case Conclusion::Undetermined: return Owed::IfSignificant;
  }
  return Owed::IfSignificant;
}

Owed Summary::next_owed() const {
  for (auto r : {Report::EarlyWarning, Report::IncidentNotification, Report::FinalReport, Report::ProgressReport,
                 Report::GdprBreachNotification}) {
    if (to_string(r) == next_report) return owed_for(r, significance);
  }
  return owed_for(Report::EarlyWarning, significance);
}

namespace {

bool was_submitted(const Incident& incident, SubmissionType type) {
  return first_clock_submission(incident, type).has_value();
}

Result<ClockInput> clock_input(const Incident& incident, const Zones& zones) {
  const date::time_zone* zone = zones.find(incident.timezone);
  if (!zone)
    return invalid(incident.id + ": timezone",
                   fmt::format("'{}' is not an IANA time zone", excerpt(incident.timezone)));
  ClockInput input;
  input.awareness = incident.awareness;
  input.zone = zone;
  input.trust_service_incident = incident.trust_service_incident;
  input.notification_submitted = first_clock_submission(incident, SubmissionType::Notification);
  input.personal_data_breach_awareness = incident.personal_data_breach_awareness;
  if (incident.closure) input.incident_handled = incident.closure->handled_at;
  return input;
}

}  // namespace

Result<Deadlines> clocks(const Incident& incident, const Zones& zones) {
  ClockInput input = TRY(clock_input(incident, zones));
  Deadlines base = TRY(compute_deadlines(input));
  // Art. 23(4)(e): ongoing when the final report falls due -> a progress report
  // then, and the final report one month after the incident is handled.
  bool ongoing = was_submitted(incident, SubmissionType::Progress) ||
                 (incident.closure && base.final_report_due && incident.closure->handled_at > *base.final_report_due);
  if (!ongoing) return base;
  input.ongoing_when_final_report_due = true;
  return compute_deadlines(input);
}

Result<std::vector<PendingReport>> pending_reports(const Incident& incident, const Zones& zones) {
  Deadlines d = TRY(clocks(incident, zones));
  auto reference = [&](Report report) -> std::string_view {
    for (const auto& x : d.all) {
      if (x.report == report) return x.reference;
    }
    return "";
  };
  std::vector<PendingReport> pending;
  Conclusion conclusion = latest_conclusion(incident);
  auto add = [&](Report report, std::optional<Instant> due) {
    bool provisional =
        (report == Report::FinalReport || report == Report::ProgressReport) && d.final_report_provisional;
    pending.push_back({report, due, reference(report), owed_for(report, conclusion), provisional});
  };
  // Not significant: no Art. 23 clock runs, unless a report to the CSIRT or
  // the competent authority already started the sequence; then the reports
  // still open stay owed until each is withdrawn (withdraw_report).
  bool art23 = conclusion != Conclusion::NotSignificant || art23_sequence_started(incident);
  auto open = [&](SubmissionType type) {
    return !was_submitted(incident, type) &&
           !(conclusion == Conclusion::NotSignificant && incident.withdrawn[static_cast<std::size_t>(type)]);
  };
  if (art23) {
    bool notified = was_submitted(incident, SubmissionType::Notification);
    // The notification updates the early warning (Art. 23(4)(b)), so it also ends that clock.
    if (!notified && open(SubmissionType::EarlyWarning)) add(Report::EarlyWarning, d.early_warning_due);
    if (open(SubmissionType::Notification)) add(Report::IncidentNotification, d.incident_notification_due);
    if (d.progress_report_due && open(SubmissionType::Progress)) add(Report::ProgressReport, d.progress_report_due);
    if (open(SubmissionType::Final)) add(Report::FinalReport, d.final_report_due);
  }
  if (d.gdpr_breach_notification_due && !was_submitted(incident, SubmissionType::GdprBreach)) {
    add(Report::GdprBreachNotification, d.gdpr_breach_notification_due);
  }
  std::stable_sort(pending.begin(), pending.end(), [](const PendingReport& a, const PendingReport& b) {
    if (a.due.has_value() != b.due.has_value()) return a.due.has_value();
    return a.due && *a.due < *b.due;
  });
  return pending;
}

Result<Summary> summarise(const Incident& incident, const Zones& zones) {
  auto pending = TRY(pending_reports(incident, zones));
  Summary s;
  s.id = incident.id;
  s.number = incident.number;
  s.title = incident.title;
  s.entity_type = incident.entity_type;
  s.awareness = incident.awareness;
  s.status = incident.closure ? "closed" : "open";
  s.significance = latest_conclusion(incident);
  s.overridden = !incident.assessments.empty() && incident.assessments.back().overrides_rules();
  for (const auto& sub : incident.submissions) {
    if (auto late = sub.late_by()) s.late.push_back({sub.type, late->count()});
  }
  if (!pending.empty() && pending.front().due) {
    s.next_due = pending.front().due;
    s.next_report = std::string(to_string(pending.front().report));
  }
  s.active = !incident.closure || !pending.empty();
  s.exercise = incident.exercise;
  s.event_count = incident.event_count;
  s.head_hash = incident.head_hash;
  return s;
}

}  // namespace vigil::incident
