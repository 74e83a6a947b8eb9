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

Request to_request(const boost::beast::http::request<boost::beast::http::string_body>& message,
                   const std::string& remote);

}  // namespace vigil::server
