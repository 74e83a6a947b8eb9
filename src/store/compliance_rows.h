// The compliance tables' columns and how a row becomes a record, shared by the
// SQLite and the PostgreSQL implementation (their row types both offer text(),
// integer(), instant() and is_null()), so the two read the same schema the same way.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "core/error.h"
#include "core/time.h"
#include "store/compliance_store.h"

namespace vigil::store::compliance_rows {

inline constexpr std::string_view kSummaryColumns =
    "assessment_id, as_of, created_at, created_by, score_overall, score_risk_management, score_reporting";
inline constexpr std::string_view kDocumentColumns =
    "name, status, version, approved_by, approved_on, next_review, approved_sha256, content_sha256, content_size, "
    "revision, updated_at, updated_by, maps_to";
inline constexpr std::string_view kApprovalColumns =
    "approval_id, subject_kind, subject_name, version, sha256, approved_by, approved_at, note";

inline Error damaged(std::string_view table, const Error& why) {
  return Error{ErrorCode::Io, std::string(table), "a stored row cannot be read (" + describe(why) + ")", {}};
}

inline Result<assess::DocumentStatus> parse_status(std::string_view text) {
  if (text == "missing") return assess::DocumentStatus::Missing;
  if (text == "draft") return assess::DocumentStatus::Draft;
  if (text == "approved") return assess::DocumentStatus::Approved;
  return fail(ErrorCode::Io, "status", fmt::format("unknown document status '{}'", text));
}

inline std::string optional_date(const std::optional<Date>& date) { return date ? format_date(*date) : std::string(); }

// What `read` makes of a row of `table`; an error says the stored row is damaged.
template <class Read>
auto read_stored(std::string_view table, Read read) -> decltype(read()) {
  auto out = read();
  if (!out) return tl::unexpected(damaged(table, out.error()));
  return out;
}

template <class Row>
Result<std::optional<Date>> read_optional_date(const Row& row, int column) {
  if (row.is_null(column) || row.text(column).empty()) return std::optional<Date>{};
  return std::optional<Date>{TRY(parse_date(row.text(column), "date"))};
}

template <class Row>
Result<GapAssessmentSummary> read_summary(const Row& row) {
  return read_stored("gap_assessments", [&]() -> Result<GapAssessmentSummary> {
    GapAssessmentSummary s;
    s.id = row.integer(0);
    s.as_of = TRY(parse_date(row.text(1), "as_of"));
    s.created_at = TRY(row.instant(2, "created_at"));
    s.created_by = row.text(3);
    s.scores = {static_cast<int>(row.integer(4)), static_cast<int>(row.integer(5)), static_cast<int>(row.integer(6))};
    return s;
  });
}

template <class Row>
Result<DocumentRecord> read_document(const Row& row) {
  return read_stored("compliance_documents", [&]() -> Result<DocumentRecord> {
    DocumentRecord d;
    d.name = row.text(0);
    d.status = TRY(parse_status(row.text(1)));
    d.version = row.text(2);
    d.approved_by = row.text(3);
    d.approved_on = TRY(read_optional_date(row, 4));
    d.next_review = TRY(read_optional_date(row, 5));
    d.approved_sha256 = row.text(6);
    d.content_sha256 = row.text(7);
    d.content_size = row.integer(8);
    d.revision = row.integer(9);
    d.updated_at = TRY(row.instant(10, "updated_at"));
    d.updated_by = row.text(11);
    d.maps_to = row.text(12);
    return d;
  });
}

template <class Row>
Result<Approval> read_approval(const Row& row) {
  return read_stored("management_approvals", [&]() -> Result<Approval> {
    Approval a;
    a.id = row.integer(0);
    a.subject_kind = TRY(parse_approval_subject(row.text(1), "subject_kind"));
    a.subject_name = row.text(2);
    a.version = row.text(3);
    a.sha256 = row.text(4);
    a.approved_by = row.text(5);
    a.approved_at = TRY(row.instant(6, "approved_at"));
    a.note = row.text(7);
    return a;
  });
}

inline Error no_such_document(std::string_view name) {
  return Error{ErrorCode::NotFound, "document", fmt::format("'{}' is not in the documents register", name), {}};
}

// A change must keep the document it was asked for (the key is the name's).
inline Result<void> check_same_document(std::string_view key, const DocumentRecord& row) {
  if (document_key(row.name) != key || row.name.empty()) {
    return fail(ErrorCode::Internal, "document", "a register change renamed the document");
  }
  return {};
}

}  // namespace vigil::store::compliance_rows
