#include "incident/deadlines.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/errors.h"
#include "core/text.h"

namespace vigil::incident {
namespace {

using std::chrono::hours;
using std::chrono::seconds;

// A wall-clock time of `zone` as an instant. A time that does not exist (a
// DST gap) moves forward by the gap; a time that exists twice (the hour
// repeated in autumn) takes the earlier instant. Reading the local time with
// the offset in force just before it gives both: in a gap that is the offset
// before the gap, in a repeated hour it is the earlier (summer) offset.
Instant resolve_local(date::local_seconds local, const date::time_zone& zone) {
  date::local_info info = zone.get_info(local);
  return Instant{local.time_since_epoch() - info.first.offset};
}

date::local_seconds to_local(Instant instant, const date::time_zone& zone) {
  return date::local_seconds{instant.time_since_epoch() + zone.get_info(instant).offset};
}

// The same day of the next month; the last day of that month when the day
// does not exist there (31 January -> 28/29 February).
date::year_month_day next_month_same_day(date::year_month_day day) {
  date::year_month_day next = day + date::months{1};
  if (!next.ok()) next = date::year_month_day_last{next.year(), date::month_day_last{next.month()}};
  return next;
}

constexpr std::string_view kElapsedText =
    "Elapsed-time reading: the 24-hour and 72-hour periods of Art. 23(4)(a) and (b) (and the "
    "72 hours of GDPR Art. 33(1)) are elapsed time counted from the instant of awareness, so a "
    "daylight-saving change neither shortens nor lengthens them. The final report is due one "
    "calendar month after the incident notification was submitted, on the entity's local wall "
    "clock: the same local time on the same day of the next month, or on the last day of that "
    "month when the day does not exist; a local time that falls in a daylight-saving gap moves "
    "forward by the gap, and a local time that occurs twice takes the earlier instant. Until the "
    "notification is submitted, the final-report date is provisional, computed from the "
    "notification deadline. If the incident is still ongoing when the final report is due, a "
    "progress report is due at that instant and the final report one month after the incident "
    "was handled, by the same rule.";

constexpr std::string_view kRegulation1182Text =
    "Regulation (EEC, Euratom) No 1182/71 reading: a period expressed in hours does not count "
    "the hour in which the event occurs, so the 24 and 72 hours (and the 72 hours of GDPR Art. "
    "33(1)) start at the beginning of the next hour on the entity's local clock (Art. 3(1) and "
    "3(2)(a)). The one-month period of Art. 23(4)(d) ends at the end of the day in the next month "
    "that has the same date as the day of submission, or at the end of that month's last day "
    "when the date does not exist (Art. 3(2)(c)); if that day is a Saturday or Sunday the period "
    "ends at the end of the next working day (Art. 3(4)). Public holidays also extend a period "
    "under Art. 3(4), but Vigil does not know the holidays of each Member State: check them "
    "yourself. Until the notification is submitted, the final-report date is provisional, "
    "computed from the notification deadline; an ongoing incident gets a progress report at "
    "that time and a final report one month after it was handled, by the same rule.";

Deadline make(Report report, std::optional<Instant> due, bool provisional, std::string_view reference,
              std::string_view rule) {
  return Deadline{report, due, provisional, reference, rule};
}

}  // namespace

std::string_view to_string(Convention convention) {
  return convention == Convention::ElapsedTime ? "elapsed-time" : "reg-1182-71";
}

Result<Convention> parse_convention(std::string_view text, std::string_view where) {
  if (text == "elapsed-time") return Convention::ElapsedTime;
  if (text == "reg-1182-71") return Convention::Regulation1182_71;
  return invalid(std::string(where),
                 fmt::format("'{}' is not a convention; expected elapsed-time or reg-1182-71", excerpt(text)));
}

std::string_view convention_text(Convention convention) {
  return convention == Convention::ElapsedTime ? kElapsedText : kRegulation1182Text;
}

std::string_view to_string(Report report) {
  switch (report) {
    case Report::EarlyWarning: return "early_warning";
    case Report::IncidentNotification: return "incident_notification";
    case Report::FinalReport: return "final_report";
    case Report::ProgressReport: return "progress_report";
    case Report::GdprBreachNotification: return "gdpr_breach_notification";
  }
  return "unknown";
}

Instant add_hours(Instant from, int count, const date::time_zone& zone, Convention convention) {
  if (convention == Convention::Regulation1182_71) {
    // Reg. 1182/71 Art. 3(1): the hour during which the event occurs is not
    // counted; the period starts at the beginning of the next (local) hour.
    auto into_hour = to_local(from, zone).time_since_epoch() % hours{1};
    if (into_hour < seconds{0}) into_hour += hours{1};
    from += hours{1} - into_hour;
  }
  return from + hours{count};
}

Instant add_one_month(Instant from, const date::time_zone& zone, Convention convention) {
  date::local_seconds local = to_local(from, zone);
  date::local_days day = date::floor<date::days>(local);
  date::year_month_day target = next_month_same_day(date::year_month_day{day});
  if (convention == Convention::ElapsedTime) {
    return resolve_local(date::local_days{target} + (local - day), zone);
  }
  // Reg. 1182/71 Art. 3(2)(c): ends with the expiry of the last hour of the
  // same date; Art. 3(4): a Saturday or Sunday rolls to the next working day.
  date::local_days last{target};
  date::weekday weekday{last};
  if (weekday == date::Saturday) last += date::days{2};
  if (weekday == date::Sunday) last += date::days{1};
  return resolve_local(last + date::days{1}, zone);  // the end of that day
}

std::string format_local(Instant instant, const date::time_zone& zone) {
  auto info = zone.get_info(instant);
  date::local_seconds local{instant.time_since_epoch() + info.offset};
  date::local_days day = date::floor<date::days>(local);
  date::year_month_day ymd{day};
  date::hh_mm_ss<seconds> tod{local - day};
  auto offset = std::chrono::duration_cast<std::chrono::minutes>(info.offset).count();
  char sign = offset < 0 ? '-' : '+';
  if (offset < 0) offset = -offset;
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}{:02}:{:02}", int(ymd.year()), unsigned(ymd.month()),
                     unsigned(ymd.day()), tod.hours().count(), tod.minutes().count(), tod.seconds().count(), sign,
                     offset / 60, offset % 60);
}

