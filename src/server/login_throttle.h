// Slows down password guessing: failed sign-ins are counted per username and
// per client address over a sliding window; past the limit every attempt
// (right password or not) is refused with 429 until the window has passed.
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "core/time.h"

namespace vigil::server {

struct LoginLimits {
  int failures_per_user = 5;
  int failures_per_address = 20;
  std::chrono::seconds window{15 * 60};
};

class LoginThrottle {
 public:
  explicit LoginThrottle(LoginLimits limits = {}) : limits_(limits) {}
  void set_limits(LoginLimits limits) { limits_ = limits; }  // before serving
  // Seconds until an attempt is allowed again; 0 when allowed now.
  std::chrono::seconds retry_after(std::string_view username, std::string_view address, Instant now);
  void record_failure(std::string_view username, std::string_view address, Instant now);
  void record_success(std::string_view username);  // forgives the user's failures

 private:
  using Failures = std::deque<Instant>;
  std::chrono::seconds wait(Failures& failures, int limit, Instant now);
  LoginLimits limits_;
  std::mutex mutex_;
  std::map<std::string, Failures, std::less<>> by_user_;
  std::map<std::string, Failures, std::less<>> by_address_;
};

}  // namespace vigil::server
