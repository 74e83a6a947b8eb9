#include "core/error.h"

namespace vigil {

Error combine(std::vector<Error> errors) {
  Error first = std::move(errors.front());
  for (std::size_t i = 1; i < errors.size(); ++i) {
    first.more.push_back(std::move(errors[i]));
  }
  return first;
}

namespace {
void append_line(std::string& out, const Error& e) {
  if (!e.where.empty()) {
    out += e.where;
    out += ": ";
  }
  out += e.message;
  out += '\n';
}
}  // namespace

Error prefixed(Error error, std::string_view prefix) {
  if (error.where.empty()) {
    std::string_view bare = prefix;
    while (!bare.empty() && (bare.back() == ' ' || bare.back() == ':' || bare.back() == '.')) bare.remove_suffix(1);
    error.where = std::string(bare);
  } else {
    error.where.insert(0, prefix);
  }
  for (auto& more : error.more) more = prefixed(std::move(more), prefix);
  return error;
}

Error respelled(Error error, std::initializer_list<Spelling> spellings) {
  std::string_view where = error.where;
  std::size_t end = where.find_first_of("[.:");
  std::string_view field = where.substr(0, end);
  for (const auto& s : spellings) {
    if (s.field == field) {
      error.where = std::string(s.spelled) + std::string(where.substr(field.size()));
      break;
    }
  }
  for (auto& more : error.more) more = respelled(std::move(more), spellings);
  return error;
}

std::string describe(const Error& error) {
  std::string out;
  append_line(out, error);
  for (const Error& e : error.more) append_line(out, e);
  return out;
}

const char* code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::InvalidInput: return "invalid_input";
    case ErrorCode::NotFound: return "not_found";
    case ErrorCode::Conflict: return "conflict";
    case ErrorCode::Unauthorized: return "unauthorized";
    case ErrorCode::Forbidden: return "forbidden";
    case ErrorCode::LimitExceeded: return "limit_exceeded";
    case ErrorCode::Io: return "io";
    case ErrorCode::Internal: return "internal";
  }
  return "internal";
}

}  // namespace vigil
