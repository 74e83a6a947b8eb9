// Incident record storage on SQLite: opening an incident (one durable commit),
// listing the active incidents of a workspace holding 100 000 of them, and
// appending to long incidents (alone, and through the server's group-commit
// store while 16 clients append to one long incident).
// The 100 000-incident workspace is seeded once in one transaction with real,
// verifiable entries (domain seal/apply/summarise) and kept at VIGIL_BENCH_DB
// (default /tmp/vigil-bench-100k.db) so bench/incident_list.sh can time the
// whole `vigil incident list` process on it with hyperfine.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include <benchmark/benchmark.h>
#include <unistd.h>

#include "incident/incident.h"
#include "store/folded_record.h"
#include "store/group_commit_store.h"
#include "store/incident_repository.h"
#include "store/seal.h"
#include "store/sqlite/database.h"
#include "store/sqlite/sqlite_sql.h"
#include "store/summary_row.h"
#include "tzdata/zones.h"

namespace {

namespace fs = std::filesystem;
namespace inc = vigil::incident;
using vigil::Instant;

constexpr const char* kCloud = "digital_infrastructure.cloud_computing_service_provider";
constexpr int kIncidents = 100000;
constexpr int kOpenEvery = 100;  // 1 in 100 still open: 1 000 active incidents

Instant at(const char* text) { return *vigil::parse_rfc3339(text, "bench"); }

void insert(vigil::store::sqlite::Database& db, const inc::Event& e) {
  auto q = db.prepare(
      "INSERT INTO incident_events (org_id, incident_id, seq, kind, actor, recorded_at, payload, prev_hash, hash) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)");
  (void)q->bind(1, e.org)
      .bind(2, e.incident_id)
      .bind(3, e.seq)
      .bind(4, e.kind)
      .bind(5, e.actor)
      .bind(6, vigil::format_utc(e.at))
      .bind(7, e.payload)
      .bind(8, e.prev_hash)
      .bind(9, e.hash)
      .run();
}

// The listing row of an incident, as the store keeps it beside the log.
void insert_row(vigil::store::sqlite::Database& db, const inc::Summary& s) {
  auto q = db.prepare(
      "INSERT INTO incidents (org_id, incident_id, number, title, entity_type, awareness_at, status, significant, "
      "next_due_at, next_report, active, event_count, head_hash, significance_override, late_submissions) "
      "VALUES ('default', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)");
  std::optional<std::int64_t> due;
  if (s.next_due) due = s.next_due->time_since_epoch().count();
  q->bind(1, s.id)
      .bind(2, s.number)
      .bind(3, s.title)
      .bind(4, s.entity_type)
      .bind(5, std::int64_t{s.awareness.time_since_epoch().count()})
      .bind(6, s.status);
  if (auto significant = vigil::store::significance_column(s.significance)) q->bind(7, *significant);
  else q->bind(7, nullptr);
  (void)q->bind(8, due)
      .bind(9, s.next_report)
      .bind(10, std::int64_t{s.active})
      .bind(11, s.event_count)
      .bind(12, s.head_hash)
      .bind(13, std::int64_t{s.overridden})
      .bind(14, vigil::store::late_column(s.late))
      .run();
}

// Seeds `path` with kIncidents incidents: most judged not significant and
// closed, every kOpenEvery-th still open with its clocks running.
void seed(const std::string& path) {
  fs::remove(path);
  fs::remove(path + "-wal");
  fs::remove(path + "-shm");
  { auto created = vigil::store::open_sqlite_sql(path); }  // creates and migrates
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
      (void)inc::apply(record, events.back(), vigil::tzdata::zones());
    };
    add(*inc::open_incident({"Incident " + std::to_string(n), awareness, "Europe/Berlin", kCloud, false, "seed", now},
                            vigil::tzdata::zones()));
    if (n % kOpenEvery != 0) {
      inc::Significance none;
      none.covered_by_ir_2024_2690 = true;
      none.significant = false;
      add(*inc::assess(
          record, {"{\"entity_type\":\"" + std::string(kCloud) + "\"}", kCloud, none, std::nullopt, "", "seed", now}));
      add(*inc::close(record, {now, "", "seed", now}));
    }
    insert_row(*db, *inc::summarise(record, vigil::tzdata::zones()));
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
  auto store = vigil::store::open_store(path.string());
  auto draft = *inc::open_incident(
      {"Outage", at("2025-03-01T10:00:00Z"), "Europe/Berlin", kCloud, false, "bench", at("2025-03-01T12:00:00Z")},
      vigil::tzdata::zones());
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

// Active incidents of a 100 000-incident workspace, through the IncidentStore.
void BM_ListActiveOf100k(benchmark::State& state) {
  auto store = vigil::store::open_store(seeded_path());
  std::size_t rows = 0;
  for (auto _ : state) {
    auto list = (*store)->list_incidents(vigil::store::kDefaultOrg, {});
    rows = list->size();
    benchmark::DoNotOptimize(list);
  }
  state.counters["rows"] = static_cast<double>(rows);
}
BENCHMARK(BM_ListActiveOf100k)->Unit(benchmark::kMillisecond);

// Durable creates per second through the server's GroupCommitStore: 64
// threads (the server's default worker count) each open incidents without
// pause, so every commit carries the writes queued while the previous one
// was flushed. One iteration is 64 x 50 creates; items_per_second is the
// durable creates per second. The store's share of bench/server_load.sh's
// POST figure, without HTTP.
// BM_GroupCommitCreatesSealed: the same with a seal key, so that each commit
// also signs the heads of the chains it wrote (one Ed25519 signature over a
// Merkle root per commit: store/chain_seals.h).
void group_commit_creates(benchmark::State& state, bool sealed) {
  constexpr int kThreads = 64;
  constexpr int kEach = 50;
  const std::string path =
      (fs::temp_directory_path() / ("vigil-bench-creates-" + std::to_string(getpid()) + ".db")).string();
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix);
  vigil::store::SealerRef sealer;
  const std::string key = path + ".key";
  if (sealed) {
    fs::remove(key);
    (void)vigil::store::Sealer::generate(key);
    sealer = *vigil::store::Sealer::load(key);
    fs::remove(key);
  }
  auto store = std::move(*vigil::store::GroupCommitStore::open(path, {}, sealer));
  const auto draft = *inc::open_incident(
      {"Outage", at("2025-03-01T10:00:00Z"), "Europe/Berlin", kCloud, false, "bench", at("2025-03-01T12:00:00Z")},
      vigil::tzdata::zones());
  std::atomic<int> failed{0};
  for (auto _ : state) {
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&] {
        for (int i = 0; i < kEach; ++i) {
          if (!store->open_incident(vigil::store::kDefaultOrg, draft)) ++failed;
        }
      });
    }
    for (auto& t : threads) t.join();
  }
  if (failed > 0) state.SkipWithError("a create failed");
  state.SetItemsProcessed(state.iterations() * kThreads * kEach);
  auto counts = store->counts();
  state.counters["writes_per_commit"] =
      counts.commits ? static_cast<double>(counts.writes) / static_cast<double>(counts.commits) : 0.0;
  store.reset();
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix);
}
void BM_GroupCommitCreates(benchmark::State& state) { group_commit_creates(state, false); }
void BM_GroupCommitCreatesSealed(benchmark::State& state) { group_commit_creates(state, true); }
BENCHMARK(BM_GroupCommitCreates)->Iterations(5)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_GroupCommitCreatesSealed)->Iterations(5)->UseRealTime()->Unit(benchmark::kMillisecond);

