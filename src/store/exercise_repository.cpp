// The ExerciseStore over sql::Database: one implementation for SQLite and
// PostgreSQL. Every write locks the organisation's row first (PostgreSQL: FOR
// NO KEY UPDATE; SQLite: write transactions exclude each other), so exercise
// numbers and each exercise's chain are taken one writer at a time.
#include <fmt/format.h>

#include "core/text.h"
#include "store/chain_seals.h"
#include "store/exercise_store.h"
#include "store/open_sql.h"

namespace vigil::store {

using sql::Param;
using sql::Row;
using sql::Transaction;

namespace {

constexpr std::string_view kColumns =
    "exercise_id, number, scenario_id, scenario_source, bundled, scenario_sha256, scenario_text, speed, origin_at, "
    "duration_s, anchor_wall, anchor_elapsed_s, clock_state, started_by, started_at, event_count, head_hash, "
    "(SELECT incident_id FROM incidents i WHERE i.org_id = exercises.org_id AND i.exercise_id = exercises.exercise_id)";

Instant seconds_at(std::int64_t s) { return Instant{std::chrono::seconds{s}}; }
std::int64_t epoch(Instant at) { return at.time_since_epoch().count(); }

ExerciseRecord read_exercise(std::string_view org, const Row& row) {
  ExerciseRecord r;
  r.org = std::string(org);
  r.id = row.text(0);
  r.number = row.integer(1);
  r.scenario_id = row.text(2);
  r.scenario_source = row.text(3);
  r.bundled = row.integer(4) != 0;
  r.scenario_sha256 = row.text(5);
  r.scenario_text = row.text(6);
  r.clock.speed = row.integer(7);
  r.clock.origin = seconds_at(row.integer(8));
  r.clock.duration_s = row.integer(9);
  r.clock.anchor_wall = seconds_at(row.integer(10));
  r.clock.anchor_elapsed_s = row.integer(11);
  r.clock.state = row.text(12);
  r.started_by = row.text(13);
  r.started_at = row.instant(14, "exercises.started_at").value_or(Instant{});
  r.event_count = row.integer(15);
  r.head_hash = row.text(16);
  r.incident_id = row.text(17);
  return r;
}

Result<void> lock_organisation(Transaction& tx, std::string_view org) {
  auto found = TRY(tx.query(
      fmt::format("SELECT org_id FROM organisations WHERE org_id = $1{}", tx.dialect().lock_organisation), {org}));
  if (found.empty()) return fail(ErrorCode::NotFound, "organisation " + std::string(org), "no such organisation");
  return {};
}

Result<ExerciseRecord> find(Transaction& tx, std::string_view org, std::string_view id) {
  auto rows = TRY(
      tx.query(fmt::format("SELECT {} FROM exercises WHERE org_id = $1 AND exercise_id = $2", kColumns), {org, id}));
  if (rows.empty()) {
    return fail(ErrorCode::NotFound, std::string(id), "no such exercise", {HintKind::ListExercises, {}});
  }
  return read_exercise(org, rows[0]);
}

// Where an exercise's log ends, read back when its write commits (store/chain_seals.h).
Result<std::optional<ChainHeadAt>> exercise_head(Transaction& tx, const ChainId& chain) {
  return last_row_head(tx, chain, "exercise_events", "exercise_id");
}

Result<void> insert_entry(Transaction& tx, std::string_view org, const incident::Event& e) {
  TRY(
      tx.query("INSERT INTO exercise_events (org_id, exercise_id, seq, kind, actor, recorded_at, payload, prev_hash, "
               "hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
               {org, e.incident_id, e.seq, e.kind, e.actor, format_utc(e.at), e.payload, e.prev_hash, e.hash}));
  touch_chain(tx, exercise_chain(org, e.incident_id), exercise_head);
  return {};
}

class ExerciseRepository final : public ExerciseStore {
 public:
  explicit ExerciseRepository(std::unique_ptr<sql::Database> db) : db_(std::move(db)) {}

  Result<ExerciseRecord> start(std::string_view org, const NewExercise& x,
                               const incident::EventDraft& started) override {
    auto id = TRY(db_->transact(sql::Access::Write, [&](Transaction& tx) -> Result<std::string> {
      TRY(lock_organisation(tx, org));
      auto next = TRY(tx.query("SELECT COALESCE(MAX(number), 0) + 1 FROM exercises WHERE org_id = $1", {org}));
      const std::int64_t number = next.at(0).integer(0);
      const std::string new_id = exercise_id(number);
      incident::Event e = incident::seal(std::string(org), new_id, incident::ChainHead{}, started);
      TRY(tx.query(
          "INSERT INTO exercises (org_id, exercise_id, number, scenario_id, scenario_source, bundled, "
          "scenario_sha256, scenario_text, speed, origin_at, duration_s, anchor_wall, anchor_elapsed_s, "
          "clock_state, started_by, started_at, event_count, head_hash) VALUES ($1, $2, $3, $4, $5, $6, $7, "
          "$8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)",
          {org, new_id, number, x.scenario_id, x.scenario_source, std::int64_t{x.bundled ? 1 : 0}, x.scenario_sha256,
           x.scenario_text, x.clock.speed, epoch(x.clock.origin), x.clock.duration_s, epoch(x.clock.anchor_wall),
           x.clock.anchor_elapsed_s, x.clock.state, x.started_by, format_utc(x.started_at), e.seq, e.hash}));
      TRY(insert_entry(tx, org, e));
      return new_id;
    }));
    return load(org, id);
  }

