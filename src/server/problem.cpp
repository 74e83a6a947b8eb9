#include "server/problem.h"

#include <nlohmann/json.hpp>

#include "core/text.h"

namespace vigil::server {

int http_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::InvalidInput: return 400;
    case ErrorCode::NotFound: return 404;
    case ErrorCode::Conflict: return 409;
    case ErrorCode::Unauthorized: return 401;
    case ErrorCode::Forbidden: return 403;
    case ErrorCode::LimitExceeded: return 429;
    case ErrorCode::Io: return 500;
    case ErrorCode::Internal: return 500;
  }
  return 500;
}

bool is_internal(const Error& error) { return error.code == ErrorCode::Io || error.code == ErrorCode::Internal; }

// At most this many entries in a problem's `errors` (a 240 KB SoA can hold
// 30 000 mistakes; the first hundred say what to fix).
constexpr std::size_t kMaxListedErrors = 100;

static nlohmann::json document(int status, std::string_view detail, std::string_view request_id) {
  nlohmann::json body = {{"type", "about:blank"}, {"title", reason_phrase(status)}, {"status", status}};
  // Whatever a handler quoted, the answer holds no control characters and no
  // value echoed whole.
  if (!detail.empty()) body["detail"] = message_text(detail);
  if (!request_id.empty()) body["request_id"] = request_id;
  return body;
}

static Response respond(int status, const nlohmann::json& body) {
  Response r;
  r.status = status;
  r.content_type = "application/problem+json";
  // Replace, never throw: a detail quoting a user's bytes must still serialise.
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

Response problem(int status, std::string_view detail, std::string_view request_id) {
  return respond(status, document(status, detail, request_id));
}

Response problem(const Error& error, std::string_view request_id) {
  int status = http_status(error.code);
  if (is_internal(error)) {
    return problem(status, "The server could not complete the request; quote the request id to the operator.",
                   request_id);
  }
  std::string detail = error.where.empty() ? error.message : error.where + ": " + error.message;
  nlohmann::json body = document(status, detail, request_id);
  if (error.code == ErrorCode::InvalidInput) {
    nlohmann::json list = nlohmann::json::array();
    auto add = [&](const Error& e) {
      list.push_back({{"where", message_text(e.where, 300)}, {"message", message_text(e.message)}});
    };
    add(error);
    for (std::size_t i = 0; i < error.more.size() && list.size() < kMaxListedErrors; ++i) add(error.more[i]);
    body["errors"] = list;
    if (error.more.size() + 1 > list.size()) body["more_errors"] = error.more.size() + 1 - list.size();
  }
  return respond(status, body);
}

}  // namespace vigil::server
