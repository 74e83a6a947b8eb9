// The one conversion from Beast's request to the server's plain Request,
// shared by the listener (http_listener.cpp) and parse_request
// (http_parse.cpp). Internal to the server's network edge: nothing else
// includes Beast.
#pragma once

#include <string>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "server/http.h"

namespace vigil::server {

// The request line and headers as a Request; the body is the caller's (a
// string body in memory, or a spooled file read back by the worker).
Request to_request(const boost::beast::http::request_header<>& head, const std::string& remote);

// Whether the request's framing is one this server reads unambiguously: no
// Transfer-Encoding, or exactly one saying "chunked". Any other coding
// (gzip, "chunked, gzip", "chunked, chunked", identity) is refused with 400
// and the connection closed (RFC 9112 section 6.1), so that leftover bytes
// can never be read as a second, smuggled request.
bool plain_framing(const boost::beast::http::request_header<>& head);

}  // namespace vigil::server