// --- appending to long incidents ----------------------------------------------

using vigil::store::kDefaultOrg;

// A scratch workspace path beside the others, removed with its WAL files.
std::string scratch_path(const std::string& name) {
  return (fs::temp_directory_path() / ("vigil-bench-" + name + "-" + std::to_string(getpid()) + ".db")).string();
}

void remove_workspace(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix);
}

// The n-th entry of a long-running incident, in the mix such an incident
// gathers: decisions, evidence and report facts in turn.
vigil::Result<inc::EventDraft> growth_entry(const inc::Incident& r, std::int64_t n) {
  Instant now = at("2025-03-10T12:00:00Z");
  std::string tag = std::to_string(n);
  switch (n % 3) {
    case 0:
      return inc::decide(r, {.decided_at = std::nullopt,
                             .content = {.decision = "Isolate host " + tag,
                                         .options = {"isolate", "monitor"},
                                         .rationale = "Contain the spread",
                                         .known = {"lateral movement seen"},
                                         .unknown = {"initial vector"},
                                         .confidence = inc::Confidence::Medium},
                             .by = "responder",
                             .now = now});
    case 1:
      return inc::add_evidence(r, {.sha256 = vigil::sha256_hex(tag),
                                   .size = 1024,
                                   .file_name = "capture-" + tag + ".pcap",
                                   .description = "Packet capture",
                                   .by = "responder",
                                   .now = now});
    default: return inc::record_facts(r, {.facts = {{"status", "update " + tag}}, .by = "responder", .now = now});
  }
}

vigil::store::NextEntry growing(std::int64_t n) {
  return [n](const inc::Incident& r) { return growth_entry(r, n); };
}

