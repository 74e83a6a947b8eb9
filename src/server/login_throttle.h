// Slows down password guessing and bounds what sign-in can cost.
//
// Failed sign-ins are counted per username at one client address and per
// client address over a sliding window; past either limit every attempt from
// there (right password or not) is refused with 429 until the window has
// passed. An attempt in progress counts against the limits from the moment
// it is admitted (begin) until it ends (finish), so guesses sent in parallel
// all count; an attempt that only attempts in progress stand in the way of
// waits for them to end, so parallel right passwords are never mistaken for
// guesses. A user is never locked out from an address that has not failed.
//
// Password verification is memory-hard (Argon2id): at most `concurrent`
// verifications run at once and at most 3 × `concurrent` sign-ins are in
// progress at all, so sign-in memory and the worker threads it can hold stay
// bounded whatever arrives; a sign-in that cannot go on within `queue_wait`
// is answered 429 with Retry-After: 1 ("busy"), which does not count as a guess.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
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

  struct Admission {
    bool admitted = false;
    bool busy = false;                    // refused for load, not for failures
    std::chrono::seconds retry_after{0};  // when refused
  };
  // Admits an attempt (it counts until finish) or says when to retry. May
  // wait up to queue_wait for attempts in progress from the same user and
  // address to end.
  Admission begin(std::string_view username, std::string_view address, Instant now);
  enum class Outcome {
    Failed,        // a wrong password: counted at `now`
    Succeeded,     // forgives the user's failures at this address
    NotEvaluated,  // no password was checked (busy, a database error): no count
  };
  // The admitted attempt ended.
  void finish(std::string_view username, std::string_view address, Instant now, Outcome outcome);

  // A held permit (a sign-in in progress, or a password verification), given
  // back when it goes out of scope. Empty (false) when none could be had.
  class Permit {
   public:
    Permit() = default;
    Permit(std::counting_semaphore<>* semaphore, std::atomic<int>* counter)
        : semaphore_(semaphore), counter_(counter) {}
    Permit(Permit&& other) noexcept
        : semaphore_(std::exchange(other.semaphore_, nullptr)), counter_(std::exchange(other.counter_, nullptr)) {}
    Permit& operator=(Permit&&) = delete;
    ~Permit() {
      if (semaphore_) semaphore_->release();
      if (counter_) --*counter_;
    }
    explicit operator bool() const { return semaphore_ != nullptr || counter_ != nullptr; }

   private:
    std::counting_semaphore<>* semaphore_ = nullptr;
    std::atomic<int>* counter_ = nullptr;
  };
  // One of the 3 × concurrent places for a sign-in in progress (no wait).
  Permit enter();
  // One of the `concurrent` password verifications (waits up to queue_wait).
  Permit verification_slot();

 private:
  struct Attempts {
    std::deque<Instant> failures;
    int in_progress = 0;
  };
  std::chrono::seconds wait(std::deque<Instant>& failures, int limit, Instant now) const;
  static std::string user_key(std::string_view username, std::string_view address);
  Attempts& attempts(std::map<std::string, Attempts, std::less<>>& map, std::string_view key);
  void forget_if_idle(std::map<std::string, Attempts, std::less<>>& map, std::string_view key);

  LoginLimits limits_;
  std::mutex mutex_;
  std::condition_variable ended_;
  std::map<std::string, Attempts, std::less<>> by_user_;  // "address\nusername"
  std::map<std::string, Attempts, std::less<>> by_address_;
  std::unique_ptr<std::counting_semaphore<>> verifications_;
  std::atomic<int> signing_in_{0};
};

}  // namespace vigil::server
