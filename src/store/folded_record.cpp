#include "store/folded_record.h"

#include <algorithm>
#include <vector>

#include "tzdata/zones.h"

namespace vigil::store {

struct FoldedEntry {
  incident::Event event;
  std::shared_ptr<const FoldedEntry> before;
};

namespace {

// How many entries a snapshot may carry beside its base. Renewing the base
// copies the record on the writer; rebuilding from a snapshot copies the base
// and folds these entries in (parsing each payload again, some 25 times the
// cost of copying an entry) on the caller's thread. A 64th of the length
// keeps the writer's share near 64 entry copies per append at any length and
// the caller's folding below a fifth of its copying; the cap bounds the chain
// of nodes on huge incidents.
std::int64_t entries_beside_base(std::int64_t event_count) {
  return std::clamp<std::int64_t>(event_count / 64, 0, 1024);
}

}  // namespace

Result<incident::Incident> RecordSnapshot::record() const {
  std::vector<const incident::Event*> after;
  for (const FoldedEntry* entry = newest.get(); entry; entry = entry->before.get()) after.push_back(&entry->event);
  incident::Incident out = *base;
  for (auto it = after.rbegin(); it != after.rend(); ++it) TRY(incident::apply(out, **it, tzdata::zones()));
  return out;
}

FoldedRecord::FoldedRecord(incident::Incident record)
    : current_(std::move(record)), base_(std::make_shared<const incident::Incident>(current_)) {}

Result<void> FoldedRecord::fold(const incident::Event& event) {
  TRY(incident::apply(current_, event, tzdata::zones()));
  if (++entries_after_base_ > entries_beside_base(current_.event_count)) {
    base_ = std::make_shared<const incident::Incident>(current_);
    newest_.reset();
    entries_after_base_ = 0;
  } else {
    newest_ = std::make_shared<const FoldedEntry>(FoldedEntry{event, newest_});
  }
  return {};
}

}  // namespace vigil::store