// A workspace at `path` whose incident INC-i holds lengths[i-1] entries,
// written in one transaction with real, verifiable entries.
void seed_incidents(const std::string& path, const std::vector<std::int64_t>& lengths) {
  remove_workspace(path);
  { auto created = vigil::store::open_sqlite_sql(path); }  // creates and migrates
  auto db = vigil::store::sqlite::Database::open(path);
  auto tx = vigil::store::sqlite::WriteTransaction::begin(*db);
  for (std::size_t i = 0; i < lengths.size(); ++i) {
    std::string id = inc::incident_id(static_cast<std::int64_t>(i + 1));
    inc::Incident record;
    std::vector<inc::Event> events;
    auto add = [&](vigil::Result<inc::EventDraft> draft) {
      events.push_back(inc::seal("default", id, events.empty() ? nullptr : &events.back(), std::move(*draft)));
      (void)inc::apply(record, events.back(), vigil::tzdata::zones());
    };
    add(inc::open_incident({"Long incident " + id, at("2025-03-01T10:00:00Z"), "Europe/Berlin", kCloud, false,
                            "responder", at("2025-03-01T12:00:00Z")},
                           vigil::tzdata::zones()));
    for (std::int64_t n = 2; n <= lengths[i]; ++n) add(growth_entry(record, n));
    insert_row(*db, *inc::summarise(record, vigil::tzdata::zones()));  // first: the entries refer to it
    for (const auto& e : events) insert(*db, e);
  }
  (void)tx->commit();
}

// How many incidents of `entries` entries to spread `appends` appends over so
// that each grows by at most a tenth (at least one incident).
int incidents_for(std::int64_t entries, std::int64_t appends) {
  return static_cast<int>(std::max<std::int64_t>(1, (appends * 10 + entries - 1) / entries));
}

// The append benchmarks' workspace: appends go round-robin over several
// incidents of `range(0)` entries so that each stays near its length, and
// each gets one append before timing (a running server's steady state).
struct RoundRobin {
  RoundRobin(const benchmark::State& state, const std::string& name)
      : incidents(incidents_for(state.range(0), static_cast<std::int64_t>(state.max_iterations))),
        path(scratch_path(name)),
        appended(state.range(0)) {
    seed_incidents(path, std::vector<std::int64_t>(static_cast<std::size_t>(incidents), state.range(0)));
  }
  void warm_up(vigil::store::IncidentStore& store) {
    for (int i = 1; i <= incidents; ++i) (void)store.append(kDefaultOrg, inc::incident_id(i), next_entry());
  }
  std::string next_incident() { return inc::incident_id(turn++ % incidents + 1); }
  vigil::store::NextEntry next_entry() { return growing(++appended); }

  const int incidents;
  const std::string path;
  std::int64_t appended;  // the entries' running number, for growing()
  int turn = 0;
};

// The writer's own work for one append, without a commit: the repository's
// write_appended in one open transaction, as GroupCommitStore runs each write
// of a batch (RoundRobin above).
void BM_AppendInOpenTransaction(benchmark::State& state) {
  RoundRobin appends(state, "append-tx");
  std::shared_ptr<vigil::store::sql::Database> db = std::move(*vigil::store::open_sqlite_sql(appends.path));
  vigil::store::IncidentRepository store(db);
  appends.warm_up(store);
  vigil::store::IncidentRepository::KeptRecords kept;
  (void)db->run(vigil::store::sql::Access::Write, [&](vigil::store::sql::Transaction& tx) -> vigil::Result<void> {
    for (auto _ : state) {
      auto done = store.write_appended(tx, kept, kDefaultOrg, appends.next_incident(), appends.next_entry(),
                                       std::nullopt, std::nullopt);
      if (!done) state.SkipWithError(done.error().message.c_str());
    }
    return {};
  });
  state.counters["incidents"] = appends.incidents;
  remove_workspace(appends.path);
}
BENCHMARK(BM_AppendInOpenTransaction)->Arg(10)->Arg(1000)->Arg(10000)->Iterations(1000)->Unit(benchmark::kMicrosecond);

// One entry appended through the IncidentStore on SQLite: one durable commit each
// (synchronous=FULL), as the CLI does without its process start. Same
// round-robin and warm-up as above.
void BM_AppendDurable(benchmark::State& state) {
  RoundRobin appends(state, "append-durable");
  auto store = vigil::store::open_store(appends.path);
  appends.warm_up(**store);
  for (auto _ : state) {
    auto done = (*store)->append(kDefaultOrg, appends.next_incident(), appends.next_entry());
    if (!done) state.SkipWithError(done.error().message.c_str());
  }
  state.counters["incidents"] = appends.incidents;
  store->reset();
  remove_workspace(appends.path);
}
BENCHMARK(BM_AppendDurable)
    ->Arg(10)
    ->Arg(1000)
    ->Arg(10000)
    ->Iterations(200)
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();

