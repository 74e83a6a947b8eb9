// The ComplianceStore (gap assessments, the documents register, management-
// body approvals), written once over sql::Database for SQLite and PostgreSQL.
// Each write is one transaction that first locks its organisation's row
// (PostgreSQL: FOR NO KEY UPDATE, so incident writes, which only need the row
// to exist, are not held up; SQLite: its write transactions exclude each other),
// so the per-organisation numbers of assessments and approvals are taken one
// writer at a time, even by several servers on one database, and a register
// row is never written from a stale read.
#include "store/compliance_repository.h"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "store/compliance_rows.h"

namespace vigil::store {

namespace rows = compliance_rows;
using sql::Param;
using sql::Row;
using sql::Transaction;

namespace {

// The organisation's rows of `table`, newest (highest `id_column`) first, at
// most `limit` of them, each read by `read`.
template <class T, class Read>
Result<std::vector<T>> newest_first(sql::Database& db, std::string_view columns, std::string_view table,
                                    std::string_view id_column, std::string_view org, std::optional<std::int64_t> limit,
                                    Read read) {
  auto found = TRY(db.transact(sql::Access::Read, [&](Transaction& tx) {
    // No LIMIT clause without a limit: SQLite refuses LIMIT NULL.
    const std::string text = fmt::format("SELECT {} FROM {} WHERE org_id = $1 ORDER BY {} DESC{}", columns, table,
                                         id_column, limit ? " LIMIT $2" : "");
    return limit ? tx.query(text, {org, *limit}) : tx.query(text, {org});
  }));
  std::vector<T> out;
  for (const Row& row : found) out.push_back(TRY(read(row)));
  return out;
}

Param date_or_null(const std::optional<Date>& date) { return date ? Param(format_date(*date)) : Param(nullptr); }

// Locks the organisation for this transaction's writes (NotFound when unknown).
Result<void> lock_organisation(Transaction& tx, std::string_view org) {
  auto found = TRY(tx.query(
      fmt::format("SELECT org_id FROM organisations WHERE org_id = $1{}", tx.dialect().lock_organisation), {org}));
  if (found.empty()) return fail(ErrorCode::NotFound, "organisation " + std::string(org), "no such organisation");
  return {};
}

Result<std::int64_t> next_number(Transaction& tx, std::string_view table, std::string_view column,
                                 std::string_view org) {
  auto next =
      TRY(tx.query(fmt::format("SELECT COALESCE(MAX({}), 0) + 1 FROM {} WHERE org_id = $1", column, table), {org}));
  return next.at(0).integer(0);
}

Result<std::optional<DocumentRecord>> find_document(Transaction& tx, std::string_view org, const std::string& key) {
  auto found = TRY(tx.query(
      fmt::format("SELECT {} FROM compliance_documents WHERE org_id = $1 AND name_key = $2", rows::kDocumentColumns),
      {org, key}));
  if (found.empty()) return std::optional<DocumentRecord>{};
  return std::optional<DocumentRecord>{TRY(rows::read_document(found[0]))};
}

Result<void> save_document(Transaction& tx, std::string_view org, const std::string& key, const DocumentRecord& d) {
  TRY(
      tx.query("INSERT INTO compliance_documents (org_id, name_key, name, status, version, approved_by, approved_on, "
               "next_review, approved_sha256, content_sha256, content_size, revision, updated_at, updated_by, maps_to) "
               "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) "
               "ON CONFLICT (org_id, name_key) DO UPDATE SET name = excluded.name, status = excluded.status, "
               "version = excluded.version, approved_by = excluded.approved_by, approved_on = excluded.approved_on, "
               "next_review = excluded.next_review, approved_sha256 = excluded.approved_sha256, "
               "content_sha256 = excluded.content_sha256, content_size = excluded.content_size, "
               "revision = excluded.revision, updated_at = excluded.updated_at, updated_by = excluded.updated_by, "
               "maps_to = excluded.maps_to",
               {org, key, d.name, assess::to_string(d.status), d.version, d.approved_by, date_or_null(d.approved_on),
                date_or_null(d.next_review), d.approved_sha256, d.content_sha256, d.content_size, d.revision,
                format_utc(d.updated_at), d.updated_by, d.maps_to}));
  return {};
}

TrailEntry read_trail_entry(std::string_view org, const Row& row) {
  TrailEntry e;
  e.org = std::string(org);
  e.seq = row.integer(0);
  e.at = row.instant(1, "record_trail.recorded_at").value_or(Instant{});
  e.actor = row.text(2);
  e.kind = row.text(3);
  e.subject = row.text(4);
  if (!row.is_null(5)) e.old_value = row.text(5);
  if (!row.is_null(6)) e.new_value = row.text(6);
  e.prev_hash = row.text(7);
  e.hash = row.text(8);
  return e;
}

class ComplianceRepository final : public ComplianceStore {
 public:
  explicit ComplianceRepository(std::unique_ptr<sql::Database> db) : db_(std::move(db)) {}

