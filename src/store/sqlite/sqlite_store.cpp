#include "store/sqlite/sqlite_store.h"

#include <chrono>

#include <fmt/format.h>

#include "core/text.h"
#include "store/append_entry.h"
#include "store/migrations.h"
#include "store/summary_row.h"

namespace vigil::store {

using incident::Event;
using incident::Incident;
using incident::Summary;

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path) {
  auto db = TRY(sqlite::Database::open(path));
  std::unique_ptr<SqliteStore> store(new SqliteStore(std::move(db)));
  TRY(store->migrate());
  return store;
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::open_for_reading(const std::string& path) {
  auto db = TRY(sqlite::Database::open(path));
  TRY(db.exec("PRAGMA query_only=1"));
  return std::unique_ptr<SqliteStore>(new SqliteStore(std::move(db)));
}

Result<void> SqliteStore::migrate() {
  auto tx = TRY(sqlite::WriteTransaction::begin(db_));
  TRY(db_.exec(kMigrationsTable));
  int current = TRY(schema_version());
  auto all = migrations();
  int latest = all.empty() ? 0 : all.back().version;
  if (current > latest) {
    return fail(ErrorCode::Conflict, db_.path(),
                fmt::format("the workspace schema is at version {}, newer than this vigil knows ({}); upgrade vigil",
                            current, latest));
  }
  if (current == latest) return {};  // nothing to write: the transaction rolls back
  auto applied_at = format_utc(std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()));
  for (const auto& m : all) {
    if (m.version <= current) continue;
    auto done = db_.exec(m.sql);
    if (!done) {
      return fail(ErrorCode::Io, db_.path(), fmt::format("migration {} ({}) failed: {}", m.version, m.name, done.error().message));
    }
    if (m.version == 3) TRY(repair_text());
    if (m.rederive_listing_rows) TRY(rederive_listing_rows());
    auto record = TRY(db_.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)"));
    TRY(record.bind(1, std::int64_t{m.version}).bind(2, m.name).bind(3, applied_at).run());
  }
  return tx.commit();
}

// Migration 3: bytes that are not UTF-8 in the compliance records' text
// become the visible escape \xNN (core/text.h excerpt's notation), so that
// every row can be read, listed and serialised again.
Result<void> SqliteStore::repair_text() {
  struct Table {
    std::string_view name;
    std::vector<std::string_view> columns;
  };
  const Table tables[] = {
      {"compliance_documents", {"name", "version", "approved_by", "updated_by"}},
      {"management_approvals", {"subject_name", "version", "approved_by", "note"}},
      {"gap_assessments", {"created_by"}},
  };
  for (const auto& table : tables) {
    for (auto column : table.columns) {
      auto q = TRY(db_.prepare(fmt::format("SELECT rowid, CAST({} AS BLOB) FROM {}", column, table.name)));
      std::vector<std::pair<std::int64_t, std::string>> repaired;
      while (TRY(q.step())) {
        std::string value = q.blob(1);
        if (is_utf8(value)) continue;
        std::string fixed;
        for (std::size_t i = 0; i < value.size();) {
          std::size_t good = utf8_prefix_length(std::string_view(value).substr(i));
          fixed.append(value, i, good);
          i += good;
          if (i < value.size()) fixed += fmt::format("\\x{:02X}", static_cast<unsigned char>(value[i++]));
        }
        repaired.emplace_back(q.integer(0), std::move(fixed));
      }
      for (const auto& [rowid, fixed] : repaired) {
        auto u = TRY(db_.prepare(fmt::format("UPDATE {} SET {} = $1 WHERE rowid = $2", table.name, column)));
        TRY(u.bind(1, fixed).bind(2, rowid).run());
      }
    }
  }
  return {};
}

// Every incident's row from its entries, under the rules of this vigil. A
// trail that does not replay keeps its row: audit verify names it.
Result<void> SqliteStore::rederive_listing_rows() {
  std::vector<std::pair<std::string, std::string>> ids;
  {
    auto q = TRY(db_.prepare("SELECT org_id, incident_id FROM incidents ORDER BY org_id, number"));
    while (TRY(q.step())) ids.emplace_back(q.text(0), q.text(1));
  }
  for (const auto& [org, id] : ids) {
    auto log = events(org, id);
    if (!log) continue;
    auto record = incident::replay(*log);
    if (!record) continue;
    auto summary = incident::summarise(*record);
    if (!summary) continue;
    TRY(write_row(org, *summary, false));
  }
  return {};
}

