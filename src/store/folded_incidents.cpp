#include "store/folded_incidents.h"

#include <utility>
#include <vector>

namespace vigil::store {

std::string FoldedIncidents::key(std::string_view org, std::string_view incident_id) {
  // Length-prefixed: no org id can make two pairs meet.
  return std::to_string(org.size()) + ":" + std::string(org) + std::string(incident_id);
}

std::optional<FoldedRecord> FoldedIncidents::take(std::string_view org, std::string_view incident_id,
                                                  const incident::ChainHead& row_head) {
  std::optional<FoldedRecord> taken;
  {
    std::lock_guard lock(mutex_);
    auto found = by_key_.find(key(org, incident_id));
    if (found == by_key_.end()) return std::nullopt;
    auto kept = found->second;
    entries_ -= kept->record.record().event_count;
    taken.emplace(std::move(kept->record));
    by_key_.erase(found);
    recent_.erase(kept);
  }
  const incident::ChainHead head = taken->head();
  if (head.seq != row_head.seq || head.hash != row_head.hash) return std::nullopt;  // stale: freed here, unlocked
  return taken;
}

void FoldedIncidents::keep(std::string_view org, std::string_view incident_id, FoldedRecord record) {
  std::vector<FoldedRecord> dropped;  // freed after the lock is released
  std::lock_guard lock(mutex_);
  std::string k = key(org, incident_id);
  if (auto found = by_key_.find(k); found != by_key_.end()) {
    entries_ -= found->second->record.record().event_count;
    dropped.push_back(std::move(found->second->record));
    recent_.erase(found->second);
    by_key_.erase(found);
  }
  entries_ += record.record().event_count;
  recent_.push_front(Kept{k, std::move(record)});
  by_key_.emplace(std::move(k), recent_.begin());
  while (recent_.size() > 1 && (recent_.size() > limits_.records || entries_ > limits_.entries)) {
    Kept& oldest = recent_.back();
    entries_ -= oldest.record.record().event_count;
    by_key_.erase(oldest.key);
    dropped.push_back(std::move(oldest.record));
    recent_.pop_back();
  }
}

void FoldedIncidents::forget(std::string_view org, std::string_view incident_id) {
  std::optional<FoldedRecord> dropped;
  std::lock_guard lock(mutex_);
  auto found = by_key_.find(key(org, incident_id));
  if (found == by_key_.end()) return;
  entries_ -= found->second->record.record().event_count;
  dropped.emplace(std::move(found->second->record));
  recent_.erase(found->second);
  by_key_.erase(found);
}

std::size_t FoldedIncidents::size() const {
  std::lock_guard lock(mutex_);
  return recent_.size();
}

}  // namespace vigil::store
