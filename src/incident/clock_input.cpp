#include "incident/clock_input.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/errors.h"
#include "core/json_input.h"
#include "core/text.h"

namespace vigil::incident {
namespace {

std::optional<Instant> read_instant(JsonObjectReader& reader, std::string_view key, Presence presence) {
  auto text = reader.text(key, presence);
  if (!text) return std::nullopt;
  auto instant = parse_rfc3339(*text, reader.field_path(key));
  if (!instant) {
    // Keep the field name as the reader reports it; the message says what is valid.
    reader.add_error(std::string(key), instant.error().message);
    return std::nullopt;
  }
  // The incident record's lower bound (core/errors.h), not its upper one:
  // the calculator may be asked about a time to come, to plan.
  // With no upper bound (now = the last instant), plausible_past checks just that.
  Errors early;
  early.plausible_past(*instant, Instant::max(), std::string(key));
  if (!early.empty()) {
    reader.add_error(std::string(key), std::move(early.list().front().message));
    return std::nullopt;
  }
  return *instant;
}

}  // namespace

Result<ClockInput> parse_clock_input(const nlohmann::json& value, std::string_view where, const ZoneLocator& locate,
                                     Convention convention) {
  JsonObjectReader reader(value, std::string(where));
  ClockInput input;
  input.convention = convention;
  auto awareness = read_instant(reader, "awareness_time", Presence::Required);
  if (auto zone = reader.text("timezone", Presence::Required)) {
    input.zone = locate(*zone);
    if (input.zone == nullptr) {
      reader.add_error("timezone", fmt::format("'{}' is not a known IANA time zone; expected e.g. "
                                               "Europe/Berlin, Europe/Paris or UTC",
                                               excerpt(*zone)));
    }
  }
  input.trust_service_incident = reader.flag("trust_service_incident");
  input.notification_submitted = read_instant(reader, "notification_submitted_time", Presence::Optional);
  input.ongoing_when_final_report_due = reader.flag("ongoing_when_final_report_due");
  input.incident_handled = read_instant(reader, "incident_handled_time", Presence::Optional);
  input.personal_data_breach_awareness =
      read_instant(reader, "personal_data_breach_awareness_time", Presence::Optional);
  if (awareness) input.awareness = *awareness;

  // Order problems are only meaningful once every instant reads.
  if (reader.ok() && input.notification_submitted && *input.notification_submitted < input.awareness) {
    reader.add_error("notification_submitted_time",
                     fmt::format("{} is before awareness_time {}; a notification cannot be submitted "
                                 "before the incident is known",
                                 format_utc(*input.notification_submitted), format_utc(input.awareness)));
  }
  if (reader.ok() && input.incident_handled && *input.incident_handled < input.awareness) {
    reader.add_error("incident_handled_time",
                     fmt::format("{} is before awareness_time {}", format_utc(*input.incident_handled),
                                 format_utc(input.awareness)));
  }
  if (auto done = reader.finish(); !done) return tl::unexpected(std::move(done).error());
  return input;
}

}  // namespace vigil::incident
