// The incident listing row as both back ends read it back: one column list,
// one mapping from a result row to incident::Summary, and the error for a
// trail that no longer replays. Shared so SQLite and PostgreSQL cannot drift.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "core/error.h"
#include "incident/incident.h"

namespace vigil::store {

inline constexpr std::string_view kSummaryColumns =
    "incident_id, number, title, entity_type, awareness_at, status, significant, next_due_at, next_report, active, "
    "event_count, head_hash";

// Row: any result row with text(i), integer(i) and is_null(i), columns in kSummaryColumns order.
template <class Row>
incident::Summary read_summary(const Row& row) {
  incident::Summary s;
  s.id = row.text(0);
  s.number = row.integer(1);
  s.title = row.text(2);
  s.entity_type = row.text(3);
  s.awareness = Instant{std::chrono::seconds{row.integer(4)}};
  s.status = row.text(5);
  if (!row.is_null(6)) s.significant = row.text(6) == "yes";
  if (!row.is_null(7)) s.next_due = Instant{std::chrono::seconds{row.integer(7)}};
  s.next_report = row.text(8);
  s.active = row.integer(9) != 0;
  s.event_count = row.integer(10);
  s.head_hash = row.text(11);
  return s;
}

inline Error damaged_trail(std::string_view incident_id, const Error& cause) {
  return Error{ErrorCode::Internal, std::string(incident_id),
               fmt::format("its trail cannot be read back ({}); run 'vigil audit verify'", cause.message), {}};
}

}  // namespace vigil::store