Result<Deadlines> compute_deadlines(const ClockInput& input) {
  Errors errors;
  if (input.zone == nullptr) {
    errors.add(Error{ErrorCode::InvalidInput, "timezone", "is required (an IANA time zone such as Europe/Berlin)", {}});
  }
  if (input.notification_submitted && *input.notification_submitted < input.awareness) {
    errors.add(Error{ErrorCode::InvalidInput,
                     "notification_submitted_time",
                     fmt::format("{} is before the awareness time {}; a notification cannot be "
                                 "submitted before the incident is known",
                                 format_utc(*input.notification_submitted), format_utc(input.awareness)),
                     {}});
  }
  if (input.incident_handled && *input.incident_handled < input.awareness) {
    errors.add(Error{ErrorCode::InvalidInput,
                     "incident_handled_time",
                     fmt::format("{} is before the awareness time {}", format_utc(*input.incident_handled),
                                 format_utc(input.awareness)),
                     {}});
  }
  TRY(errors.result());
  const date::time_zone& zone = *input.zone;

  Deadlines out;
  out.convention = input.convention;
  // Art. 23(4)(a): early warning within 24 hours of becoming aware.
  out.early_warning_due = add_hours(input.awareness, 24, zone, input.convention);
  // Art. 23(4)(b): notification within 72 hours; the second subparagraph of
  // Art. 23(4) shortens it to 24 hours for incidents impacting the provision
  // of a trust service.
  out.incident_notification_due =
      add_hours(input.awareness, input.trust_service_incident ? 24 : 72, zone, input.convention);
  out.notification_late = input.notification_submitted && *input.notification_submitted > out.incident_notification_due;

  // Art. 23(4)(d): one month after the notification is submitted; until it
  // is, provisionally one month after it is due.
  out.final_report_provisional = !input.notification_submitted;
  Instant month_after_notification =
      add_one_month(input.notification_submitted.value_or(out.incident_notification_due), zone, input.convention);
  if (input.ongoing_when_final_report_due) {
    // Art. 23(4)(e): a progress report when the final report would be due,
    // and the final report within one month of the handling.
    if (input.incident_handled && !out.final_report_provisional &&
        *input.incident_handled <= month_after_notification) {
      return invalid("incident_handled_time",
                     fmt::format("{} is not after the time the final report was due ({}), so the "
                                 "incident was not ongoing then; set ongoing_when_final_report_due "
                                 "to false",
                                 format_utc(*input.incident_handled), format_utc(month_after_notification)));
    }
    out.progress_report_due = month_after_notification;
    if (input.incident_handled) {
      out.final_report_due = add_one_month(*input.incident_handled, zone, input.convention);
    }
  } else {
    out.final_report_due = month_after_notification;
  }
  if (input.personal_data_breach_awareness) {
    // GDPR Art. 33(1): to the supervisory authority without undue delay and,
    // where feasible, not later than 72 hours after becoming aware of the breach.
    out.gdpr_breach_notification_due = add_hours(*input.personal_data_breach_awareness, 72, zone, input.convention);
  }

  out.all.push_back(make(Report::EarlyWarning, out.early_warning_due, false, "Art. 23(4)(a)",
                         "within 24 hours of becoming aware of the significant incident"));
  if (input.trust_service_incident) {
    out.all.push_back(make(Report::IncidentNotification, out.incident_notification_due, false,
                           "Art. 23(4), second subparagraph",
                           "within 24 hours of becoming aware (incident impacting the provision "
                           "of a trust service)"));
  } else {
    out.all.push_back(make(Report::IncidentNotification, out.incident_notification_due, false, "Art. 23(4)(b)",
                           "within 72 hours of becoming aware of the significant incident"));
  }
  if (out.progress_report_due) {
    out.all.push_back(
        make(Report::ProgressReport, out.progress_report_due, out.final_report_provisional, "Art. 23(4)(e)",
             out.final_report_provisional ? "when the final report would be due, the incident still ongoing "
                                            "(provisional: one month after the notification deadline)"
                                          : "when the final report would be due, the incident still ongoing "
                                            "(one month after the notification was submitted)"));
    out.all.push_back(make(Report::FinalReport, out.final_report_due, false, "Art. 23(4)(e)",
                           input.incident_handled ? "within one month of the handling of the incident"
                                                  : "within one month of the handling of the incident "
                                                    "(not yet handled)"));
  } else {
    out.all.push_back(make(Report::FinalReport, out.final_report_due, out.final_report_provisional, "Art. 23(4)(d)",
                           out.final_report_provisional
                               ? "one month after the incident notification is submitted (provisional: "
                                 "counted from the notification deadline)"
                               : "not later than one month after the incident notification was submitted"));
  }
  if (out.gdpr_breach_notification_due) {
    out.all.push_back(make(Report::GdprBreachNotification, out.gdpr_breach_notification_due, false, "GDPR Art. 33(1)",
                           "to the supervisory authority within 72 hours of becoming aware of the "
                           "personal data breach, where feasible"));
  }
  std::stable_sort(out.all.begin(), out.all.end(), [](const Deadline& a, const Deadline& b) {
    if (!a.due || !b.due) return a.due.has_value() && !b.due.has_value();
    return *a.due < *b.due;
  });
  // Every instant Vigil keeps is written in RFC 3339, years 0000 to 9999: a
  // deadline past the end of 9999 cannot be, so the input is refused.
  static const Instant kLastWritable{date::sys_days(date::year{9999} / 12 / 31) + std::chrono::seconds(86399)};
  if (!out.all.empty() && out.all.back().due && *out.all.back().due > kLastWritable) {
    const char* field = input.ongoing_when_final_report_due && input.incident_handled ? "incident_handled_time"
                        : input.notification_submitted                                ? "notification_submitted_time"
                                                                                      : "awareness_time";
    return invalid(field, fmt::format("its {} deadline would fall after 9999-12-31T23:59:59Z, beyond the years "
                                      "Vigil records",
                                      to_string(out.all.back().report)));
  }
  return out;
}

std::string format_span(std::chrono::seconds span) {
  std::int64_t total = span.count() < 0 ? -span.count() : span.count();
  if (total < 60) return fmt::format("{} s", total);
  std::int64_t minutes = total / 60, days = minutes / (24 * 60), hours = minutes / 60 % 24;
  if (days > 0) return fmt::format("{} d {} h {:02} min", days, hours, minutes % 60);
  return fmt::format("{} h {:02} min", hours, minutes % 60);
}

}  // namespace vigil::incident