// The caller's share of an append to an incident of `range(0)` entries: the
// store answers with a snapshot (base record + the entries after it), and
// the caller rebuilds its own copy of the record from it (then drops it), on
// its own thread. What the IncidentStore interface's by-value record costs.
void BM_RecordFromSnapshot(benchmark::State& state) {
  const std::int64_t entries = state.range(0);
  std::vector<inc::Event> events;
  inc::Incident record;
  auto add = [&](vigil::Result<inc::EventDraft> draft) {
    events.push_back(inc::seal("default", "INC-1", events.empty() ? nullptr : &events.back(), std::move(*draft)));
    (void)inc::apply(record, events.back(), vigil::tzdata::zones());
  };
  add(inc::open_incident({"Long incident", at("2025-03-01T10:00:00Z"), "Europe/Berlin", kCloud, false, "responder",
                          at("2025-03-01T12:00:00Z")},
                         vigil::tzdata::zones()));
  for (std::int64_t n = 2; n <= entries; ++n) add(growth_entry(record, n));
  // Folded to the end in the store's way, so the snapshot carries the usual
  // number of entries beside its base.
  vigil::store::FoldedRecord folded(
      *inc::replay(std::span<const inc::Event>(events.data(), 1), vigil::tzdata::zones()));
  for (std::size_t i = 1; i < events.size(); ++i) (void)folded.fold(events[i]);
  const vigil::store::RecordSnapshot snapshot = folded.snapshot();
  for (auto _ : state) {
    auto rebuilt = snapshot.record();
    benchmark::DoNotOptimize(rebuilt);
  }
}
BENCHMARK(BM_RecordFromSnapshot)->Arg(10)->Arg(1000)->Arg(10000)->Unit(benchmark::kMicrosecond);

// Appends under contention: 16 clients keep appending to one incident of 10 000
// entries through the server's GroupCommitStore while this thread appends to
// 50 other incidents. Each iteration is one such other write, timed from the
// call to its durable answer; the figure is their p99 (target: under 50 ms).
void BM_OtherIncidentsBeside16Appenders(benchmark::State& state) {
  constexpr int kClients = 16;
  constexpr int kOthers = 50;
  const std::string path = scratch_path("append-contention");
  std::vector<std::int64_t> lengths(kOthers + 1, 3);
  lengths[0] = 10000;  // INC-1
  seed_incidents(path, lengths);
  auto store = std::move(*vigil::store::GroupCommitStore::open(path));

  std::atomic<bool> stop{false};
  std::atomic<std::int64_t> long_appends{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < kClients; ++t) {
    clients.emplace_back([&, t] {
      std::int64_t n = 1'000'000LL * (t + 1);
      while (!stop) {
        if (store->append(kDefaultOrg, "INC-1", growing(++n))) ++long_appends;
      }
    });
  }
  // Until the long incident's appends are flowing through the writer.
  while (long_appends < kClients) std::this_thread::sleep_for(std::chrono::milliseconds(1));

  using Clock = std::chrono::steady_clock;
  const std::int64_t long_before = long_appends;
  const auto started = Clock::now();
  std::vector<double> seconds;
  std::int64_t n = 0;
  for (auto _ : state) {
    ++n;
    auto begin = Clock::now();
    auto done = store->append(kDefaultOrg, inc::incident_id(2 + n % kOthers), growing(n));
    double took = std::chrono::duration<double>(Clock::now() - begin).count();
    state.SetIterationTime(took);
    seconds.push_back(took);
    if (!done) state.SkipWithError(done.error().message.c_str());
  }
  const double elapsed = std::chrono::duration<double>(Clock::now() - started).count();
  const std::int64_t long_during = long_appends - long_before;
  stop = true;
  for (auto& c : clients) c.join();

  std::sort(seconds.begin(), seconds.end());
  auto rank = [&](double q) {  // nearest rank
    auto i = static_cast<std::size_t>(std::ceil(q * static_cast<double>(seconds.size())));
    return seconds[std::min(seconds.size(), std::max<std::size_t>(1, i)) - 1] * 1000.0;
  };
  if (!seconds.empty()) {
    state.counters["p50_ms"] = rank(0.50);
    state.counters["p99_ms"] = rank(0.99);
    state.counters["max_ms"] = seconds.back() * 1000.0;
  }
  state.counters["long_appends_per_s"] = static_cast<double>(long_during) / elapsed;
  auto counts = store->counts();
  state.counters["writes_per_commit"] =
      counts.commits ? static_cast<double>(counts.writes) / static_cast<double>(counts.commits) : 0.0;
  if (auto events = store->events(kDefaultOrg, "INC-1")) {
    state.counters["long_entries_at_end"] = static_cast<double>(events->size());
  }
  store.reset();
  remove_workspace(path);
}
BENCHMARK(BM_OtherIncidentsBeside16Appenders)->Iterations(200)->UseManualTime()->Unit(benchmark::kMillisecond);

}  // namespace
