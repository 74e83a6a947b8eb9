// The organisation dashboard is read far more often than records change, and
// building it (every active incident's listing row, the compliance summary) is
// most of its cost. This memo keeps the rendered body for the current second:
// a write through this server to the organisation drops it at once; a write
// through another server on the same PostgreSQL database shows within one
// second (the dashboard's own resolution: its as_of and overdue flags are to
// the second).
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/time.h"

namespace vigil::server {

class DashboardCache {
 public:
  // Read before building a body, passed back to put(): a write in between makes the body stale.
  std::uint64_t generation(std::string_view org) const;
  // The body built for this second, unless a write came since.
  std::optional<std::string> get(std::string_view org, Instant now) const;
  void put(std::string_view org, Instant now, std::uint64_t generation, std::string body);
  // After a state-changing request to the organisation succeeded.
  void invalidate(std::string_view org);

 private:
  struct Entry {
    std::uint64_t generation = 0;
    Instant built_for{};
    std::string body;
  };
  mutable std::mutex mutex_;
  std::map<std::string, std::uint64_t, std::less<>> generations_;
  std::map<std::string, Entry, std::less<>> entries_;
};

}  // namespace vigil::server
