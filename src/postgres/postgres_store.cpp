#include "postgres/postgres_store.h"

#include <algorithm>
#include <chrono>

#include <fmt/format.h>

#include "postgres/database.h"
#include "postgres/schema.h"
#include "store/append_entry.h"
#include "store/folded_incidents.h"
#include "store/summary_row.h"

namespace vigil::store {

using incident::Event;
using incident::Incident;
using incident::Summary;
using postgres::Param;
using postgres::Row;
using postgres::Transaction;

namespace {

Result<void> no_such_incident(std::string_view incident_id) {
  return fail(ErrorCode::NotFound, std::string(incident_id), "no such incident in this organisation (closed incidents are listed with all of them)");
}

// The entries of one incident, oldest first (NotFound when there are none).
Result<std::vector<Event>> read_events(Transaction& tx, std::string_view org, std::string_view incident_id) {
  auto rows = TRY(tx.query("SELECT seq, kind, actor, recorded_at, payload, prev_hash, hash FROM incident_events "
                           "WHERE org_id = $1 AND incident_id = $2 ORDER BY seq",
                           {org, incident_id}));
  if (rows.empty()) {
    TRY(no_such_incident(incident_id));
  }
  std::vector<Event> out;
  out.reserve(rows.size());
  for (const Row& row : rows) {
    Event e;
    e.org = std::string(org);
    e.incident_id = std::string(incident_id);
    e.seq = row.integer(0);
    e.kind = row.text(1);
    e.actor = row.text(2);
    auto at = parse_rfc3339(row.text(3), "recorded_at");
    if (!at) return tl::unexpected(damaged_trail(incident_id, at.error()));
    e.at = *at;
    e.payload = row.text(4);
    e.prev_hash = row.text(5);
    e.hash = row.text(6);
    out.push_back(std::move(e));
  }
  return out;
}

// Writes an incident's listing row (inserted for a new incident).
Result<void> write_row(Transaction& tx, std::string_view org, const Summary& s, bool insert) {
  std::optional<std::int64_t> next_due;
  if (s.next_due) next_due = s.next_due->time_since_epoch().count();
  auto column = significance_column(s.significance);
  Param significant = column ? Param(*column) : Param(nullptr);
  const std::int64_t awareness = s.awareness.time_since_epoch().count();
  const std::int64_t active = s.active ? 1 : 0;
  const std::int64_t overridden = s.overridden ? 1 : 0;
  const std::string late = late_column(s.late);
  if (insert) {
    TRY(tx.query("INSERT INTO incidents (org_id, incident_id, number, title, entity_type, awareness_at, status, "
                 "significant, next_due_at, next_report, active, event_count, head_hash, significance_override, "
                 "late_submissions, exercise_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
                 {org, s.id, s.number, s.title, s.entity_type, awareness, s.status, significant, next_due,
                  s.next_report, active, s.event_count, s.head_hash, overridden, late,
                  s.exercise.empty() ? Param(nullptr) : Param(s.exercise)}));
  } else {
    TRY(tx.query("UPDATE incidents SET title = $3, entity_type = $4, awareness_at = $5, status = $6, "
                 "significant = $7, next_due_at = $8, next_report = $9, active = $10, event_count = $11, "
                 "head_hash = $12, significance_override = $13, late_submissions = $14 "
                 "WHERE org_id = $1 AND incident_id = $2",
                 {org, s.id, s.title, s.entity_type, awareness, s.status, significant, next_due, s.next_report,
                  active, s.event_count, s.head_hash, overridden, late}));
  }
  return {};
}

// Writes the entry and the listing row beside it (inserted for a new incident).
Result<void> save(Transaction& tx, std::string_view org, const Event& e, const Summary& s, bool insert) {
  TRY(write_row(tx, org, s, insert));
  TRY(tx.query("INSERT INTO incident_events (org_id, incident_id, seq, kind, actor, recorded_at, payload, "
               "prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
               {org, e.incident_id, e.seq, e.kind, e.actor, format_utc(e.at), e.payload, e.prev_hash, e.hash}));
  return {};
}

}  // namespace

// Every incident's row from its entries, under the rules of this vigil (a
// migration step, store/migrations.h). A trail that does not replay keeps its
// row: audit verify names it.
Result<void> postgres::rederive_listing_rows(Transaction& tx) {
  auto ids = TRY(tx.query("SELECT org_id, incident_id FROM incidents ORDER BY org_id, number"));
  for (const Row& row : ids) {
    const std::string org = row.text(0), id = row.text(1);
    auto log = read_events(tx, org, id);
    if (!log) continue;
    auto record = incident::replay(*log);
    if (!record) continue;
    auto summary = incident::summarise(*record);
    if (!summary) continue;
    TRY(write_row(tx, org, *summary, false));
  }
  return {};
}

namespace {

class PostgresStore final : public Store {
 public:
  explicit PostgresStore(std::unique_ptr<postgres::Database> db) : db_(std::move(db)) {}

