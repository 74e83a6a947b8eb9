#include "store/incident_repository.h"

#include <algorithm>
#include <chrono>
#include <functional>

#include <fmt/format.h>

#include "store/append_entry.h"
#include "store/chain_seals.h"
#include "store/summary_row.h"
#include "store/workspace_trail.h"
#include "tzdata/zones.h"

namespace vigil::store {

using incident::Event;
using incident::Incident;
using incident::Summary;
using sql::Access;
using sql::Param;
using sql::Row;
using sql::Transaction;

namespace {

Error no_such_incident(std::string_view incident_id) {
  return Error{ErrorCode::NotFound,
               std::string(incident_id),
               "no such incident in this organisation (closed incidents are listed with all of them)",
               {}};
}

// The entries of one incident, oldest first (NotFound when there are none).
Result<std::vector<Event>> read_events(Transaction& tx, std::string_view org, std::string_view incident_id) {
  auto rows =
      TRY(tx.query("SELECT seq, kind, actor, recorded_at, payload, prev_hash, hash FROM incident_events "
                   "WHERE org_id = $1 AND incident_id = $2 ORDER BY seq",
                   {org, incident_id}));
  if (rows.empty()) return tl::unexpected(no_such_incident(incident_id));
  std::vector<Event> out;
  out.reserve(rows.size());
  for (const Row& row : rows) {
    Event e;
    e.org = std::string(org);
    e.incident_id = std::string(incident_id);
    e.seq = row.integer(0);
    e.kind = row.text(1);
    e.actor = row.text(2);
    e.at = TRY(row.instant(3, "recorded_at").map_error(std::bind_front(damaged_trail, incident_id)));
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
    TRY(tx.query(
        "INSERT INTO incidents (org_id, incident_id, number, title, entity_type, awareness_at, status, "
        "significant, next_due_at, next_report, active, event_count, head_hash, significance_override, "
        "late_submissions, exercise_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, "
        "$15, $16)",
        {org, s.id, s.number, s.title, s.entity_type, awareness, s.status, significant, next_due, s.next_report, active,
         s.event_count, s.head_hash, overridden, late, s.exercise.empty() ? Param(nullptr) : Param(s.exercise)}));
  } else {
    TRY(
        tx.query("UPDATE incidents SET title = $3, entity_type = $4, awareness_at = $5, status = $6, "
                 "significant = $7, next_due_at = $8, next_report = $9, active = $10, event_count = $11, "
                 "head_hash = $12, significance_override = $13, late_submissions = $14 "
                 "WHERE org_id = $1 AND incident_id = $2",
                 {org, s.id, s.title, s.entity_type, awareness, s.status, significant, next_due, s.next_report, active,
                  s.event_count, s.head_hash, overridden, late}));
  }
  return {};
}

// Writes the entry and the listing row beside it (inserted for a new incident).
Result<void> save(Transaction& tx, std::string_view org, const Event& e, const Summary& s, bool insert) {
  TRY(write_row(tx, org, s, insert));
  TRY(
      tx.query("INSERT INTO incident_events (org_id, incident_id, seq, kind, actor, recorded_at, payload, "
               "prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
               {org, e.incident_id, e.seq, e.kind, e.actor, format_utc(e.at), e.payload, e.prev_hash, e.hash}));
  return {};
}

// The chains a write seals (store/chain_seals.h): the incident's log, read
// back at commit; and the organisation's numbering, whose head is the last
// number given out, so that removing the newest incidents and lowering the
// counter with them shows.
Result<std::optional<ChainHeadAt>> incident_head(Transaction& tx, const ChainId& chain) {
  return last_row_head(tx, chain, "incident_events", "incident_id");
}

Result<std::optional<ChainHeadAt>> numbering_head(Transaction& tx, const ChainId& chain) {
  auto rows = TRY(tx.query("SELECT last_incident_number FROM organisations WHERE org_id = $1", {chain.org}));
  if (rows.empty() || rows[0].integer(0) == 0) return std::optional<ChainHeadAt>();
  return std::optional<ChainHeadAt>(ChainHeadAt{chain, rows[0].integer(0), ""});
}

void touch_incident(Transaction& tx, std::string_view org, std::string_view incident_id) {
  touch_chain(tx, ChainId{std::string(org), std::string(kIncidentChain), std::string(incident_id)}, incident_head);
}

// The first column of every row, as text.
std::vector<std::string> first_column(const sql::Rows& rows) {
  std::vector<std::string> out;
  out.reserve(rows.size());
  for (const Row& row : rows) out.push_back(row.text(0));
  return out;
}

}  // namespace

ChainId numbering_chain(std::string_view org) {
  return ChainId{std::string(org), std::string(kNumberingChain), "incidents"};
}

Result<void> rederive_listing_rows(Transaction& tx) {
  auto ids = TRY(tx.query("SELECT org_id, incident_id FROM incidents ORDER BY org_id, number"));
  for (const Row& row : ids) {
    const std::string org = row.text(0), id = row.text(1);
    auto log = read_events(tx, org, id);
    if (!log) continue;
    auto record = incident::replay(*log, tzdata::zones());
    if (!record) continue;
    auto summary = incident::summarise(*record, tzdata::zones());
    if (!summary) continue;
    TRY(write_row(tx, org, *summary, false));
  }
  return {};
}

// --- writes ----------------------------------------------------------------------

// A new organisation is on the workspace's chain of organisations
// (store/workspace_trail.h) as added by "vigil": this is how the incident
// store is given one (tests, the demo), not an operator's `org add`.
Result<void> IncidentRepository::write_organisation(Transaction& tx, std::string_view org, std::string_view name) {
  // Under the chain's lock (PostgreSQL), so that two writers adding the same one add it once.
  if (!tx.dialect().lock_table_for_new_id.empty()) {
    TRY(tx.query(fmt::format(fmt::runtime(tx.dialect().lock_table_for_new_id), "workspace_trail")));
  }
  auto existing = TRY(tx.query("SELECT org_id FROM organisations WHERE org_id = $1", {org}));
  if (!existing.empty()) return {};
  TRY(tx.query("INSERT INTO organisations (org_id, name) VALUES ($1, $2)", {org, name}));
  const auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  return record_organisation(tx, org, name, "vigil", now);
}

Result<Incident> IncidentRepository::write_opened(Transaction& tx, std::string_view org,
                                                  const incident::EventDraft& opened) {
  // Holding the organisation's row serialises the numbering: two servers
  // opening incidents at once get INC-n and INC-n+1, not a duplicate key.
  auto given = TRY(tx.query(
      fmt::format("SELECT last_incident_number FROM organisations WHERE org_id = $1{}", tx.dialect().lock_organisation),
      {org}));
  if (given.empty()) return fail(ErrorCode::NotFound, std::string(org), "no such organisation");
  auto highest = TRY(tx.query("SELECT COALESCE(MAX(number), 0) FROM incidents WHERE org_id = $1", {org}));
  const std::int64_t number = std::max(highest.at(0).integer(0), given[0].integer(0)) + 1;
  TRY(tx.query("UPDATE organisations SET last_incident_number = $2 WHERE org_id = $1", {org, number}));
  std::string id = incident::incident_id(number);
  Event event = incident::seal(std::string(org), id, nullptr, opened);
  Incident record;
  TRY(incident::apply(record, event, tzdata::zones()));
  Summary summary = TRY(incident::summarise(record, tzdata::zones()));
  TRY(save(tx, org, event, summary, true));
  touch_incident(tx, org, id);
  touch_chain(tx, numbering_chain(org), numbering_head);
  return record;
}

Result<RecordSnapshot> IncidentRepository::write_appended(Transaction& tx, KeptRecords& kept, std::string_view org,
                                                          std::string_view incident_id, const NextEntry& next,
                                                          const std::optional<Blob>& blob,
                                                          std::optional<std::int64_t> expected_event_count) {
  // The incident's row is the chain's lock: a second writer waits here until
  // the first commits, then reads the row with the first's head in it and
  // chains onto that (PostgreSQL's READ COMMITTED takes a fresh snapshot per
  // statement). The row is written in the same transaction as every entry,
  // so its head is the log's: the kept record is used only if it was folded
  // to it.
  auto locked = TRY(tx.query(fmt::format("SELECT event_count, head_hash FROM incidents WHERE org_id = $1 AND "
                                         "incident_id = $2{}",
                                         tx.dialect().lock_organisation),
                             {org, incident_id}));
  if (locked.empty()) return tl::unexpected(no_such_incident(incident_id));
  const incident::ChainHead head{locked[0].integer(0), locked[0].text(1)};
  auto prepared = TRY(prepare_append(
      folded_, org, incident_id, head, [&] { return read_events(tx, org, incident_id); }, next, expected_event_count));
  if (blob) {
    TRY(
        tx.query("INSERT INTO evidence_blobs (org_id, sha256, size, content) VALUES ($1, $2, $3, $4) "
                 "ON CONFLICT DO NOTHING",
                 {org, blob->sha256, static_cast<std::int64_t>(blob->content.size()), Param::bytes(blob->content)}));
  }
  TRY(save(tx, org, prepared.event, prepared.summary, false));
  touch_incident(tx, org, incident_id);
  // Kept before the commit, while the row is still held, so the next writer
  // of this incident finds it; forgotten if the transaction rolls back.
  RecordSnapshot written = prepared.folded.snapshot();
  kept.emplace_back(org, incident_id);  // first: a rollback must find it
  folded_.keep(org, incident_id, std::move(prepared.folded));
  return written;
}

void IncidentRepository::forget(const KeptRecords& kept) {
  for (const auto& [org, incident_id] : kept) folded_.forget(org, incident_id);
}

Result<void> IncidentRepository::ensure_organisation(std::string_view org, std::string_view name) {
  return db_->transact(Access::Write, [&](Transaction& tx) { return write_organisation(tx, org, name); });
}

Result<Incident> IncidentRepository::open_incident(std::string_view org, const incident::EventDraft& opened) {
  return db_->transact(Access::Write, [&](Transaction& tx) { return write_opened(tx, org, opened); });
}

Result<Incident> IncidentRepository::append(std::string_view org, std::string_view incident_id, const NextEntry& next,
                                            const std::optional<Blob>& blob,
                                            std::optional<std::int64_t> expected_event_count) {
  KeptRecords kept;
  auto snapshot = db_->transact(Access::Write, [&](Transaction& tx) {
    return write_appended(tx, kept, org, incident_id, next, blob, expected_event_count);
  });
  if (!snapshot) {
    forget(kept);
    return tl::unexpected(snapshot.error());
  }
  return snapshot->record();
}

// --- reads -----------------------------------------------------------------------

Result<std::vector<Event>> IncidentRepository::events(std::string_view org, std::string_view incident_id) {
  return db_->transact(Access::Read, [&](Transaction& tx) { return read_events(tx, org, incident_id); });
}

Result<Incident> IncidentRepository::load_incident(std::string_view org, std::string_view incident_id) {
  auto log = TRY(events(org, incident_id));
  auto record = incident::replay(log, tzdata::zones());
  if (!record) return tl::unexpected(damaged_trail(incident_id, record.error()));
  return record;
}

Result<std::vector<Summary>> IncidentRepository::list_incidents(std::string_view org, const ListOptions& options) {
  return db_->transact(Access::Read, [&](Transaction& tx) -> Result<std::vector<Summary>> {
    std::vector<Summary> out;
    // Without a limit the statement has no LIMIT clause (SQLite and
    // PostgreSQL spell "no limit" differently).
    auto read_all = [&](std::string_view condition, std::string_view order,
                        std::optional<std::int64_t> limit) -> Result<void> {
      const std::string text =
          fmt::format("SELECT {} FROM incidents WHERE org_id = $1{}{} ORDER BY {}{}", kSummaryColumns,
                      exercise_condition(options.exercises), condition, order, limit ? " LIMIT $2" : "");
      auto rows = TRY(limit ? tx.query(text, {org, *limit}) : tx.query(text, {org}));
      for (Row& row : rows) out.push_back(read_summary(row));
      return {};
    };
    if (options.include_inactive) {
      TRY(read_all("", "number", options.limit));
      return out;
    }
    // Two index range scans (incidents_active_by_due) instead of a sort: the
    // ones with a due time first, in due order, then those without one.
    TRY(read_all(" AND active = 1 AND next_due_at IS NOT NULL", "next_due_at, number", options.limit));
    std::optional<std::int64_t> rest = options.limit;
    if (rest) rest = std::max<std::int64_t>(0, *rest - static_cast<std::int64_t>(out.size()));
    TRY(read_all(" AND active = 1 AND next_due_at IS NULL", "number", rest));
    return out;
  });
}

Result<std::int64_t> IncidentRepository::last_incident_number(std::string_view org) {
  auto rows = TRY(db_->transact(Access::Read, [&](Transaction& tx) {
    return tx.query("SELECT last_incident_number FROM organisations WHERE org_id = $1", {org});
  }));
  return rows.empty() ? std::int64_t{0} : rows[0].integer(0);
}

Result<std::vector<std::string>> IncidentRepository::logged_incident_ids(std::string_view org) {
  auto rows = TRY(db_->transact(Access::Read, [&](Transaction& tx) {
    return tx.query("SELECT DISTINCT incident_id FROM incident_events WHERE org_id = $1", {org});
  }));
  std::vector<std::pair<std::int64_t, std::string>> ids;
  for (std::string& id : first_column(rows)) {
    auto number = incident::parse_incident_id(id, "incident_id");
    ids.emplace_back(number ? *number : 0, std::move(id));
  }
  std::sort(ids.begin(), ids.end());
  std::vector<std::string> out;
  for (auto& [n, id] : ids) out.push_back(std::move(id));
  return out;
}

Result<std::string> IncidentRepository::evidence_content(std::string_view org, std::string_view sha256) {
  auto rows = TRY(db_->transact(Access::Read, [&](Transaction& tx) {
    return tx.query("SELECT content FROM evidence_blobs WHERE org_id = $1 AND sha256 = $2", {org, sha256});
  }));
  if (rows.empty()) return fail(ErrorCode::NotFound, std::string(sha256), "no evidence with this SHA-256");
  return rows[0].blob(0);
}

Result<std::vector<std::string>> IncidentRepository::evidence_hashes(std::string_view org) {
  auto rows = TRY(db_->transact(Access::Read, [&](Transaction& tx) {
    return tx.query("SELECT sha256 FROM evidence_blobs WHERE org_id = $1 ORDER BY sha256", {org});
  }));
  return first_column(rows);
}

}  // namespace vigil::store
