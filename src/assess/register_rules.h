// The documents register's rules (NIS2 Art. 20(1), ISO/IEC 27001 7.5): what a
// register row becomes when a compliance officer edits it, when a version's
// content is uploaded and when the management body approves it. Only the
// management body approves; an approved text cannot change without a new
// version. Pure: the store applies these inside its write transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "assess/document_register.h"
#include "core/error.h"
#include "core/time.h"

namespace vigil::assess {

// One row of the documents register (one per document name; names compare
// case-insensitively, blanks around them ignored, as in DocumentRegister).
struct DocumentRecord {
  std::string name;
  DocumentStatus status = DocumentStatus::Missing;
  std::string version;
  std::string approved_by;
  std::optional<Date> approved_on;
  std::optional<Date> next_review;
  std::string approved_sha256;  // what the management body approved, "" unless approved
  std::string content_sha256;   // of the current version's content, "" when none uploaded
  std::int64_t content_size = 0;
  std::int64_t revision = 0;  // 1 on creation, +1 per write: the ETag
  Instant updated_at{};
  std::string updated_by;
  // The catalog's suggested document this row stands for when the entity
  // names it its own way ("Informationssicherheitsleitlinie" for "Information
  // security policy", RegisteredDocument::maps_to); "" when none.
  std::string maps_to = {};
};

// What Art. 20(1) has the management body approve.
enum class ApprovalSubject { Document, RiskTreatmentPlan };
std::string_view to_string(ApprovalSubject subject);  // "document" | "risk_treatment_plan"
Result<ApprovalSubject> parse_approval_subject(std::string_view text, std::string_view where);

struct NewApproval {
  ApprovalSubject subject_kind = ApprovalSubject::Document;
  std::string subject_name;
  std::string version;
  std::string sha256;  // of what was approved (lower-case hex)
  std::string approved_by;
  Instant approved_at{};  // the server's clock, never the caller's
  std::string note;
  // A document's next review (must fall after the approval day). Absent: a
  // review date on record after the approval day is confirmed; otherwise it
  // is set one year after the approval (the planned interval of ISO/IEC
  // 27001 7.5.2/5.1 most ISMSs use) and the approval's record says so.
  std::optional<Date> next_review;
};

// What a compliance officer may set on a register row (PUT documents/{name}).
struct DocumentEdit {
  DocumentStatus status = DocumentStatus::Draft;
  std::optional<std::string> version;  // unchanged when absent
  std::optional<Date> next_review;
  // The suggested document the row stands for: unchanged when absent, "" to
  // clear it. Must name a suggested document (find_suggested_document),
  // stored in its catalog spelling; InvalidInput otherwise.
  std::optional<std::string> maps_to = {};
};

// The row after an edit. Only the management body approves (Art. 20(1)), so
// `approved` is accepted only on a row that is approved already and keeps its
// version (e.g. to set the next review); setting missing or draft withdraws the
// approval of the current version; a new version drops the old one's content hash.
// On a row that stays approved, a next review on or before the approval day is
// InvalidInput naming next_review and the approval day (assess/review_rule.h).
Result<DocumentRecord> edit_document(std::string_view name, const std::optional<DocumentRecord>& current,
                                     const DocumentEdit& edit);

// The row after a new version's content is uploaded: its SHA-256 and size are
// recorded and it is a draft until approved. The same content again changes
// nothing; other content under the approved version's number is a Conflict
// (an approved text cannot change without a new version).
Result<DocumentRecord> record_content(std::string_view name, const std::optional<DocumentRecord>& current,
                                      std::string_view version, std::string_view sha256, std::int64_t size);

// The register key of a document name: lower-case, blanks around it removed.
std::string document_key(std::string_view name);

// The register row after the management body approves `approval` (a document):
// the version and the SHA-256 must be those of the content on record
// (Conflict): nobody can approve a different version than the one registered,
// nor a version whose text was never uploaded (a document not registered has
// none either: "no content on record for version V; upload it before approval").
// Approving the version already approved with the same SHA-256 is a Conflict
// (the first approval stands). The next review is set or confirmed (see
// NewApproval::next_review); one on or before the approval day is InvalidInput.
Result<DocumentRecord> approve_document(const std::optional<DocumentRecord>& current, const NewApproval& approval);

}  // namespace vigil::assess
