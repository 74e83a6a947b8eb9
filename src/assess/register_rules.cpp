#include "assess/register_rules.h"

#include <fmt/format.h>

#include "assess/review_due.h"
#include "assess/review_rule.h"
#include "core/text.h"

namespace vigil::assess {

std::string_view to_string(ApprovalSubject subject) {
  return subject == ApprovalSubject::Document ? "document" : "risk_treatment_plan";
}

Result<ApprovalSubject> parse_approval_subject(std::string_view text, std::string_view where) {
  if (text == "document") return ApprovalSubject::Document;
  if (text == "risk_treatment_plan") return ApprovalSubject::RiskTreatmentPlan;
  return invalid(std::string(where), fmt::format("'{}' is not a subject the management body approves (valid: document, "
                                                 "risk_treatment_plan)",
                                                 text));
}

std::string document_key(std::string_view name) { return to_lower(trim(name)); }

// A next review on or before the approval day would make the approval
// overdue the day it is given (assess/review_rule.h).
std::optional<std::string> review_not_after_approval(Date next_review, Date approved_on) {
  if (next_review > approved_on) return std::nullopt;
  return fmt::format(
      "{} is not after the approval day {} (the next review follows the approval: NIS2 Art. "
      "20(1), ISO/IEC 27001 7.5.2)",
      format_date(next_review), format_date(approved_on));
}

namespace {

// The approval fields describe the current version only.
void withdraw_approval(DocumentRecord& row) {
  row.approved_by.clear();
  row.approved_on.reset();
  row.approved_sha256.clear();
}

DocumentRecord fresh_row(std::string_view name) {
  DocumentRecord row;
  row.name = std::string(trim(name));
  return row;
}

// The date checks of the one rule (review_not_after_approval), as the
// approval and the register edit name the field.
Result<void> check_review_after_approval(const std::optional<Date>& next_review, Date approved_on,
                                         std::string_view how) {
  if (!next_review) return {};
  if (auto problem = review_not_after_approval(*next_review, approved_on)) {
    return invalid("next_review", fmt::format("{}: {}", *problem, how));
  }
  return {};
}

}  // namespace

Result<DocumentRecord> approve_document(const std::optional<DocumentRecord>& current, const NewApproval& approval) {
  DocumentRecord row = current ? *current : fresh_row(approval.subject_name);
  if (!row.version.empty() && row.version != approval.version) {
    return fail(ErrorCode::Conflict, "version",
                fmt::format("the register holds version '{}' of '{}', not '{}': approve the version on record "
                            "(or register the new one first)",
                            row.version, row.name, approval.version));
  }
  // ISO/IEC 27001 7.5.3: what is approved is a text on record. Without one the
  // SHA-256 given names nothing the register can show or check later.
  if (row.content_sha256.empty()) {
    return fail(ErrorCode::Conflict, "version",
                fmt::format("'{}': no content on record for version {}; upload it before approval", row.name,
                            approval.version));
  }
  if (row.content_sha256 != approval.sha256) {
    return fail(ErrorCode::Conflict, "sha256",
                fmt::format("the content on record for '{}' version '{}' has SHA-256 {}, not {}: you can only "
                            "approve the version on record",
                            row.name, row.version, row.content_sha256, approval.sha256));
  }
  if (current && current->status == DocumentStatus::Approved && current->version == approval.version &&
      current->approved_sha256 == approval.sha256) {
    return fail(ErrorCode::Conflict, "version",
                fmt::format("version '{}' of '{}' is already approved (by {}{}); a further approval needs a new "
                            "version",
                            row.version, row.name, row.approved_by,
                            row.approved_on ? " on " + format_date(*row.approved_on) : ""));
  }
  const Date approved_on = utc_date(approval.approved_at);
  if (approval.next_review) {
    TRY(check_review_after_approval(approval.next_review, approved_on, "give the date of the next review"));
    row.next_review = approval.next_review;
  } else if (!row.next_review || *row.next_review <= approved_on) {
    row.next_review = review_due(approved_on);  // one year on (28 February for 29 February)
  }
  row.version = approval.version;
  row.status = DocumentStatus::Approved;
  row.approved_by = approval.approved_by;
  row.approved_on = approved_on;
  row.approved_sha256 = approval.sha256;
  return row;
}

Result<DocumentRecord> edit_document(std::string_view name, const std::optional<DocumentRecord>& current,
                                     const DocumentEdit& edit) {
  DocumentRecord row = current ? *current : fresh_row(name);
  const bool new_version = edit.version && *edit.version != row.version;
  if (edit.status == DocumentStatus::Approved) {
    // Art. 20(1) NIS2: the management body approves; a register edit cannot.
    if (!current || current->status != DocumentStatus::Approved || new_version) {
      return fail(ErrorCode::Conflict, "status",
                  "only the management body approves a document (POST approvals, NIS2 Art. 20(1)); an edit may "
                  "keep 'approved' only on a row already approved, with the same version");
    }
  } else {
    withdraw_approval(row);
  }
  if (new_version) {
    row.version = *edit.version;
    row.content_sha256.clear();  // that content was the old version's
    row.content_size = 0;
  }
  if (edit.maps_to) {
    if (edit.maps_to->empty()) {
      row.maps_to.clear();
    } else if (auto suggested = find_suggested_document(*edit.maps_to)) {
      row.maps_to = std::string(*suggested);
    } else {
      return fail(ErrorCode::InvalidInput, "maps_to",
                  fmt::format("'{}' is not a document the catalog suggests; give one of its names (GET documents "
                              "lists them under suggested_not_registered), or \"\" for none",
                              excerpt(*edit.maps_to)));
    }
  }
  row.status = edit.status;
  row.next_review = edit.next_review;
  if (row.status == DocumentStatus::Approved && row.approved_on) {
    TRY(check_review_after_approval(row.next_review, *row.approved_on,
                                    "give a later next review, or approve a new version"));
  }
  return row;
}

Result<DocumentRecord> record_content(std::string_view name, const std::optional<DocumentRecord>& current,
                                      std::string_view version, std::string_view sha256, std::int64_t size) {
  DocumentRecord row = current ? *current : fresh_row(name);
  if (row.version == version && row.content_sha256 == sha256) return row;  // the same upload again
  if (row.status == DocumentStatus::Approved && row.version == version) {
    return fail(ErrorCode::Conflict, "version",
                fmt::format("version '{}' of '{}' is approved with other content (SHA-256 {}); upload the changed "
                            "text as a new version",
                            version, row.name, row.approved_sha256.empty() ? row.content_sha256 : row.approved_sha256));
  }
  row.version = std::string(version);
  row.content_sha256 = std::string(sha256);
  row.content_size = size;
  row.status = DocumentStatus::Draft;
  withdraw_approval(row);
  return row;
}

}  // namespace vigil::assess
