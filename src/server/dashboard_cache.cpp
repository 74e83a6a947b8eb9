#include "server/dashboard_cache.h"

namespace vigil::server {

std::uint64_t DashboardCache::generation(std::string_view org) const {
  std::lock_guard lock(mutex_);
  auto found = generations_.find(org);
  return found == generations_.end() ? 0 : found->second;
}

std::optional<std::string> DashboardCache::get(std::string_view org, Instant now) const {
  std::lock_guard lock(mutex_);
  auto entry = entries_.find(org);
  if (entry == entries_.end() || entry->second.built_for != now) return std::nullopt;
  auto generation = generations_.find(org);
  if (entry->second.generation != (generation == generations_.end() ? 0 : generation->second)) return std::nullopt;
  return entry->second.body;
}

void DashboardCache::put(std::string_view org, Instant now, std::uint64_t generation, std::string body) {
  std::lock_guard lock(mutex_);
  auto current = generations_.find(org);
  if (generation != (current == generations_.end() ? 0 : current->second)) return;  // a write came meanwhile
  auto entry = entries_.find(org);
  if (entry == entries_.end()) entry = entries_.emplace(std::string(org), Entry{}).first;
  entry->second = Entry{generation, now, std::move(body)};
}

void DashboardCache::invalidate(std::string_view org) {
  std::lock_guard lock(mutex_);
  auto found = generations_.find(org);
  if (found == generations_.end()) found = generations_.emplace(std::string(org), 0).first;
  ++found->second;
}

}  // namespace vigil::server
