// Errors: the errors found in one input, collected so that a user sees them
// all at once and handed on as one Error (the first, the rest in `more`).
// Every reader or check that goes on after a first error collects into one.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/time.h"

namespace vigil {

// The earliest time Vigil accepts for an event of the record: 2000-01-01
// 00:00:00 UTC. Not a rule of law (NIS2 dates from 2022): a guard against
// a mistyped year, well before any incident an entity would still record.
inline constexpr Instant kEarliestPlausibleTime{std::chrono::sys_days{std::chrono::year{2000} / 1 / 1}};

class Errors {
 public:
  void add(Error error) { list_.push_back(std::move(error)); }
  void add(std::string where, std::string message);  // an InvalidInput error
  // `error` and each error it carries, each an entry of its own.
  void add_flat(Error error);
  // Another collector's errors, after these.
  void append(Errors other);
  // The error of a failed result, if it failed.
  template <class T>
  void add_if_failed(const Result<T>& result) {
    if (!result) add(result.error());
  }

  bool empty() const { return list_.empty(); }
  std::size_t size() const { return list_.size(); }
  const std::vector<Error>& list() const { return list_; }
  std::vector<Error>& list() { return list_; }  // to order or cut them before result()

  // Success when nothing was collected, else the errors as one (combine()).
  // The collector is empty afterwards.
  Result<void> result();

  // Checks of user-given values.
  // A required value: not blank, and nothing in it that could hide or reorder
  // what a reader sees (core/text.h unsafe_text).
  void require_text(const std::string& value, std::string where, std::string_view what, bool multiline = false);
  void safe(std::string_view value, std::string where, bool multiline);
  void safe(const std::vector<std::string>& values, const std::string& where);  // each, as where[1], where[2], ...
  // A time a user gives for something that happened: not after `now`, and
  // not before kEarliestPlausibleTime (a year typed as 0001 or 1024 is a
  // slip, not a record).
  void plausible_past(Instant t, Instant now, std::string where);

 private:
  std::vector<Error> list_;
};

}  // namespace vigil