  Result<GapAssessmentSummary> add_assessment(std::string_view org, const NewGapAssessment& a) override {
    const std::int64_t id = TRY(db_->transact(sql::Access::Write, [&](Transaction& tx) -> Result<std::int64_t> {
      TRY(lock_organisation(tx, org));
      const std::int64_t next = TRY(next_number(tx, "gap_assessments", "assessment_id", org));
      TRY(
          tx.query("INSERT INTO gap_assessments (org_id, assessment_id, as_of, created_at, created_by, score_overall, "
                   "score_risk_management, score_reporting, soa_input, documents_input, entity_input, result_json, "
                   "report_html) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
                   {org, next, format_date(a.as_of), format_utc(a.created_at), a.created_by, a.scores.overall,
                    a.scores.risk_management, a.scores.reporting, a.soa, a.documents, Param(a.entity), a.result,
                    a.report_html}));
      GapAssessment stored{GapAssessmentSummary{next, a.as_of, a.created_at, a.created_by, a.scores},
                           a.soa,
                           a.documents,
                           a.entity,
                           a.result,
                           a.report_html};
      TRY(append_trail(tx, org,
                       TrailDraft{a.created_at, a.created_by, "assessment.recorded", subject_of_assessment(next),
                                  std::nullopt, trail_value(stored)}));
      return next;
    }));
    return GapAssessmentSummary{id, a.as_of, a.created_at, a.created_by, a.scores};
  }

  Result<std::vector<GapAssessmentSummary>> assessments(std::string_view org,
                                                        std::optional<std::int64_t> limit) override {
    return newest_first<GapAssessmentSummary>(*db_, rows::kSummaryColumns, "gap_assessments", "assessment_id", org,
                                              limit, rows::read_summary<Row>);
  }

  Result<GapAssessment> assessment(std::string_view org, std::int64_t id) override {
    auto found = TRY(db_->transact(sql::Access::Read, [&](Transaction& tx) {
      return tx.query(fmt::format("SELECT {}, soa_input, documents_input, entity_input, result_json, report_html "
                                  "FROM gap_assessments WHERE org_id = $1 AND assessment_id = $2",
                                  rows::kSummaryColumns),
                      {org, id});
    }));
    if (found.empty()) return fail(ErrorCode::NotFound, "gap assessment", "no gap assessment " + std::to_string(id));
    const Row& row = found[0];
    GapAssessment out;
    out.summary = TRY(rows::read_summary(row));
    out.soa = row.text(7);
    out.documents = row.text(8);
    if (!row.is_null(9)) out.entity = row.text(9);
    out.result = row.text(10);
    out.report_html = row.text(11);
    return out;
  }

  Result<std::vector<DocumentRecord>> documents(std::string_view org) override {
    auto found = TRY(db_->transact(sql::Access::Read, [&](Transaction& tx) {
      return tx.query(fmt::format("SELECT {} FROM compliance_documents WHERE org_id = $1 ORDER BY name_key",
                                  rows::kDocumentColumns),
                      {org});
    }));
    std::vector<DocumentRecord> out;
    for (const Row& row : found) out.push_back(TRY(rows::read_document(row)));
    return out;
  }

  Result<DocumentRecord> document(std::string_view org, std::string_view name) override {
    auto row = TRY(
        db_->transact(sql::Access::Read, [&](Transaction& tx) { return find_document(tx, org, document_key(name)); }));
    if (!row) return tl::unexpected(rows::no_such_document(name));
    return *row;
  }

  Result<DocumentRecord> write_document(std::string_view org, std::string_view name, const DocumentChange& change,
                                        std::string_view updated_by, Instant updated_at,
                                        const std::optional<std::string>& content) override {
    return db_->transact(sql::Access::Write, [&](Transaction& tx) -> Result<DocumentRecord> {
      TRY(lock_organisation(tx, org));
      const std::string key = document_key(name);
      auto current = TRY(find_document(tx, org, key));
      DocumentRecord row = TRY(change(current));
      TRY(rows::check_same_document(key, row));
      row.revision = current ? current->revision + 1 : 1;
      row.updated_at = updated_at;
      row.updated_by = std::string(updated_by);
      TRY(save_document(tx, org, key, row));
      if (content) {
        TRY(
            tx.query("INSERT INTO document_contents (org_id, sha256, size, content) VALUES ($1, $2, $3, $4) "
                     "ON CONFLICT (org_id, sha256) DO NOTHING",
                     {org, row.content_sha256, static_cast<std::int64_t>(content->size()), Param::bytes(*content)}));
      }
      const char* kind = content ? "document.content" : current ? "document.edited" : "document.created";
      TRY(append_trail(
          tx, org,
          TrailDraft{updated_at, std::string(updated_by), kind, subject_of_document(key),
                     current ? std::optional<std::string>(trail_value(*current)) : std::nullopt, trail_value(row)}));
      return row;
    });
  }

