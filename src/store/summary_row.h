// The incident listing row as the incident repository reads it back: one
// column list, one mapping from a result row to incident::Summary, and the
// error for a trail that no longer replays.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "core/error.h"
#include "incident/incident.h"
#include "store/incident_store.h"
#include "store/sql.h"

namespace vigil::store {

inline constexpr std::string_view kSummaryColumns =
    "incident_id, number, title, entity_type, awareness_at, status, significant, next_due_at, next_report, active, "
    "event_count, head_hash, significance_override, late_submissions, exercise_id";

// The WHERE condition ListOptions::exercises asks for (after "WHERE org_id = $1").
inline std::string_view exercise_condition(ExerciseRows rows) {
  switch (rows) {
    case ExerciseRows::Exclude: return " AND exercise_id IS NULL";
    case ExerciseRows::Only: return " AND exercise_id IS NOT NULL";
    case ExerciseRows::Include: break;
  }
  return "";
}

// The `significant` column: 'yes', 'no', 'undetermined', NULL when not assessed.
inline std::optional<std::string_view> significance_column(incident::Conclusion c) {
  switch (c) {
    case incident::Conclusion::Significant: return "yes";
    case incident::Conclusion::NotSignificant: return "no";
    case incident::Conclusion::Undetermined: return "undetermined";
    case incident::Conclusion::NotAssessed: break;
  }
  return std::nullopt;
}

// The `late_submissions` column: "type=seconds" joined with ';', in submission order.
inline std::string late_column(const std::vector<incident::LateSubmission>& late) {
  std::string out;
  for (const auto& l : late) {
    if (!out.empty()) out += ';';
    out += fmt::format("{}={}", incident::to_string(l.type), l.seconds);
  }
  return out;
}

// Parts that do not read back are left out: audit verify then names the row.
inline std::vector<incident::LateSubmission> read_late_column(std::string_view text) {
  std::vector<incident::LateSubmission> out;
  while (!text.empty()) {
    std::size_t end = text.find(';');
    std::string_view part = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    std::size_t eq = part.find('=');
    if (eq == std::string_view::npos) continue;
    auto type = incident::parse_submission_type(part.substr(0, eq), "late_submissions");
    std::int64_t seconds = 0;
    bool digits = eq + 1 < part.size();
    for (char c : part.substr(eq + 1)) {
      if (c < '0' || c > '9' || seconds > (INT64_MAX - 9) / 10) digits = false;
      else seconds = seconds * 10 + (c - '0');
    }
    if (type && digits) out.push_back({*type, seconds});
  }
  return out;
}

// One result row, columns in kSummaryColumns order; its text cells are
// moved into the summary.
inline incident::Summary read_summary(sql::Row& row) {
  incident::Summary s;
  s.id = row.take(0);
  s.number = row.integer(1);
  s.title = row.take(2);
  s.entity_type = row.take(3);
  s.awareness = Instant{std::chrono::seconds{row.integer(4)}};
  s.status = row.take(5);
  if (!row.is_null(6)) {
    const std::string significant = row.take(6);
    s.significance = significant == "yes"            ? incident::Conclusion::Significant
                     : significant == "undetermined" ? incident::Conclusion::Undetermined
                                                     : incident::Conclusion::NotSignificant;
  }
  if (!row.is_null(7)) s.next_due = Instant{std::chrono::seconds{row.integer(7)}};
  s.next_report = row.take(8);
  s.active = row.integer(9) != 0;
  s.event_count = row.integer(10);
  s.head_hash = row.take(11);
  s.overridden = row.integer(12) != 0;
  s.late = read_late_column(row.take(13));
  s.exercise = row.take(14);
  return s;
}

inline Error damaged_trail(std::string_view incident_id, const Error& cause) {
  return Error{ErrorCode::Internal,
               std::string(incident_id),
               fmt::format("its trail cannot be read back ({}); verify the workspace's trails", cause.message),
               {}};
}

}  // namespace vigil::store
