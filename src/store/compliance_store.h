// The compliance records of each organisation, kept for the auditor: stored gap
// assessments with their history (the score trend), the documents register and
// the management body's approvals (NIS2 Art. 20(1)). A separate interface from
// the IncidentStore, with its own connection; SQLite (store/sqlite) and
// PostgreSQL (src/postgres) implement it on the same migrations. Every write is
// one transaction; assessments and approvals are append-only (no call changes
// or deletes one), because the trail is what an audit reads.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "assess/document_register.h"
#include "assess/register_rules.h"
#include "core/error.h"
#include "core/time.h"
#include "store/record_trail.h"
#include "store/seal.h"

namespace vigil::store {

// Readiness scores in integer tenths of a percent (assess/score.h): 839 = 83.9 %.
struct GapScores {
  int overall = 0;
  int risk_management = 0;
  int reporting = 0;
};

// One row of the history: enough to list assessments and draw the trend.
struct GapAssessmentSummary {
  std::int64_t id = 0;  // 1, 2, 3, ... per organisation
  Date as_of{};
  Instant created_at{};
  std::string created_by;  // username
  GapScores scores;
};

// What is recorded: the inputs as assessed and the result as rendered then, so
// the record still shows what management saw after the catalog has moved on.
struct NewGapAssessment {
  Date as_of{};
  Instant created_at{};
  std::string created_by;
  GapScores scores;
  std::string soa;                    // JSON array of SoA rows (the input of `vigil gap`)
  std::string documents;              // JSON array of register rows used
  std::optional<std::string> entity;  // JSON scoping input, when given
  std::string result;                 // `vigil gap --format json`
  std::string report_html;            // `vigil gap --format html`
};

struct GapAssessment {
  GapAssessmentSummary summary;
  std::string soa;
  std::string documents;
  std::optional<std::string> entity;
  std::string result;
  std::string report_html;
};

// The documents register's rows and rules, and what the management body
// approves: the domain's (assess/register_rules.h); this store keeps them.
using assess::ApprovalSubject;
using assess::approve_document;
using assess::document_key;
using assess::DocumentEdit;
using assess::DocumentRecord;
using assess::edit_document;
using assess::NewApproval;
using assess::parse_approval_subject;
using assess::record_content;
using assess::to_string;

// Builds the register row to write from the row as it stands inside the write
// transaction (nullopt: the document is not registered yet). Its error aborts
// the write. The store sets revision, updated_at and updated_by itself.
using DocumentChange = std::function<Result<DocumentRecord>(const std::optional<DocumentRecord>& current)>;

struct Approval {
  std::int64_t id = 0;  // 1, 2, 3, ... per organisation
  ApprovalSubject subject_kind = ApprovalSubject::Document;
  std::string subject_name;
  std::string version;
  std::string sha256;
  std::string approved_by;
  Instant approved_at{};
  std::string note;
};

// Counts for the dashboard, from one read.
struct ComplianceCounts {
  std::int64_t documents_missing = 0;  // register rows with status missing
  std::int64_t documents_draft = 0;
  std::int64_t documents_approved = 0;
  std::int64_t approvals = 0;
  std::int64_t assessments = 0;
};

class ComplianceStore {
 public:
  virtual ~ComplianceStore() = default;

  // --- gap assessments (append-only) ---
  virtual Result<GapAssessmentSummary> add_assessment(std::string_view org, const NewGapAssessment& assessment) = 0;
  // Newest first (by id); at most `limit` rows when given.
  virtual Result<std::vector<GapAssessmentSummary>> assessments(std::string_view org,
                                                                std::optional<std::int64_t> limit) = 0;
  virtual Result<GapAssessment> assessment(std::string_view org, std::int64_t id) = 0;  // NotFound

  // --- documents register ---
  virtual Result<std::vector<DocumentRecord>> documents(std::string_view org) = 0;           // by name
  virtual Result<DocumentRecord> document(std::string_view org, std::string_view name) = 0;  // NotFound
  // Creates or replaces the row `change` builds; with `content` (bytes whose
  // SHA-256 the row names) the content is stored in the same transaction.
  virtual Result<DocumentRecord> write_document(std::string_view org, std::string_view name,
                                                const DocumentChange& change, std::string_view updated_by,
                                                Instant updated_at,
                                                const std::optional<std::string>& content = std::nullopt) = 0;
  // The stored content of a version by its SHA-256 (NotFound).
  virtual Result<std::string> document_content(std::string_view org, std::string_view sha256) = 0;

  // --- management approvals (append-only) ---
  // Records the approval; for a document, also marks its register row approved
  // (approve_document below decides, so every implementation applies the same
  // rule) in the same transaction. Conflict when the register holds another version.
  virtual Result<Approval> approve(std::string_view org, const NewApproval& approval) = 0;
  // Newest first.
  virtual Result<std::vector<Approval>> approvals(std::string_view org, std::optional<std::int64_t> limit) = 0;

  virtual Result<ComplianceCounts> counts(std::string_view org) = 0;

  // --- the record trail (store/record_trail.h) ---
  // Every write above appends to it in its own transaction: who, when, the
  // old and new values. In order of seq; NotFound never (an empty trail is
  // an empty list).
  virtual Result<std::vector<TrailEntry>> trail(std::string_view org, const TrailQuery& query) = 0;
};

// The values the trail records, as canonical JSON (store/record_trail.cpp).
std::string trail_value(const DocumentRecord& row);
std::string trail_value(const Approval& approval);  // to_json(approval), canonical
// An approval as the trail records it and the API answers it.
nlohmann::json to_json(const Approval& approval);
// An assessment by its summary and the SHA-256 of each stored input and output.
std::string trail_value(const GapAssessment& assessment);
std::string subject_of_document(std::string_view name);  // "document:" + document_key(name)
std::string subject_of_approval(std::int64_t id);        // "approval:3"
std::string subject_of_assessment(std::int64_t id);      // "assessment:2"

// "postgresql://..." (the plugin of store/postgres_backend.h) or a SQLite file
// path: store/compliance_repository.cpp over open_sql().
Result<std::unique_ptr<ComplianceStore>> open_compliance(const std::string& location, SealerRef sealer = nullptr);

}  // namespace vigil::store
