// The ComplianceStore on the SQLite workspace file: its own connection (the
// incident store keeps its own), serialised by a mutex; writes are BEGIN
// IMMEDIATE transactions, so a new assessment or approval number is taken and
// used inside one write and two writers can never take the same one.
#include <mutex>

#include "store/compliance_rows.h"
#include "store/compliance_store.h"
#include "store/sqlite/database.h"
#include "store/sqlite/sqlite_store.h"

namespace vigil::store {

namespace rows = compliance_rows;
using sqlite::Statement;

namespace {

Statement& bind_optional(Statement& q, int n, const std::optional<std::string>& text) {
  return text ? q.bind(n, *text) : q.bind(n, nullptr);
}

std::optional<std::string> date_or_null(const std::optional<Date>& date) {
  if (!date) return std::nullopt;
  return format_date(*date);
}

class SqliteCompliance final : public ComplianceStore {
 public:
  explicit SqliteCompliance(sqlite::Database db) : db_(std::move(db)) {}

  Result<GapAssessmentSummary> add_assessment(std::string_view org, const NewGapAssessment& a) override {
    std::lock_guard lock(mutex_);
    auto tx = TRY(sqlite::WriteTransaction::begin(db_));
    TRY(require_organisation(org));
    const std::int64_t id = TRY(next_number("gap_assessments", "assessment_id", org));
    auto q = TRY(db_.prepare(
        "INSERT INTO gap_assessments (org_id, assessment_id, as_of, created_at, created_by, score_overall, "
        "score_risk_management, score_reporting, soa_input, documents_input, entity_input, result_json, report_html) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"));
    q.bind(1, org).bind(2, id).bind(3, format_date(a.as_of)).bind(4, format_utc(a.created_at)).bind(5, a.created_by);
    q.bind(6, std::int64_t{a.scores.overall}).bind(7, std::int64_t{a.scores.risk_management});
    q.bind(8, std::int64_t{a.scores.reporting}).bind(9, a.soa).bind(10, a.documents);
    bind_optional(q, 11, a.entity).bind(12, a.result).bind(13, a.report_html);
    TRY(q.run());
    TRY(tx.commit());
    return GapAssessmentSummary{id, a.as_of, a.created_at, a.created_by, a.scores};
  }

  Result<std::vector<GapAssessmentSummary>> assessments(std::string_view org,
                                                        std::optional<std::int64_t> limit) override {
    std::lock_guard lock(mutex_);
    auto q = TRY(db_.prepare(fmt::format("SELECT {} FROM gap_assessments WHERE org_id = $1 "
                                         "ORDER BY assessment_id DESC LIMIT $2",
                                         rows::kSummaryColumns)));
    q.bind(1, org).bind(2, limit.value_or(-1));  // SQLite: a negative LIMIT is no limit
    std::vector<GapAssessmentSummary> out;
    while (TRY(q.step())) out.push_back(TRY(rows::read_summary(q)));
    return out;
  }

  Result<GapAssessment> assessment(std::string_view org, std::int64_t id) override {
    std::lock_guard lock(mutex_);
    auto q = TRY(db_.prepare(fmt::format("SELECT {}, soa_input, documents_input, entity_input, result_json, "
                                         "report_html FROM gap_assessments WHERE org_id = $1 AND assessment_id = $2",
                                         rows::kSummaryColumns)));
    q.bind(1, org).bind(2, id);
    if (!TRY(q.step())) {
      return fail(ErrorCode::NotFound, "gap assessment", "no gap assessment " + std::to_string(id));
    }
    GapAssessment out;
    out.summary = TRY(rows::read_summary(q));
    out.soa = q.text(7);
    out.documents = q.text(8);
    if (!q.is_null(9)) out.entity = q.text(9);
    out.result = q.text(10);
    out.report_html = q.text(11);
    return out;
  }

  Result<std::vector<DocumentRecord>> documents(std::string_view org) override {
    std::lock_guard lock(mutex_);
    auto q = TRY(db_.prepare(fmt::format("SELECT {} FROM compliance_documents WHERE org_id = $1 ORDER BY name_key",
                                         rows::kDocumentColumns)));
    q.bind(1, org);
    std::vector<DocumentRecord> out;
    while (TRY(q.step())) out.push_back(TRY(rows::read_document(q)));
    return out;
  }

