#include "server/login_throttle.h"

#include <algorithm>

namespace vigil::server {

namespace {
// Bounds the memory a spray of invented usernames or addresses can take.
constexpr std::size_t kMaxTracked = 100'000;
}  // namespace

LoginThrottle::LoginThrottle(LoginLimits limits) { set_limits(limits); }

void LoginThrottle::set_limits(LoginLimits limits) {
  limits_ = limits;
  verifications_ = std::make_unique<std::counting_semaphore<>>(std::max(1, limits.concurrent));
}

std::string LoginThrottle::user_key(std::string_view username, std::string_view address) {
  std::string key(address);
  key += '\n';
  key += username;
  return key;
}

std::chrono::seconds LoginThrottle::wait(Failures& failures, int limit, Instant now) const {
  while (!failures.empty() && failures.front() + limits_.window <= now) failures.pop_front();
  if (static_cast<int>(failures.size()) < limit) return std::chrono::seconds{0};
  // The oldest failure still counted must leave the window first.
  auto index = failures.size() - static_cast<std::size_t>(limit);
  return std::max(std::chrono::seconds{1},
                  std::chrono::duration_cast<std::chrono::seconds>(failures[index] + limits_.window - now));
}

std::chrono::seconds LoginThrottle::retry_after(std::string_view username, std::string_view address, Instant now) {
  std::lock_guard lock(mutex_);
  std::chrono::seconds result{0};
  if (auto it = by_user_.find(user_key(username, address)); it != by_user_.end()) {
    result = std::max(result, wait(it->second, limits_.failures_per_user, now));
  }
  if (auto it = by_address_.find(address); it != by_address_.end()) {
    result = std::max(result, wait(it->second, limits_.failures_per_address, now));
  }
  return result;
}

std::chrono::seconds LoginThrottle::begin(std::string_view username, std::string_view address, Instant now) {
  std::lock_guard lock(mutex_);
  const std::string key = user_key(username, address);
  auto user = by_user_.find(key);
  auto from = by_address_.find(address);
  std::chrono::seconds result{0};
  if (user != by_user_.end()) result = std::max(result, wait(user->second, limits_.failures_per_user, now));
  if (from != by_address_.end()) result = std::max(result, wait(from->second, limits_.failures_per_address, now));
  if (result.count() > 0) return result;
  if (user == by_user_.end()) {
    if (by_user_.size() >= kMaxTracked) by_user_.erase(by_user_.begin());
    user = by_user_.emplace(key, Failures{}).first;
  }
  if (from == by_address_.end()) {
    if (by_address_.size() >= kMaxTracked) by_address_.erase(by_address_.begin());
    from = by_address_.emplace(std::string(address), Failures{}).first;
  }
  user->second.push_back(now);
  from->second.push_back(now);
  return result;
}

void LoginThrottle::succeeded(std::string_view username, std::string_view address, Instant now) {
  std::lock_guard lock(mutex_);
  by_user_.erase(user_key(username, address));
  if (auto it = by_address_.find(address); it != by_address_.end()) {
    // Withdraw this attempt's own provisional count (the newest at `now`).
    auto& failures = it->second;
    for (auto f = failures.rbegin(); f != failures.rend(); ++f) {
      if (*f == now) {
        failures.erase(std::next(f).base());
        break;
      }
    }
    if (failures.empty()) by_address_.erase(it);
  }
}

LoginThrottle::Slot LoginThrottle::verification_slot() {
  if (!verifications_->try_acquire_for(limits_.queue_wait)) return Slot{};
  return Slot{verifications_.get()};
}

}  // namespace vigil::server
