#include "server/login_throttle.h"

#include <algorithm>

namespace vigil::server {

std::chrono::seconds LoginThrottle::wait(Failures& failures, int limit, Instant now) {
  while (!failures.empty() && failures.front() + limits_.window <= now) failures.pop_front();
  if (static_cast<int>(failures.size()) < limit) return std::chrono::seconds{0};
  // The oldest failure still counted must leave the window first.
  auto index = failures.size() - static_cast<std::size_t>(limit);
  return std::chrono::duration_cast<std::chrono::seconds>(failures[index] + limits_.window - now);
}

std::chrono::seconds LoginThrottle::retry_after(std::string_view username, std::string_view address, Instant now) {
  std::lock_guard lock(mutex_);
  std::chrono::seconds result{0};
  if (auto it = by_user_.find(username); it != by_user_.end()) {
    result = std::max(result, wait(it->second, limits_.failures_per_user, now));
  }
  if (auto it = by_address_.find(address); it != by_address_.end()) {
    result = std::max(result, wait(it->second, limits_.failures_per_address, now));
  }
  return result;
}

void LoginThrottle::record_failure(std::string_view username, std::string_view address, Instant now) {
  std::lock_guard lock(mutex_);
  // Bound memory under a spray of invented usernames: forget the oldest user.
  if (by_user_.size() > 100'000) by_user_.erase(by_user_.begin());
  if (by_address_.size() > 100'000) by_address_.erase(by_address_.begin());
  by_user_[std::string(username)].push_back(now);
  by_address_[std::string(address)].push_back(now);
}

void LoginThrottle::record_success(std::string_view username) {
  std::lock_guard lock(mutex_);
  if (auto it = by_user_.find(username); it != by_user_.end()) by_user_.erase(it);
}

}  // namespace vigil::server