  Result<ExerciseRecord> append(std::string_view org, std::string_view id, const NextExerciseChange& next) override {
    TRY(db_->transact(sql::Access::Write, [&](Transaction& tx) -> Result<void> {
      TRY(lock_organisation(tx, org));
      ExerciseRecord current = TRY(find(tx, org, id));
      ExerciseChange change = TRY(next(current));
      incident::Event e =
          incident::seal(std::string(org), current.id, incident::ChainHead{current.event_count, current.head_hash},
                         std::move(change.entry));
      TRY(insert_entry(tx, org, e));
      const ExerciseClock& c = change.clock ? *change.clock : current.clock;
      TRY(
          tx.query("UPDATE exercises SET speed = $3, anchor_wall = $4, anchor_elapsed_s = $5, clock_state = $6, "
                   "event_count = $7, head_hash = $8 WHERE org_id = $1 AND exercise_id = $2",
                   {org, current.id, c.speed, epoch(c.anchor_wall), c.anchor_elapsed_s, c.state, e.seq, e.hash}));
      return {};
    }));
    return load(org, id);
  }

  Result<ExerciseRecord> load(std::string_view org, std::string_view id) override {
    return db_->transact(sql::Access::Read, [&](Transaction& tx) { return find(tx, org, id); });
  }

  Result<std::vector<ExerciseRecord>> list(std::string_view org) override {
    return db_->transact(sql::Access::Read, [&](Transaction& tx) -> Result<std::vector<ExerciseRecord>> {
      auto rows = TRY(
          tx.query(fmt::format("SELECT {} FROM exercises WHERE org_id = $1 ORDER BY number DESC", kColumns), {org}));
      std::vector<ExerciseRecord> out;
      for (const Row& row : rows) out.push_back(read_exercise(org, row));
      return out;
    });
  }

  Result<std::vector<incident::Event>> entries(std::string_view org, std::string_view id) override {
    return db_->transact(sql::Access::Read, [&](Transaction& tx) -> Result<std::vector<incident::Event>> {
      TRY(find(tx, org, id));
      auto rows =
          TRY(tx.query("SELECT seq, kind, actor, recorded_at, payload, prev_hash, hash FROM exercise_events "
                       "WHERE org_id = $1 AND exercise_id = $2 ORDER BY seq",
                       {org, id}));
      std::vector<incident::Event> out;
      for (const Row& row : rows) {
        incident::Event e;
        e.org = std::string(org);
        e.incident_id = std::string(id);
        e.seq = row.integer(0);
        e.kind = row.text(1);
        e.actor = row.text(2);
        e.at = TRY(row.instant(3, fmt::format("{} entry {}", id, e.seq)));
        e.payload = row.text(4);
        e.prev_hash = row.text(5);
        e.hash = row.text(6);
        out.push_back(std::move(e));
      }
      return out;
    });
  }

  Result<std::optional<std::string>> exercise_of_incident(std::string_view org, std::string_view incident_id) override {
    return db_->transact(sql::Access::Read, [&](Transaction& tx) -> Result<std::optional<std::string>> {
      auto rows =
          TRY(tx.query("SELECT exercise_id FROM incidents WHERE org_id = $1 AND incident_id = $2", {org, incident_id}));
      if (rows.empty() || rows[0].is_null(0)) return std::optional<std::string>();
      return std::optional<std::string>(rows[0].text(0));
    });
  }

 private:
  std::unique_ptr<sql::Database> db_;
};

}  // namespace

ChainId exercise_chain(std::string_view org, std::string_view exercise_id) {
  return ChainId{std::string(org), std::string(kExerciseChain), std::string(exercise_id)};
}

std::unique_ptr<ExerciseStore> exercise_repository(std::unique_ptr<sql::Database> db) {
  return std::make_unique<ExerciseRepository>(std::move(db));
}

Result<std::unique_ptr<ExerciseStore>> open_exercises(const std::string& location, SealerRef sealer) {
  return exercise_repository(TRY(open_sql(location, std::move(sealer))));
}

std::string exercise_id(std::int64_t number) { return fmt::format("EX-{}", number); }

Result<std::int64_t> parse_exercise_id(std::string_view text, std::string_view where) {
  std::string_view digits = text;
  if (digits.size() > 3 && (digits.substr(0, 3) == "EX-" || digits.substr(0, 3) == "ex-")) digits.remove_prefix(3);
  std::int64_t number = 0;
  bool ok = !digits.empty() && digits.size() <= 15 && digits[0] != '0';
  for (char c : digits) {
    if (c < '0' || c > '9') ok = false;
    else if (ok) number = number * 10 + (c - '0');
  }
  if (!ok)
    return invalid(std::string(where), fmt::format("'{}' is not an exercise id; expected e.g. EX-1", excerpt(text)));
  return number;
}

}  // namespace vigil::store
