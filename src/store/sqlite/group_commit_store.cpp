#include "store/sqlite/group_commit_store.h"

#include <algorithm>
#include <exception>
#include <future>
#include <optional>
#include <utility>

namespace vigil::store {

namespace {

// Transaction control through the statement cache: sqlite3_exec would parse
// the text again for every write of every batch.
Result<void> run(sqlite::Database& db, std::string_view sql) {
  auto statement = TRY(db.prepare(sql));
  return statement.run();
}

}  // namespace

using incident::Event;
using incident::Incident;
using incident::Summary;

Result<std::unique_ptr<GroupCommitStore>> GroupCommitStore::open(const std::string& path, GroupCommitOptions options) {
  options.readers = std::max(1, options.readers);
  options.max_batch = std::max<std::size_t>(1, options.max_batch);
  auto writer = TRY(SqliteStore::open(path));  // creates and migrates
  std::vector<std::unique_ptr<SqliteStore>> readers;
  for (int i = 0; i < options.readers; ++i) readers.push_back(TRY(SqliteStore::open_for_reading(path)));
  return std::unique_ptr<GroupCommitStore>(new GroupCommitStore(std::move(writer), std::move(readers), options));
}

GroupCommitStore::GroupCommitStore(std::unique_ptr<SqliteStore> writer,
                                   std::vector<std::unique_ptr<SqliteStore>> readers, GroupCommitOptions options)
    : options_(options), writer_(std::move(writer)), readers_(std::move(readers)) {
  for (auto& r : readers_) idle_readers_.push_back(r.get());
  writer_thread_ = std::thread([this] { run_writer(); });
}

GroupCommitStore::~GroupCommitStore() {
  {
    std::lock_guard lock(queue_mutex_);
    stopping_ = true;
  }
  queue_ready_.notify_one();
  writer_thread_.join();
}

GroupCommitStore::Counts GroupCommitStore::counts() const {
  std::lock_guard lock(queue_mutex_);
  Counts now = counts_;
  now.waiting = static_cast<std::int64_t>(queue_.size());
  return now;
}

// --- writes --------------------------------------------------------------------

template <class T>
Result<T> GroupCommitStore::write(const std::function<Result<T>(SqliteStore&)>& body) {
  // Shared with the writer, which may still be inside set_value() when the
  // caller wakes up and returns. `body` is the caller's: it runs (on the
  // writer) before the caller can wake.
  struct Slot {
    std::optional<Result<T>> outcome;
    std::promise<Result<T>> done;
  };
  auto slot = std::make_shared<Slot>();
  QueuedWrite queued;
  queued.run = [slot, &body](SqliteStore& store) -> Result<void> {
    try {
      slot->outcome = body(store);
    } catch (const std::exception& e) {
      slot->outcome.emplace(tl::unexpect, Error{ErrorCode::Internal, "database", e.what(), {}});
    }
    if (*slot->outcome) return {};
    return tl::unexpected(slot->outcome->error());
  };
  queued.finish = [slot](const Error* lost) {
    if (!slot->outcome) {
      slot->done.set_value(tl::unexpected(lost ? *lost : Error{ErrorCode::Internal, "database", "write not run", {}}));
    } else if (lost && *slot->outcome) {
      slot->done.set_value(tl::unexpected(*lost));  // it succeeded, but its commit did not
    } else {
      slot->done.set_value(std::move(*slot->outcome));
    }
  };
  auto answer = slot->done.get_future();
  {
    std::lock_guard lock(queue_mutex_);
    if (stopping_) return fail(ErrorCode::Io, "database", "the workspace is shutting down");
    queue_.push_back(std::move(queued));
    // Under the lock: once it is released the write may be committed and the
    // store destroyed before this caller would touch it again.
    queue_ready_.notify_one();
  }
  return answer.get();
}

void GroupCommitStore::run_writer() {
  std::vector<QueuedWrite> batch;
  for (;;) {
    {
      std::unique_lock lock(queue_mutex_);
      queue_ready_.wait(lock, [&] { return !queue_.empty() || stopping_; });
      if (queue_.empty()) return;  // stopping, and nothing left to commit
      std::size_t n = std::min(queue_.size(), options_.max_batch);
      for (std::size_t i = 0; i < n; ++i) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    commit_batch(batch);
    batch.clear();
  }
}

void GroupCommitStore::commit_batch(std::vector<QueuedWrite>& batch) {
  sqlite::Database& db = writer_->database();
  auto lose_all = [&](const Error& why) {
    if (db.in_transaction()) (void)run(db, "ROLLBACK");
    writer_->transaction_rolled_back();
    for (auto& w : batch) w.finish(&why);
  };
  if (auto began = run(db, "BEGIN IMMEDIATE"); !began) return lose_all(began.error());
  for (auto& w : batch) {
    if (auto saved = run(db, "SAVEPOINT one_write"); !saved) return lose_all(saved.error());
    if (!w.run(*writer_)) {
      // Undo this write only; the writes before it in the batch stay.
      if (auto undone = run(db, "ROLLBACK TO one_write"); !undone) return lose_all(undone.error());
    }
    if (auto released = run(db, "RELEASE one_write"); !released) return lose_all(released.error());
    // SQLite may have ended the transaction itself (disk full, I/O error):
    // everything written so far is gone.
    if (!db.in_transaction()) {
      return lose_all(Error{ErrorCode::Io, "database", "the write transaction was rolled back by SQLite", {}});
    }
  }
  if (auto committed = run(db, "COMMIT"); !committed) return lose_all(committed.error());
  writer_->transaction_committed();
  {
    std::lock_guard lock(queue_mutex_);
    counts_.commits += 1;
    counts_.writes += static_cast<std::int64_t>(batch.size());
  }
  for (auto& w : batch) w.finish(nullptr);  // durable now (synchronous=FULL)
}

Result<void> GroupCommitStore::ensure_organisation(std::string_view org, std::string_view name) {
  return write<void>([&](SqliteStore& s) { return s.write_organisation(org, name); });
}

Result<Incident> GroupCommitStore::open_incident(std::string_view org, const incident::EventDraft& opened) {
  return write<Incident>([&](SqliteStore& s) { return s.write_opened(org, opened); });
}

Result<Incident> GroupCommitStore::append(std::string_view org, std::string_view incident_id, const NextEntry& next,
                                          const std::optional<Blob>& blob,
                                          std::optional<std::int64_t> expected_event_count) {
  auto snapshot = write<RecordSnapshot>(
      [&](SqliteStore& s) { return s.write_appended(org, incident_id, next, blob, expected_event_count); });
  // Here, on the caller's thread: a long incident's record is not copied on the writer.
  return snapshot.and_then([](const RecordSnapshot& written) { return written.record(); });
}

// --- reads ---------------------------------------------------------------------

template <class T>
Result<T> GroupCommitStore::read(const std::function<Result<T>(SqliteStore&)>& body) {
  SqliteStore* reader = nullptr;
  {
    std::unique_lock lock(readers_mutex_);
    reader_free_.wait(lock, [&] { return !idle_readers_.empty(); });
    reader = idle_readers_.back();
    idle_readers_.pop_back();
  }
  // One read transaction: every query of the call sees the same snapshot.
  auto result = [&]() -> Result<T> {
    TRY(run(reader->database(), "BEGIN"));
    auto r = body(*reader);
    (void)run(reader->database(), "COMMIT");
    return r;
  }();
  {
    std::lock_guard lock(readers_mutex_);
    idle_readers_.push_back(reader);
    reader_free_.notify_one();
  }
  return result;
}

Result<Incident> GroupCommitStore::load_incident(std::string_view org, std::string_view incident_id) {
  return read<Incident>([&](SqliteStore& s) { return s.load_incident(org, incident_id); });
}

Result<std::vector<Event>> GroupCommitStore::events(std::string_view org, std::string_view incident_id) {
  return read<std::vector<Event>>([&](SqliteStore& s) { return s.events(org, incident_id); });
}

Result<std::vector<Summary>> GroupCommitStore::list_incidents(std::string_view org, const ListOptions& options) {
  return read<std::vector<Summary>>([&](SqliteStore& s) { return s.list_incidents(org, options); });
}

Result<std::vector<std::string>> GroupCommitStore::logged_incident_ids(std::string_view org) {
  return read<std::vector<std::string>>([&](SqliteStore& s) { return s.logged_incident_ids(org); });
}

Result<std::int64_t> GroupCommitStore::last_incident_number(std::string_view org) {
  return read<std::int64_t>([&](SqliteStore& s) { return s.last_incident_number(org); });
}

Result<std::string> GroupCommitStore::evidence_content(std::string_view org, std::string_view sha256) {
  return read<std::string>([&](SqliteStore& s) { return s.evidence_content(org, sha256); });
}

Result<std::vector<std::string>> GroupCommitStore::evidence_hashes(std::string_view org) {
  return read<std::vector<std::string>>([&](SqliteStore& s) { return s.evidence_hashes(org); });
}

}  // namespace vigil::store
