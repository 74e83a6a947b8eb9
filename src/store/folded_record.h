// An incident's record folded from its entries and kept between appends, so
// that appending costs the same at the 10 000th entry as at the 10th: folding
// the next entry in is O(1), and so is handing the result over. The caller
// rebuilds its own copy of the record from the snapshot on its own thread,
// because the server's single writer must not copy 10 000 entries per append.
#pragma once

#include <cstdint>
#include <memory>

#include "core/error.h"
#include "incident/event_log.h"
#include "incident/incident.h"

namespace vigil::store {

struct FoldedEntry;  // one entry after the snapshot's base (folded_record.cpp)

// The record as it stood after one append, in a form that costs O(1) to take
// and is never changed afterwards (safe to read on another thread).
struct RecordSnapshot {
  std::shared_ptr<const incident::Incident> base;  // the record some entries earlier
  std::shared_ptr<const FoldedEntry> newest;       // the entries after it, newest first

  // The record: a copy of `base` with the entries after it folded in.
  Result<incident::Incident> record() const;
};

class FoldedRecord {
 public:
  // From a record just replayed from its entries.
  explicit FoldedRecord(incident::Incident record);

  const incident::Incident& record() const { return current_; }
  incident::ChainHead head() const { return {current_.event_count, current_.head_hash}; }

  // Folds the next sealed entry in. After an error the record may be half
  // changed: the caller drops it.
  Result<void> fold(const incident::Event& event);

  RecordSnapshot snapshot() const { return {base_, newest_}; }

 private:
  incident::Incident current_;
  // Renewed (one copy of current_) once the entries after it pass a 64th of
  // the record's length, so a snapshot is cheap to take and to rebuild from.
  std::shared_ptr<const incident::Incident> base_;
  std::shared_ptr<const FoldedEntry> newest_;
  std::int64_t entries_after_base_ = 0;
};

}  // namespace vigil::store
