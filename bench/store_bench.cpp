// Incident record storage on SQLite: opening an incident (one durable commit)
// and listing the active incidents of a workspace holding 100 000 of them.
// The 100 000-incident workspace is seeded once in one transaction with real,
// verifiable entries (domain seal/apply/summarise) and kept at VIGIL_BENCH_DB
// (default /tmp/vigil-bench-100k.db) so bench/incident_list.sh can time the
// whole `vigil incident list` process on it with hyperfine.
#include <cstdlib>
#include <filesystem>
#include <string>

#include <benchmark/benchmark.h>
#include <unistd.h>

#include "incident/incident.h"
#include "store/sqlite/database.h"
#include "store/sqlite/sqlite_store.h"

namespace {

namespace fs = std::filesystem;
namespace inc = vigil::incident;
using vigil::Instant;

constexpr const char* kCloud = "digital_infrastructure.cloud_computing_service_provider";
constexpr int kIncidents = 100000;
constexpr int kOpenEvery = 100;  // 1 in 100 still open: 1 000 active incidents

Instant at(const char* text) { return *vigil::parse_rfc3339(text, "bench"); }

void insert(vigil::store::sqlite::Database& db, const inc::Event& e) {
  auto q = db.prepare("INSERT INTO incident_events (org_id, incident_id, seq, kind, actor, recorded_at, payload, prev_hash, hash) "
                      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)");
  (void)q->bind(1, e.org).bind(2, e.incident_id).bind(3, e.seq).bind(4, e.kind).bind(5, e.actor)
      .bind(6, vigil::format_utc(e.at)).bind(7, e.payload).bind(8, e.prev_hash).bind(9, e.hash).run();
}

// Seeds `path` with kIncidents incidents: most judged not significant and
// closed, every kOpenEvery-th still open with its clocks running.
void seed(const std::string& path) {
  fs::remove(path);
  fs::remove(path + "-wal");
  fs::remove(path + "-shm");
  { auto store = vigil::store::SqliteStore::open(path); }
  auto db = vigil::store::sqlite::Database::open(path);
  auto tx = vigil::store::sqlite::WriteTransaction::begin(*db);
  Instant base = at("2025-01-01T00:00:00Z");
  for (int n = 1; n <= kIncidents; ++n) {
    Instant awareness = base + std::chrono::minutes{5 * n};
    Instant now = awareness + std::chrono::hours{1};
    std::string id = inc::incident_id(n);
    std::vector<inc::Event> events;
    inc::Incident record;
    auto add = [&](inc::EventDraft d) {
      events.push_back(inc::seal("default", id, events.empty() ? nullptr : &events.back(), std::move(d)));
      (void)inc::apply(record, events.back());
    };
    add(*inc::open_incident({"Incident " + std::to_string(n), awareness, "Europe/Berlin", kCloud, false, "seed", now}));
    if (n % kOpenEvery != 0) {
      inc::Significance none;
      none.significant = false;
      add(*inc::assess(record, {"{\"entity_type\":\"" + std::string(kCloud) + "\"}", kCloud, none, std::nullopt, "", "seed", now}));
      add(*inc::close(record, {now, "", "seed", now}));
    }
    auto s = *inc::summarise(record);
    auto q = db->prepare(
        "INSERT INTO incidents (org_id, incident_id, number, title, entity_type, awareness_at, status, significant, "
        "next_due_at, next_report, active, event_count, head_hash) VALUES ('default', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)");
    std::optional<std::int64_t> due;
    if (s.next_due) due = s.next_due->time_since_epoch().count();
    q->bind(1, s.id).bind(2, s.number).bind(3, s.title).bind(4, s.entity_type)
        .bind(5, std::int64_t{s.awareness.time_since_epoch().count()}).bind(6, s.status);
    if (s.significant) q->bind(7, *s.significant ? "yes" : "no"); else q->bind(7, nullptr);
    (void)q->bind(8, due).bind(9, s.next_report).bind(10, std::int64_t{s.active}).bind(11, s.event_count).bind(12, s.head_hash).run();
    for (const auto& e : events) insert(*db, e);
  }
  (void)tx->commit();
}

std::string seeded_path() {
  static const std::string path = [] {
    const char* env = std::getenv("VIGIL_BENCH_DB");
    std::string p = env && *env ? env : "/tmp/vigil-bench-100k.db";
    seed(p);
    return p;
  }();
  return path;
}

// One incident opened per iteration: one BEGIN IMMEDIATE ... COMMIT with
// synchronous=FULL, i.e. durable when it returns.
void BM_OpenIncident(benchmark::State& state) {
  fs::path path = fs::temp_directory_path() / ("vigil-bench-open-" + std::to_string(getpid()) + ".db");
  fs::remove(path);
  auto store = vigil::store::SqliteStore::open(path.string());
  auto draft = *inc::open_incident({"Outage", at("2025-03-01T10:00:00Z"), "Europe/Berlin", kCloud, false, "bench",
                                     at("2025-03-01T12:00:00Z")});
  for (auto _ : state) {
    auto opened = (*store)->open_incident(vigil::store::kDefaultOrg, draft);
    benchmark::DoNotOptimize(opened);
  }
  state.SetItemsProcessed(state.iterations());
  store->reset();
  fs::remove(path);
  fs::remove(path.string() + "-wal");
  fs::remove(path.string() + "-shm");
}
BENCHMARK(BM_OpenIncident)->Unit(benchmark::kMicrosecond)->UseRealTime();

// Active incidents of a 100 000-incident workspace, through the Store.
void BM_ListActiveOf100k(benchmark::State& state) {
  auto store = vigil::store::SqliteStore::open(seeded_path());
  std::size_t rows = 0;
  for (auto _ : state) {
    auto list = (*store)->list_incidents(vigil::store::kDefaultOrg, {});
    rows = list->size();
    benchmark::DoNotOptimize(list);
  }
  state.counters["rows"] = static_cast<double>(rows);
}
BENCHMARK(BM_ListActiveOf100k)->Unit(benchmark::kMillisecond);

}  // namespace