  Result<void> ensure_organisation(std::string_view org, std::string_view name) override {
    return db_->transact([&](Transaction& tx) -> Result<void> {
      TRY(tx.query("INSERT INTO organisations (org_id, name) VALUES ($1, $2) ON CONFLICT DO NOTHING", {org, name}));
      return {};
    });
  }

  Result<Incident> open_incident(std::string_view org, const incident::EventDraft& opened) override {
    return db_->transact([&](Transaction& tx) -> Result<Incident> {
      // Locking the organisation's row serialises the numbering: two servers
      // opening incidents at once get INC-n and INC-n+1, not a duplicate key.
      auto found = TRY(tx.query("SELECT 1 FROM organisations WHERE org_id = $1 FOR NO KEY UPDATE", {org}));
      if (found.empty()) return fail(ErrorCode::NotFound, std::string(org), "no such organisation");
      auto highest = TRY(tx.query("SELECT COALESCE(MAX(number), 0) FROM incidents WHERE org_id = $1", {org}));
      auto given = TRY(tx.query("SELECT last_incident_number FROM organisations WHERE org_id = $1", {org}));
      const std::int64_t number = std::max(highest.at(0).integer(0), given.at(0).integer(0)) + 1;
      TRY(tx.query("UPDATE organisations SET last_incident_number = $2 WHERE org_id = $1", {org, number}));
      std::string id = incident::incident_id(number);
      Event event = incident::seal(std::string(org), id, nullptr, opened);
      Incident record;
      TRY(incident::apply(record, event));
      Summary summary = TRY(incident::summarise(record));
      TRY(save(tx, org, event, summary, true));
      return record;
    });
  }

  Result<Incident> append(std::string_view org, std::string_view incident_id, const NextEntry& next,
                          const std::optional<Blob>& blob, std::optional<std::int64_t> expected_event_count) override {
    bool kept_changed = false;
    auto snapshot = db_->transact([&](Transaction& tx) -> Result<RecordSnapshot> {
      // The incident's row is the chain's lock: a second writer waits here until
      // the first commits, then reads the row with the first's head in it and
      // chains onto that (READ COMMITTED takes a fresh snapshot per statement).
      auto locked = TRY(tx.query("SELECT event_count, head_hash FROM incidents WHERE org_id = $1 AND incident_id = $2 "
                                 "FOR NO KEY UPDATE",
                                 {org, incident_id}));
      if (locked.empty()) TRY(no_such_incident(incident_id));
      const incident::ChainHead head{locked[0].integer(0), locked[0].text(1)};
      auto prepared = TRY(prepare_append(
          folded_, org, incident_id, head, [&] { return read_events(tx, org, incident_id); }, next,
          expected_event_count));
      if (blob) {
        TRY(tx.query("INSERT INTO evidence_blobs (org_id, sha256, size, content) VALUES ($1, $2, $3, $4) "
                     "ON CONFLICT DO NOTHING",
                     {org, blob->sha256, static_cast<std::int64_t>(blob->content.size()), Param::bytes(blob->content)}));
      }
      TRY(save(tx, org, prepared.event, prepared.summary, false));
      // Kept before the commit, while the row is still locked, so the next
      // writer of this incident finds it; dropped below if the commit fails.
      RecordSnapshot written = prepared.folded.snapshot();
      kept_changed = true;
      folded_.keep(org, incident_id, std::move(prepared.folded));
      return written;
    });
    if (!snapshot) {
      if (kept_changed) folded_.forget(org, incident_id);
      return tl::unexpected(snapshot.error());
    }
    return snapshot->record();
  }