  Result<DocumentRecord> document(std::string_view org, std::string_view name) override {
    std::lock_guard lock(mutex_);
    auto row = TRY(find_document(org, document_key(name)));
    if (!row) return tl::unexpected(rows::no_such_document(name));
    return *row;
  }

  Result<DocumentRecord> write_document(std::string_view org, std::string_view name, const DocumentChange& change,
                                        std::string_view updated_by, Instant updated_at,
                                        const std::optional<std::string>& content) override {
    std::lock_guard lock(mutex_);
    auto tx = TRY(sqlite::WriteTransaction::begin(db_));
    TRY(require_organisation(org));
    const std::string key = document_key(name);
    auto current = TRY(find_document(org, key));
    DocumentRecord row = TRY(change(current));
    TRY(rows::check_same_document(key, row));
    row.revision = current ? current->revision + 1 : 1;
    row.updated_at = updated_at;
    row.updated_by = std::string(updated_by);
    TRY(save_document(org, key, row));
    if (content) TRY(save_content(org, row.content_sha256, *content));
    TRY(tx.commit());
    return row;
  }

  Result<std::string> document_content(std::string_view org, std::string_view sha256) override {
    std::lock_guard lock(mutex_);
    auto q = TRY(db_.prepare("SELECT content FROM document_contents WHERE org_id = $1 AND sha256 = $2"));
    q.bind(1, org).bind(2, sha256);
    if (!TRY(q.step())) return fail(ErrorCode::NotFound, "sha256", "no document content with this SHA-256");
    return q.blob(0);
  }

  Result<Approval> approve(std::string_view org, const NewApproval& a) override {
    std::lock_guard lock(mutex_);
    auto tx = TRY(sqlite::WriteTransaction::begin(db_));
    TRY(require_organisation(org));
    if (a.subject_kind == ApprovalSubject::Document) {
      const std::string key = document_key(a.subject_name);
      auto current = TRY(find_document(org, key));
      DocumentRecord row = TRY(approve_document(current, a));
      row.revision = current ? current->revision + 1 : 1;
      row.updated_at = a.approved_at;
      row.updated_by = a.approved_by;
      TRY(save_document(org, key, row));
    }
    const std::int64_t id = TRY(next_number("management_approvals", "approval_id", org));
    auto q = TRY(db_.prepare("INSERT INTO management_approvals (org_id, approval_id, subject_kind, subject_name, "
                             "version, sha256, approved_by, approved_at, note) "
                             "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"));
    q.bind(1, org).bind(2, id).bind(3, to_string(a.subject_kind)).bind(4, a.subject_name).bind(5, a.version);
    q.bind(6, a.sha256).bind(7, a.approved_by).bind(8, format_utc(a.approved_at)).bind(9, a.note);
    TRY(q.run());
    TRY(tx.commit());
    return Approval{id, a.subject_kind, a.subject_name, a.version, a.sha256, a.approved_by, a.approved_at, a.note};
  }

  Result<std::vector<Approval>> approvals(std::string_view org, std::optional<std::int64_t> limit) override {
    std::lock_guard lock(mutex_);
    auto q = TRY(db_.prepare(fmt::format("SELECT {} FROM management_approvals WHERE org_id = $1 "
                                         "ORDER BY approval_id DESC LIMIT $2",
                                         rows::kApprovalColumns)));
    q.bind(1, org).bind(2, limit.value_or(-1));
    std::vector<Approval> out;
    while (TRY(q.step())) out.push_back(TRY(rows::read_approval(q)));
    return out;
  }

