// Errors on the wire: RFC 9457 problem documents (application/problem+json).
// This is the one place an Error becomes an HTTP status. Internal and storage
// errors never show their detail to the client; the caller logs it with the
// request id, which the problem carries so an operator can find the log line.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"
#include "server/http.h"

namespace vigil::server {

int http_status(ErrorCode code);

// A problem document with a title from the status and the given detail.
Response problem(int status, std::string_view detail, std::string_view request_id = {});

// The next step an error's hint names, as this API offers it (a route); ""
// for none, or where the API has no such step. The API's one table of hints.
std::string advice(const Hint& hint);

// From an Error (each message with its advice): input errors list every field ("errors": [{where, message}]);
// Io and Internal errors become a generic 500 with no internal detail.
Response problem(const Error& error, std::string_view request_id = {});

// True when the error's detail must stay in the server log.
bool is_internal(const Error& error);

}  // namespace vigil::server
