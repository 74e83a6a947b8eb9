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
