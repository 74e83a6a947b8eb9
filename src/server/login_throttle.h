// Slows down password guessing and bounds what sign-in can cost.
//
// Failed sign-ins are counted per username at one client address and per
// client address over a sliding window; past either limit every attempt from
// there (right password or not) is refused with 429 until the window has
// passed. The check and the count are one step (begin): an attempt counts as
// failed from the moment it is admitted until it succeeds, so guesses sent in
// parallel all count. A user is never locked out from an address that has
// not failed (a stranger's guesses elsewhere cost the board member nothing).
//
// Password verification is memory-hard (Argon2id): at most `concurrent`
// verifications run at once, so sign-in memory stays bounded whatever
// arrives; an attempt that cannot start within `queue_wait` is refused.
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <semaphore>
#include <string>
#include <string_view>
#include <utility>

#include "core/time.h"

namespace vigil::server {

struct LoginLimits {
  int failures_per_user = 5;      // per username at one client address
  int failures_per_address = 20;  // per client address, whatever the usernames
  std::chrono::seconds window{15 * 60};
  int concurrent = 4;  // password verifications at once (each costs the Argon2id memory)
  std::chrono::milliseconds queue_wait{2'000};
};

class LoginThrottle {
 public:
  explicit LoginThrottle(LoginLimits limits = {});
  void set_limits(LoginLimits limits);  // before serving

  // Admits an attempt and counts it as failed at once; 0 when admitted, else
  // the seconds until one would be (nothing is counted then).
  std::chrono::seconds begin(std::string_view username, std::string_view address, Instant now);
  // The admitted attempt succeeded: it no longer counts, and the user's
  // failures at this address are forgiven.
  void succeeded(std::string_view username, std::string_view address, Instant now);

  // Seconds until an attempt is allowed again; 0 when allowed now (no count).
  std::chrono::seconds retry_after(std::string_view username, std::string_view address, Instant now);

  // A slot for one password verification: held for its lifetime. Empty (false)
  // when none became free within queue_wait.
  class Slot {
   public:
    Slot() = default;
    explicit Slot(std::counting_semaphore<>* semaphore) : semaphore_(semaphore) {}
    Slot(Slot&& other) noexcept : semaphore_(std::exchange(other.semaphore_, nullptr)) {}
    Slot& operator=(Slot&&) = delete;
    ~Slot() {
      if (semaphore_) semaphore_->release();
    }
    explicit operator bool() const { return semaphore_ != nullptr; }

   private:
    std::counting_semaphore<>* semaphore_ = nullptr;
  };
  Slot verification_slot();

 private:
  using Failures = std::deque<Instant>;
  std::chrono::seconds wait(Failures& failures, int limit, Instant now) const;
  static std::string user_key(std::string_view username, std::string_view address);
  LoginLimits limits_;
  std::mutex mutex_;
  std::map<std::string, Failures, std::less<>> by_user_;  // "address\nusername"
  std::map<std::string, Failures, std::less<>> by_address_;
  std::unique_ptr<std::counting_semaphore<>> verifications_;
};

}  // namespace vigil::server
