#include "store/group_commit_store.h"

#include <algorithm>
#include <exception>
#include <future>
#include <optional>
#include <utility>

#include "store/chain_seals.h"
#include "store/sqlite/sqlite_sql.h"

namespace vigil::store {

using incident::Event;
using incident::Incident;
using incident::Summary;
using KeptRecords = IncidentRepository::KeptRecords;

Result<std::unique_ptr<GroupCommitStore>> GroupCommitStore::open(const std::string& path, GroupCommitOptions options,
                                                                 SealerRef sealer) {
  options.readers = std::max(1, options.readers);
  auto db = TRY(open_sqlite_sql(path, {.readers = options.readers}));  // creates and migrates
  return std::make_unique<GroupCommitStore>(sealing_database(std::move(db), std::move(sealer)), options);
}

GroupCommitStore::GroupCommitStore(std::shared_ptr<sql::Database> db, GroupCommitOptions options)
    : IncidentRepository(std::move(db)), options_(options) {
  options_.max_batch = std::max<std::size_t>(1, options_.max_batch);
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
Result<T> GroupCommitStore::write(const std::function<Result<T>(sql::Transaction&, KeptRecords&)>& body) {
  // Shared with the writer, which may still be inside set_value() when the
  // caller wakes up and returns. `body` is the caller's: it runs (on the
  // writer) before the caller can wake.
  struct Slot {
    std::optional<Result<T>> outcome;
    std::promise<Result<T>> done;
  };
  auto slot = std::make_shared<Slot>();
  QueuedWrite queued;
  queued.run = [slot, &body](sql::Transaction& tx, KeptRecords& kept) -> Result<void> {
    try {
      slot->outcome = body(tx, kept);
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
  KeptRecords kept;
  // The savepoint statements go through the statement cache (query, not
  // execute): parsing them again for every write of every batch would cost
  // more than running them.
  auto committed = database().run(sql::Access::Write, [&](sql::Transaction& tx) -> Result<void> {
    for (auto& w : batch) {
      TRY(tx.query("SAVEPOINT one_write"));
      if (!w.run(tx, kept)) {
        // Undo this write only; the writes before it in the batch stay.
        TRY(tx.query("ROLLBACK TO one_write"));
      }
      // When SQLite ended the transaction itself (disk full, I/O error), the
      // savepoint is gone with everything written so far: this fails, and
      // the whole batch is lost.
      TRY(tx.query("RELEASE one_write"));
    }
    return {};
  });
  if (!committed) {
    forget(kept);
    for (auto& w : batch) w.finish(&committed.error());
    return;
  }
  {
    std::lock_guard lock(queue_mutex_);
    counts_.commits += 1;
    counts_.writes += static_cast<std::int64_t>(batch.size());
  }
  for (auto& w : batch) w.finish(nullptr);  // durable now (synchronous=FULL)
}

Result<void> GroupCommitStore::ensure_organisation(std::string_view org, std::string_view name) {
  return write<void>([&](sql::Transaction& tx, KeptRecords&) { return write_organisation(tx, org, name); });
}

Result<Incident> GroupCommitStore::open_incident(std::string_view org, const incident::EventDraft& opened) {
  return write<Incident>([&](sql::Transaction& tx, KeptRecords&) { return write_opened(tx, org, opened); });
}

Result<Incident> GroupCommitStore::append(std::string_view org, std::string_view incident_id, const NextEntry& next,
                                          const std::optional<Blob>& blob,
                                          std::optional<std::int64_t> expected_event_count) {
  auto snapshot = write<RecordSnapshot>([&](sql::Transaction& tx, KeptRecords& kept) {
    return write_appended(tx, kept, org, incident_id, next, blob, expected_event_count);
  });
  // Here, on the caller's thread: a long incident's record is not copied on the writer.
  return snapshot.and_then([](const RecordSnapshot& written) { return written.record(); });
}

}  // namespace vigil::store