  Result<std::string> document_content(std::string_view org, std::string_view sha256) override {
    auto found = TRY(db_->transact(sql::Access::Read, [&](Transaction& tx) {
      return tx.query("SELECT content FROM document_contents WHERE org_id = $1 AND sha256 = $2", {org, sha256});
    }));
    if (found.empty()) return fail(ErrorCode::NotFound, "sha256", "no document content with this SHA-256");
    return found[0].text(0);
  }

  Result<Approval> approve(std::string_view org, const NewApproval& a) override {
    const std::int64_t id = TRY(db_->transact(sql::Access::Write, [&](Transaction& tx) -> Result<std::int64_t> {
      TRY(lock_organisation(tx, org));
      if (a.subject_kind == ApprovalSubject::Document) {
        const std::string key = document_key(a.subject_name);
        auto current = TRY(find_document(tx, org, key));
        DocumentRecord row = TRY(approve_document(current, a));
        row.revision = current ? current->revision + 1 : 1;
        row.updated_at = a.approved_at;
        row.updated_by = a.approved_by;
        TRY(save_document(tx, org, key, row));
        TRY(append_trail(
            tx, org,
            TrailDraft{a.approved_at, a.approved_by, "document.approved", subject_of_document(key),
                       current ? std::optional<std::string>(trail_value(*current)) : std::nullopt, trail_value(row)}));
      }
      const std::int64_t next = TRY(next_number(tx, "management_approvals", "approval_id", org));
      TRY(
          tx.query("INSERT INTO management_approvals (org_id, approval_id, subject_kind, subject_name, version, "
                   "sha256, approved_by, approved_at, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                   {org, next, to_string(a.subject_kind), a.subject_name, a.version, a.sha256, a.approved_by,
                    format_utc(a.approved_at), a.note}));
      const Approval recorded{next,     a.subject_kind, a.subject_name, a.version,
                              a.sha256, a.approved_by,  a.approved_at,  a.note};
      TRY(append_trail(tx, org,
                       TrailDraft{a.approved_at, a.approved_by, "approval.recorded", subject_of_approval(next),
                                  std::nullopt, trail_value(recorded)}));
      return next;
    }));
    return Approval{id, a.subject_kind, a.subject_name, a.version, a.sha256, a.approved_by, a.approved_at, a.note};
  }

  Result<std::vector<Approval>> approvals(std::string_view org, std::optional<std::int64_t> limit) override {
    return newest_first<Approval>(*db_, rows::kApprovalColumns, "management_approvals", "approval_id", org, limit,
                                  rows::read_approval<Row>);
  }

  Result<ComplianceCounts> counts(std::string_view org) override {
    auto found = TRY(db_->transact(sql::Access::Read, [&](Transaction& tx) {
      return tx.query(
          "SELECT (SELECT COUNT(*) FROM compliance_documents WHERE org_id = $1 AND status = 'missing'), "
          "(SELECT COUNT(*) FROM compliance_documents WHERE org_id = $1 AND status = 'draft'), "
          "(SELECT COUNT(*) FROM compliance_documents WHERE org_id = $1 AND status = 'approved'), "
          "(SELECT COUNT(*) FROM management_approvals WHERE org_id = $1), "
          "(SELECT COUNT(*) FROM gap_assessments WHERE org_id = $1)",
          {org});
    }));
    const Row& row = found.at(0);
    return ComplianceCounts{row.integer(0), row.integer(1), row.integer(2), row.integer(3), row.integer(4)};
  }

  Result<std::vector<TrailEntry>> trail(std::string_view org, const TrailQuery& q) override {
    auto found = TRY(db_->transact(sql::Access::Read, [&](Transaction& tx) {
      std::string text =
          "SELECT seq, recorded_at, actor, kind, subject, old_value, new_value, prev_hash, hash FROM record_trail "
          "WHERE org_id = $1 AND seq > $2";
      if (q.subject) text += " AND subject = $3";
      text += " ORDER BY seq";
      if (q.limit) text += fmt::format(" LIMIT {}", std::max<std::int64_t>(0, *q.limit));
      return q.subject ? tx.query(text, {org, q.after, *q.subject}) : tx.query(text, {org, q.after});
    }));
    std::vector<TrailEntry> out;
    out.reserve(found.size());
    for (const Row& row : found) out.push_back(read_trail_entry(org, row));
    return out;
  }

 private:
  std::unique_ptr<sql::Database> db_;
};

}  // namespace

std::unique_ptr<ComplianceStore> compliance_repository(std::unique_ptr<sql::Database> db) {
  return std::make_unique<ComplianceRepository>(std::move(db));
}

}  // namespace vigil::store
