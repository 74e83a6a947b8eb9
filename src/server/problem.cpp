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

std::string advice(const Hint& hint) {
  const std::string& id = hint.subject;
  switch (hint.kind) {
    case HintKind::None: return "";
    case HintKind::ShowEntityType: return "; GET /api/v1/catalog/" + id + " shows it";
    case HintKind::ShowStandard: return "; GET /api/v1/standard/" + id + " shows how it maps";
    case HintKind::ShowIrPoint:
      return "; GET /api/v1/catalog/" + id +
             " lists its ISO/IEC 27001 counterparts and the NIS2 requirement it implements";
    case HintKind::ShowIrSection:
      return "; GET /api/v1/catalog/" + id +
             " lists its points and GET /api/v1/coverage?regulation=ir-2024-2690 how far ISO/IEC 27001 carries it";
    case HintKind::ListExercises: return " (see GET /api/v1/orgs/{org}/exercises)";
    case HintKind::ShowScenario: return " (see GET /api/v1/exercise/scenarios/" + id + ")";
    case HintKind::ExerciseScoreJson: return ", as POST /api/v1/exercise/score answers it";
    case HintKind::ImportArchive: return "";
    case HintKind::SealKeyFormat: return "";
    case HintKind::GiveSealKey: return "; the server needs the seal key (seal_key, VIGIL_SEAL_KEY)";
    case HintKind::VerifyChains: return "; GET /api/v1/orgs/{org}/audit/verify names the entry that does not match";
    case HintKind::StoreSupplierRegister: return "; store one first (PUT /api/v1/orgs/" + id + "/suppliers)";
    case HintKind::ListSupplierIds: return "; list the ids with GET /api/v1/orgs/" + id + "/suppliers/directory";
  }
  return "";
}

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
  const std::string message = error.message + advice(error.hint);
  std::string detail = error.where.empty() ? message : error.where + ": " + message;
  nlohmann::json body = document(status, detail, request_id);
  if (error.code == ErrorCode::InvalidInput) {
    nlohmann::json list = nlohmann::json::array();
    auto add = [&](const Error& e) {
      list.push_back({{"where", message_text(e.where, 300)}, {"message", message_text(e.message + advice(e.hint))}});
    };
    add(error);
    for (std::size_t i = 0; i < error.more.size() && list.size() < kMaxListedErrors; ++i) add(error.more[i]);
    body["errors"] = list;
    if (error.more.size() + 1 > list.size()) body["more_errors"] = error.more.size() + 1 - list.size();
  }
  return respond(status, body);
}

}  // namespace vigil::server
