// The IncidentStore the server uses on a SQLite workspace: a layer over the
// IncidentRepository. A durable commit costs a disk flush (milliseconds), so
// one writer thread takes every write queued while the previous commit was
// on its way to disk and runs them in one Write transaction (group commit),
// each in its own SAVEPOINT so that a failing write rolls back alone and gets
// its own error. No caller hears back before the commit that holds its write
// is durable. Reads go straight to the repository, whose database runs them
// on a small pool of read-only connections beside the writer (WAL).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "store/incident_repository.h"
#include "store/incident_store.h"
#include "store/sql.h"

namespace vigil::store {

struct GroupCommitOptions {
  int readers = 4;               // read connections
  std::size_t max_batch = 1024;  // writes per commit at most (bounds one commit's latency)
};

// The reads are the repository's own (inherited); the three writes go
// through the writer's queue.
class GroupCommitStore final : public IncidentRepository {
 public:
  // Opens (creating and migrating if needed) the SQLite workspace at `path`.
  // Each commit seals every chain its batch wrote with one signature
  // (store/chain_seals.h), when `sealer` is given.
  static Result<std::unique_ptr<GroupCommitStore>> open(const std::string& path, GroupCommitOptions options = {},
                                                        SealerRef sealer = nullptr);
  // Over a database opened (and migrated) already; `options.readers` is the
  // database's business then.
  GroupCommitStore(std::shared_ptr<sql::Database> db, GroupCommitOptions options);
  // Commits every write already queued, then stops the writer.
  ~GroupCommitStore() override;

  Result<void> ensure_organisation(std::string_view org, std::string_view name) override;
  Result<incident::Incident> open_incident(std::string_view org, const incident::EventDraft& opened) override;
  Result<incident::Incident> append(std::string_view org, std::string_view incident_id, const NextEntry& next,
                                    const std::optional<Blob>& blob = std::nullopt,
                                    std::optional<std::int64_t> expected_event_count = std::nullopt) override;

  // How many commits carried how many writes, and how many writes wait for
  // the writer now (tests, benchmarks).
  struct Counts {
    std::int64_t commits = 0;
    std::int64_t writes = 0;
    std::int64_t waiting = 0;
  };
  Counts counts() const;

 private:
  // The writes inside a transaction are the writer thread's alone.
  using IncidentRepository::forget;
  using IncidentRepository::write_appended;
  using IncidentRepository::write_opened;
  using IncidentRepository::write_organisation;

  // One caller's write: `run` executes inside its savepoint and keeps its own
  // result; `finish` hands the result over once the batch's fate is known
  // (`lost`: the whole batch was rolled back, with this error).
  using Body = std::function<Result<void>(sql::Transaction&, KeptRecords&)>;
  struct QueuedWrite {
    Body run;
    std::function<void(const Error* lost)> finish;
  };

  template <class T>
  Result<T> write(const std::function<Result<T>(sql::Transaction&, KeptRecords&)>& body);
  void run_writer();
  void commit_batch(std::vector<QueuedWrite>& batch);

  GroupCommitOptions options_;

  mutable std::mutex queue_mutex_;
  std::condition_variable queue_ready_;
  std::deque<QueuedWrite> queue_;
  bool stopping_ = false;
  Counts counts_;

  std::thread writer_thread_;  // last: started once everything above exists
};

}  // namespace vigil::store
