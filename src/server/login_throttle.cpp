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

std::chrono::seconds LoginThrottle::wait(std::deque<Instant>& failures, int limit, Instant now) const {
  while (!failures.empty() && failures.front() + limits_.window <= now) failures.pop_front();
  if (static_cast<int>(failures.size()) < limit) return std::chrono::seconds{0};
  // The oldest failure still counted must leave the window first.
  auto index = failures.size() - static_cast<std::size_t>(limit);
  return std::max(std::chrono::seconds{1},
                  std::chrono::duration_cast<std::chrono::seconds>(failures[index] + limits_.window - now));
}

LoginThrottle::Attempts& LoginThrottle::attempts(std::map<std::string, Attempts, std::less<>>& map,
                                                 std::string_view key) {
  auto it = map.find(key);
  if (it != map.end()) return it->second;
  if (map.size() >= kMaxTracked) {
    // Forget the first entry with nothing in progress (its count would be lost otherwise).
    for (auto old = map.begin(); old != map.end(); ++old) {
      if (old->second.in_progress == 0) {
        map.erase(old);
        break;
      }
    }
  }
  return map.emplace(std::string(key), Attempts{}).first->second;
}

void LoginThrottle::forget_if_idle(std::map<std::string, Attempts, std::less<>>& map, std::string_view key) {
  auto it = map.find(key);
  if (it != map.end() && it->second.in_progress == 0 && it->second.failures.empty()) map.erase(it);
}

LoginThrottle::Admission LoginThrottle::begin(std::string_view username, std::string_view address, Instant now) {
  const std::string key = user_key(username, address);
  const auto deadline = std::chrono::steady_clock::now() + limits_.queue_wait;
  std::unique_lock lock(mutex_);
  for (;;) {
    Attempts& user = attempts(by_user_, key);
    Attempts& from = attempts(by_address_, address);
    // Failures that happened refuse at once, for as long as they count.
    auto refused = std::max(wait(user.failures, limits_.failures_per_user, now),
                            wait(from.failures, limits_.failures_per_address, now));
    if (refused.count() > 0) return Admission{false, false, refused};
    bool room = static_cast<int>(user.failures.size()) + user.in_progress < limits_.failures_per_user &&
                static_cast<int>(from.failures.size()) + from.in_progress < limits_.failures_per_address;
    if (room) {
      ++user.in_progress;
      ++from.in_progress;
      return Admission{true, false, std::chrono::seconds{0}};
    }
    // Only attempts still in progress stand in the way: they may yet succeed.
    if (ended_.wait_until(lock, deadline) == std::cv_status::timeout) {
      forget_if_idle(by_user_, key);
      forget_if_idle(by_address_, address);
      return Admission{false, true, std::chrono::seconds{1}};
    }
  }
}

void LoginThrottle::finish(std::string_view username, std::string_view address, Instant now, Outcome outcome) {
  const std::string key = user_key(username, address);
  {
    std::lock_guard lock(mutex_);
    for (auto* map : {&by_user_, &by_address_}) {
      Attempts& a = attempts(*map, map == &by_user_ ? std::string_view(key) : address);
      if (a.in_progress > 0) --a.in_progress;
      if (outcome == Outcome::Failed) a.failures.push_back(now);
    }
    if (outcome == Outcome::Succeeded) {
      if (auto it = by_user_.find(key); it != by_user_.end()) it->second.failures.clear();
    }
    forget_if_idle(by_user_, key);
    forget_if_idle(by_address_, address);
  }
  ended_.notify_all();
}

LoginThrottle::Permit LoginThrottle::enter() {
  if (++signing_in_ > 3 * std::max(1, limits_.concurrent)) {
    --signing_in_;
    return Permit{};
  }
  return Permit{nullptr, &signing_in_};
}

LoginThrottle::Permit LoginThrottle::verification_slot() {
  if (!verifications_->try_acquire_for(limits_.queue_wait)) return Permit{};
  return Permit{verifications_.get(), nullptr};
}

}  // namespace vigil::server
