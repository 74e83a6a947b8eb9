// The folded records of the incidents a store appended to lately, so that an
// append neither reads nor replays the incident's whole log. An append takes
// its incident's record out, folds the new entry in and keeps it again.
//
// A record is handed out only while the incident's row, read inside the write
// transaction, shows the head the record was folded to (event_count and
// head_hash, written in the same transaction as every entry). A write by
// another process or server on the same database, or one that was rolled
// back, leaves the row at another head; the store then replays the log once
// and keeps the result. So a kept record can make an append faster, never
// chain it onto a stale head. Bounded: the least recently kept go first.
// Thread-safe (on PostgreSQL the repository appends from several threads).
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "incident/event_log.h"
#include "store/folded_record.h"

namespace vigil::store {

struct FoldedLimits {
  std::size_t records = 4096;
  // Entries over all kept records: a kept record and its snapshot base take
  // about 600 bytes per entry, so at most about 120 MB.
  std::int64_t entries = 200'000;
};

class FoldedIncidents {
 public:
  explicit FoldedIncidents(FoldedLimits limits = {}) : limits_(limits) {}

  // The kept record of the incident if it was folded to `row_head`; nullopt
  // otherwise (a record folded to another head is dropped).
  std::optional<FoldedRecord> take(std::string_view org, std::string_view incident_id,
                                   const incident::ChainHead& row_head);
  // Keeps `record` as the most recent, dropping the least recent beyond the
  // limits (the newest is kept even when it alone is over them).
  void keep(std::string_view org, std::string_view incident_id, FoldedRecord record);
  void forget(std::string_view org, std::string_view incident_id);

  std::size_t size() const;

 private:
  struct Kept {
    std::string key;
    FoldedRecord record;
  };
  static std::string key(std::string_view org, std::string_view incident_id);

  FoldedLimits limits_;
  mutable std::mutex mutex_;
  std::list<Kept> recent_;  // most recently kept first
  std::unordered_map<std::string, std::list<Kept>::iterator> by_key_;
  std::int64_t entries_ = 0;
};

}  // namespace vigil::store
