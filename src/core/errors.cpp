#include "core/errors.h"

#include <fmt/format.h>

#include "core/text.h"

namespace vigil {

void Errors::add(std::string where, std::string message) {
  list_.push_back(Error{ErrorCode::InvalidInput, std::move(where), std::move(message), {}});
}

void Errors::add_flat(Error error) {
  std::vector<Error> more = std::move(error.more);
  error.more.clear();
  list_.push_back(std::move(error));
  for (auto& e : more) add_flat(std::move(e));
}

void Errors::append(Errors other) {
  for (auto& e : other.list_) list_.push_back(std::move(e));
}

Result<void> Errors::result() {
  if (list_.empty()) return {};
  std::vector<Error> all = std::move(list_);
  list_.clear();
  return tl::unexpected(combine(std::move(all)));
}

void Errors::require_text(const std::string& value, std::string where, std::string_view what, bool multiline) {
  if (is_blank(value)) add(std::move(where), fmt::format("is required: {}", what));
  else safe(value, std::move(where), multiline);
}

void Errors::safe(std::string_view value, std::string where, bool multiline) {
  if (auto problem = unsafe_text(value, multiline)) add(std::move(where), *problem);
}

void Errors::safe(const std::vector<std::string>& values, const std::string& where) {
  for (std::size_t i = 0; i < values.size(); ++i) safe(values[i], fmt::format("{}[{}]", where, i + 1), true);
}

void Errors::plausible_past(Instant t, Instant now, std::string where) {
  if (t > now) add(std::move(where), fmt::format("{} is in the future (now is {})", format_utc(t), format_utc(now)));
  else if (t < kEarliestPlausibleTime)
    add(std::move(where), fmt::format("{} is before {}: give the year in full (e.g. 2026-03-14T09:30:00Z)",
                                      format_utc(t), format_utc(kEarliestPlausibleTime)));
}

}  // namespace vigil