  Result<Incident> load_incident(std::string_view org, std::string_view incident_id) override {
    auto log = TRY(events(org, incident_id));
    auto record = incident::replay(log);
    if (!record) return tl::unexpected(damaged_trail(incident_id, record.error()));
    return record;
  }

  Result<std::vector<Event>> events(std::string_view org, std::string_view incident_id) override {
    return db_->transact([&](Transaction& tx) { return read_events(tx, org, incident_id); });
  }

  Result<std::vector<Summary>> list_incidents(std::string_view org, const ListOptions& options) override {
    return db_->transact([&](Transaction& tx) -> Result<std::vector<Summary>> {
      std::vector<Summary> out;
      // LIMIT NULL is no limit.
      auto read_all = [&](std::string_view sql, std::optional<std::int64_t> limit) -> Result<void> {
        auto rows = TRY(tx.query(sql, {org, limit}));
        for (const Row& row : rows) out.push_back(read_summary(row));
        return {};
      };
      if (options.include_inactive) {
        TRY(read_all(fmt::format("SELECT {} FROM incidents WHERE org_id = $1{} ORDER BY number LIMIT $2",
                                 kSummaryColumns, exercise_condition(options.exercises)),
                     options.limit));
        return out;
      }
      // As on SQLite: those with a due time first, in due order, then those without one.
      TRY(read_all(fmt::format("SELECT {} FROM incidents WHERE org_id = $1{} AND active = 1 AND next_due_at IS NOT NULL "
                               "ORDER BY next_due_at, number LIMIT $2",
                               kSummaryColumns, exercise_condition(options.exercises)),
                   options.limit));
      std::optional<std::int64_t> rest = options.limit;
      if (rest) rest = std::max<std::int64_t>(0, *rest - static_cast<std::int64_t>(out.size()));
      TRY(read_all(fmt::format("SELECT {} FROM incidents WHERE org_id = $1{} AND active = 1 AND next_due_at IS NULL "
                               "ORDER BY number LIMIT $2",
                               kSummaryColumns, exercise_condition(options.exercises)),
                   rest));
      return out;
    });
  }

  Result<std::int64_t> last_incident_number(std::string_view org) override {
    auto rows = TRY(db_->transact([&](Transaction& tx) {
      return tx.query("SELECT last_incident_number FROM organisations WHERE org_id = $1", {org});
    }));
    return rows.empty() ? std::int64_t{0} : rows[0].integer(0);
  }

  Result<std::vector<std::string>> logged_incident_ids(std::string_view org) override {
    auto rows = TRY(db_->transact([&](Transaction& tx) {
      return tx.query("SELECT DISTINCT incident_id FROM incident_events WHERE org_id = $1", {org});
    }));
    std::vector<std::pair<std::int64_t, std::string>> ids;
    for (const Row& row : rows) {
      std::string id = row.text(0);
      auto number = incident::parse_incident_id(id, "incident_id");
      ids.emplace_back(number ? *number : 0, id);
    }
    std::sort(ids.begin(), ids.end());
    std::vector<std::string> out;
    for (auto& [n, id] : ids) out.push_back(std::move(id));
    return out;
  }

  Result<std::string> evidence_content(std::string_view org, std::string_view sha256) override {
    auto rows = TRY(db_->transact([&](Transaction& tx) {
      return tx.query("SELECT content FROM evidence_blobs WHERE org_id = $1 AND sha256 = $2", {org, sha256});
    }));
    if (rows.empty()) return fail(ErrorCode::NotFound, std::string(sha256), "no evidence with this SHA-256");
    return rows[0].text(0);
  }

  Result<std::vector<std::string>> evidence_hashes(std::string_view org) override {
    auto rows = TRY(db_->transact([&](Transaction& tx) {
      return tx.query("SELECT sha256 FROM evidence_blobs WHERE org_id = $1 ORDER BY sha256", {org});
    }));
    std::vector<std::string> out;
    for (const Row& row : rows) out.push_back(row.text(0));
    return out;
  }

 private:
  std::unique_ptr<postgres::Database> db_;
  FoldedIncidents folded_;
};

}  // namespace

Result<std::unique_ptr<Store>> open_postgres_store(const std::string& url) {
  auto db = TRY(postgres::Database::open(url));
  TRY(postgres::migrate(*db, postgres::Tables::Workspace));
  return std::unique_ptr<Store>(std::make_unique<PostgresStore>(std::move(db)));
}

}  // namespace vigil::store