  Result<ComplianceCounts> counts(std::string_view org) override {
    std::lock_guard lock(mutex_);
    auto q = TRY(db_.prepare(
        "SELECT (SELECT COUNT(*) FROM compliance_documents WHERE org_id = $1 AND status = 'missing'), "
        "(SELECT COUNT(*) FROM compliance_documents WHERE org_id = $1 AND status = 'draft'), "
        "(SELECT COUNT(*) FROM compliance_documents WHERE org_id = $1 AND status = 'approved'), "
        "(SELECT COUNT(*) FROM management_approvals WHERE org_id = $1), "
        "(SELECT COUNT(*) FROM gap_assessments WHERE org_id = $1)"));
    q.bind(1, org);
    TRY(q.step());
    return ComplianceCounts{q.integer(0), q.integer(1), q.integer(2), q.integer(3), q.integer(4)};
  }

 private:
  Result<void> require_organisation(std::string_view org) {
    auto q = TRY(db_.prepare("SELECT 1 FROM organisations WHERE org_id = $1"));
    q.bind(1, org);
    if (!TRY(q.step())) return fail(ErrorCode::NotFound, "organisation " + std::string(org), "no such organisation");
    return {};
  }

  // The next number of a per-organisation sequence; call inside the write transaction.
  Result<std::int64_t> next_number(std::string_view table, std::string_view column, std::string_view org) {
    auto q = TRY(db_.prepare(fmt::format("SELECT COALESCE(MAX({}), 0) + 1 FROM {} WHERE org_id = $1", column, table)));
    q.bind(1, org);
    TRY(q.step());
    return q.integer(0);
  }

  Result<std::optional<DocumentRecord>> find_document(std::string_view org, const std::string& key) {
    auto q = TRY(db_.prepare(fmt::format("SELECT {} FROM compliance_documents WHERE org_id = $1 AND name_key = $2",
                                         rows::kDocumentColumns)));
    q.bind(1, org).bind(2, key);
    if (!TRY(q.step())) return std::optional<DocumentRecord>{};
    return std::optional<DocumentRecord>{TRY(rows::read_document(q))};
  }

  Result<void> save_document(std::string_view org, const std::string& key, const DocumentRecord& d) {
    auto q = TRY(db_.prepare(
        "INSERT INTO compliance_documents (org_id, name_key, name, status, version, approved_by, approved_on, "
        "next_review, approved_sha256, content_sha256, content_size, revision, updated_at, updated_by) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) "
        "ON CONFLICT (org_id, name_key) DO UPDATE SET name = excluded.name, status = excluded.status, "
        "version = excluded.version, approved_by = excluded.approved_by, approved_on = excluded.approved_on, "
        "next_review = excluded.next_review, approved_sha256 = excluded.approved_sha256, "
        "content_sha256 = excluded.content_sha256, content_size = excluded.content_size, "
        "revision = excluded.revision, updated_at = excluded.updated_at, updated_by = excluded.updated_by"));
    q.bind(1, org).bind(2, key).bind(3, d.name).bind(4, assess::to_string(d.status)).bind(5, d.version);
    q.bind(6, d.approved_by);
    bind_optional(q, 7, date_or_null(d.approved_on));
    bind_optional(q, 8, date_or_null(d.next_review));
    q.bind(9, d.approved_sha256).bind(10, d.content_sha256).bind(11, d.content_size).bind(12, d.revision);
    q.bind(13, format_utc(d.updated_at)).bind(14, d.updated_by);
    return q.run();
  }

  Result<void> save_content(std::string_view org, const std::string& sha256, const std::string& content) {
    auto q = TRY(db_.prepare("INSERT INTO document_contents (org_id, sha256, size, content) VALUES ($1, $2, $3, $4) "
                             "ON CONFLICT (org_id, sha256) DO NOTHING"));
    q.bind(1, org).bind(2, sha256).bind(3, static_cast<std::int64_t>(content.size())).bind_blob(4, content);
    return q.run();
  }

  sqlite::Database db_;
  std::mutex mutex_;
};

}  // namespace

Result<std::unique_ptr<ComplianceStore>> open_sqlite_compliance(const std::string& path) {
  // The workspace migrations create the compliance tables (version 2).
  TRY(SqliteStore::open(path));
  auto db = TRY(sqlite::Database::open(path));
  return std::unique_ptr<ComplianceStore>(std::make_unique<SqliteCompliance>(std::move(db)));
}

}  // namespace vigil::store