Result<int> SqliteStore::schema_version() {
  auto q = TRY(db_.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
  TRY(q.step());
  return static_cast<int>(q.integer(0));
}

Result<void> SqliteStore::ensure_organisation(std::string_view org, std::string_view name) {
  auto tx = TRY(sqlite::WriteTransaction::begin(db_));
  TRY(write_organisation(org, name));
  return tx.commit();
}

Result<void> SqliteStore::write_organisation(std::string_view org, std::string_view name) {
  auto q = TRY(db_.prepare("INSERT INTO organisations (org_id, name) VALUES ($1, $2) ON CONFLICT DO NOTHING"));
  return q.bind(1, org).bind(2, name).run();
}

Result<void> SqliteStore::require_organisation(std::string_view org) {
  auto q = TRY(db_.prepare("SELECT 1 FROM organisations WHERE org_id = $1"));
  if (!TRY(q.bind(1, org).step())) return fail(ErrorCode::NotFound, std::string(org), "no such organisation");
  return {};
}

Result<void> SqliteStore::write_row(std::string_view org, const Summary& s, bool insert) {
  std::optional<std::int64_t> next_due;
  if (s.next_due) next_due = s.next_due->time_since_epoch().count();
  auto significant = significance_column(s.significance);
  const std::string late = late_column(s.late);
  if (insert) {
    auto q = TRY(db_.prepare(
        "INSERT INTO incidents (org_id, incident_id, number, title, entity_type, awareness_at, status, significant, "
        "next_due_at, next_report, active, event_count, head_hash, significance_override, late_submissions, "
        "exercise_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)"));
    q.bind(1, org).bind(2, s.id).bind(3, s.number).bind(4, s.title).bind(5, s.entity_type)
        .bind(6, std::int64_t{s.awareness.time_since_epoch().count()}).bind(7, s.status);
    if (significant) q.bind(8, *significant); else q.bind(8, nullptr);
    q.bind(9, next_due).bind(10, s.next_report).bind(11, std::int64_t{s.active}).bind(12, s.event_count)
        .bind(13, s.head_hash).bind(14, std::int64_t{s.overridden}).bind(15, late);
    if (s.exercise.empty()) q.bind(16, nullptr); else q.bind(16, s.exercise);
    return q.run();
  }
  auto q = TRY(db_.prepare(
      "UPDATE incidents SET title = $3, entity_type = $4, awareness_at = $5, status = $6, significant = $7, "
      "next_due_at = $8, next_report = $9, active = $10, event_count = $11, head_hash = $12, "
      "significance_override = $13, late_submissions = $14 WHERE org_id = $1 AND incident_id = $2"));
  q.bind(1, org).bind(2, s.id).bind(3, s.title).bind(4, s.entity_type)
      .bind(5, std::int64_t{s.awareness.time_since_epoch().count()}).bind(6, s.status);
  if (significant) q.bind(7, *significant); else q.bind(7, nullptr);
  return q.bind(8, next_due).bind(9, s.next_report).bind(10, std::int64_t{s.active}).bind(11, s.event_count)
      .bind(12, s.head_hash).bind(13, std::int64_t{s.overridden}).bind(14, late).run();
}

Result<void> SqliteStore::save(std::string_view org, const Event& e, const Summary& s, bool insert) {
  TRY(write_row(org, s, insert));
  auto q = TRY(db_.prepare(
      "INSERT INTO incident_events (org_id, incident_id, seq, kind, actor, recorded_at, payload, prev_hash, hash) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"));
  return q.bind(1, org).bind(2, e.incident_id).bind(3, e.seq).bind(4, e.kind).bind(5, e.actor)
      .bind(6, format_utc(e.at)).bind(7, e.payload).bind(8, e.prev_hash).bind(9, e.hash).run();
}

Result<Incident> SqliteStore::open_incident(std::string_view org, const incident::EventDraft& opened) {
  auto tx = TRY(sqlite::WriteTransaction::begin(db_));
  auto record = TRY(write_opened(org, opened));
  TRY(tx.commit());
  return record;
}

Result<Incident> SqliteStore::write_opened(std::string_view org, const incident::EventDraft& opened) {
  TRY(require_organisation(org));
  auto q = TRY(db_.prepare("SELECT COALESCE(MAX(number), 0) FROM incidents WHERE org_id = $1"));
  TRY(q.bind(1, org).step());
  const std::int64_t number = std::max(q.integer(0), TRY(last_incident_number(org))) + 1;
  auto counted = TRY(db_.prepare("UPDATE organisations SET last_incident_number = $2 WHERE org_id = $1"));
  TRY(counted.bind(1, org).bind(2, number).step());
  std::string id = incident::incident_id(number);
  Event event = incident::seal(std::string(org), id, nullptr, opened);
  Incident record;
  TRY(incident::apply(record, event));
  Summary summary = TRY(incident::summarise(record));
  TRY(save(org, event, summary, true));
  return record;
}

Result<Incident> SqliteStore::append(std::string_view org, std::string_view incident_id, const NextEntry& next,
                                     const std::optional<Blob>& blob, std::optional<std::int64_t> expected_event_count) {
  auto tx = TRY(sqlite::WriteTransaction::begin(db_));
  auto snapshot = write_appended(org, incident_id, next, blob, expected_event_count);
  if (snapshot) {
    if (auto committed = tx.commit(); !committed) snapshot = tl::unexpected(committed.error());
  }
  if (!snapshot) {
    transaction_rolled_back();  // `tx` rolls back as it goes, if commit() did not
    return tl::unexpected(snapshot.error());
  }
  transaction_committed();
  return snapshot->record();
}

Result<incident::ChainHead> SqliteStore::row_head(std::string_view org, std::string_view incident_id) {
  auto q = TRY(db_.prepare("SELECT event_count, head_hash FROM incidents WHERE org_id = $1 AND incident_id = $2"));
  if (!TRY(q.bind(1, org).bind(2, incident_id).step())) {
    return fail(ErrorCode::NotFound, std::string(incident_id), "no such incident in this organisation (closed incidents are listed with all of them)");
  }
  return incident::ChainHead{q.integer(0), q.text(1)};
}

Result<RecordSnapshot> SqliteStore::write_appended(std::string_view org, std::string_view incident_id,
                                                   const NextEntry& next, const std::optional<Blob>& blob,
                                                   std::optional<std::int64_t> expected_event_count) {
  // The row is written in the same transaction as every entry, so its head
  // is the log's: the kept record is used only if it was folded to it.
  auto head = TRY(row_head(org, incident_id));
  auto prepared = TRY(prepare_append(
      folded_, org, incident_id, head, [&] { return events(org, incident_id); }, next, expected_event_count));
  if (blob) {
    auto q = TRY(db_.prepare(
        "INSERT INTO evidence_blobs (org_id, sha256, size, content) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING"));
    TRY(q.bind(1, org).bind(2, blob->sha256).bind(3, static_cast<std::int64_t>(blob->content.size()))
            .bind_blob(4, blob->content).run());
  }
  TRY(save(org, prepared.event, prepared.summary, false));
  RecordSnapshot snapshot = prepared.folded.snapshot();
  folded_in_transaction_.emplace_back(org, incident_id);  // first: a rollback must find it
  folded_.keep(org, incident_id, std::move(prepared.folded));
  return snapshot;
}

void SqliteStore::transaction_committed() { folded_in_transaction_.clear(); }

void SqliteStore::transaction_rolled_back() {
  for (const auto& [org, incident_id] : folded_in_transaction_) folded_.forget(org, incident_id);
  folded_in_transaction_.clear();
}

Result<std::vector<Event>> SqliteStore::events(std::string_view org, std::string_view incident_id) {
  auto q = TRY(db_.prepare(
      "SELECT seq, kind, actor, recorded_at, payload, prev_hash, hash FROM incident_events "
      "WHERE org_id = $1 AND incident_id = $2 ORDER BY seq"));
  q.bind(1, org).bind(2, incident_id);
  std::vector<Event> out;
  while (TRY(q.step())) {
    Event e;
    e.org = std::string(org);
    e.incident_id = std::string(incident_id);
    e.seq = q.integer(0);
    e.kind = q.text(1);
    e.actor = q.text(2);
    auto at = parse_rfc3339(q.text(3), "recorded_at");
    if (!at) return tl::unexpected(damaged_trail(incident_id, at.error()));
    e.at = *at;
    e.payload = q.text(4);
    e.prev_hash = q.text(5);
    e.hash = q.text(6);
    out.push_back(std::move(e));
  }
  if (out.empty()) {
    return fail(ErrorCode::NotFound, std::string(incident_id), "no such incident in this organisation (closed incidents are listed with all of them)");
  }
  return out;
}

Result<Incident> SqliteStore::load_incident(std::string_view org, std::string_view incident_id) {
  auto log = TRY(events(org, incident_id));
  auto record = incident::replay(log);
  if (!record) return tl::unexpected(damaged_trail(incident_id, record.error()));
  return record;
}

Result<std::vector<Summary>> SqliteStore::list_incidents(std::string_view org, const ListOptions& options) {
  std::vector<Summary> out;
  std::int64_t limit = options.limit.value_or(-1);
  auto read_all = [&](std::string_view sql) -> Result<void> {
    auto q = TRY(db_.prepare(sql));
    q.bind(1, org).bind(2, limit);
    while (TRY(q.step())) out.push_back(read_summary(q));
    return {};
  };
  if (options.include_inactive) {
    TRY(read_all(fmt::format("SELECT {} FROM incidents WHERE org_id = $1{} ORDER BY number LIMIT $2", kSummaryColumns,
                             exercise_condition(options.exercises))));
    return out;
  }
  // Two index range scans (incidents_active_by_due) instead of a sort: the ones
  // with a due time first, in due order, then those without one.
  TRY(read_all(fmt::format("SELECT {} FROM incidents WHERE org_id = $1{} AND active = 1 AND next_due_at IS NOT NULL "
                           "ORDER BY next_due_at, number LIMIT $2",
                           kSummaryColumns, exercise_condition(options.exercises))));
  if (options.limit) limit = std::max<std::int64_t>(0, *options.limit - static_cast<std::int64_t>(out.size()));
  TRY(read_all(fmt::format("SELECT {} FROM incidents WHERE org_id = $1{} AND active = 1 AND next_due_at IS NULL "
                           "ORDER BY number LIMIT $2",
                           kSummaryColumns, exercise_condition(options.exercises))));
  return out;
}

Result<std::int64_t> SqliteStore::last_incident_number(std::string_view org) {
  auto q = TRY(db_.prepare("SELECT last_incident_number FROM organisations WHERE org_id = $1"));
  if (!TRY(q.bind(1, org).step())) return 0;
  return q.integer(0);
}

Result<std::vector<std::string>> SqliteStore::logged_incident_ids(std::string_view org) {
  auto q = TRY(db_.prepare("SELECT DISTINCT incident_id FROM incident_events WHERE org_id = $1"));
  q.bind(1, org);
  std::vector<std::pair<std::int64_t, std::string>> ids;
  while (TRY(q.step())) {
    std::string id = q.text(0);
    auto number = incident::parse_incident_id(id, "incident_id");
    ids.emplace_back(number ? *number : 0, id);
  }
  std::sort(ids.begin(), ids.end());
  std::vector<std::string> out;
  for (auto& [n, id] : ids) out.push_back(std::move(id));
  return out;
}

Result<std::string> SqliteStore::evidence_content(std::string_view org, std::string_view sha256) {
  auto q = TRY(db_.prepare("SELECT content FROM evidence_blobs WHERE org_id = $1 AND sha256 = $2"));
  if (!TRY(q.bind(1, org).bind(2, sha256).step())) {
    return fail(ErrorCode::NotFound, std::string(sha256), "no evidence with this SHA-256");
  }
  return q.blob(0);
}

Result<std::vector<std::string>> SqliteStore::evidence_hashes(std::string_view org) {
  auto q = TRY(db_.prepare("SELECT sha256 FROM evidence_blobs WHERE org_id = $1 ORDER BY sha256"));
  q.bind(1, org);
  std::vector<std::string> out;
  while (TRY(q.step())) out.push_back(q.text(0));
  return out;
}

}  // namespace vigil::store
