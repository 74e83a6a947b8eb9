// The HTTP exchange as the rest of the server sees it: a plain request and
// response, with no Boost.Beast type in sight. Only http_listener.cpp speaks
// Beast; router, handlers and auth work on these structs, so they compile fast
// and can be tested without a socket.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vigil::server {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method;  // "GET"
  std::string target;  // "/api/v1/orgs/acme/incidents?status=open"
  std::string path;    // "/api/v1/orgs/acme/incidents"
  std::string query;   // "status=open"
  Headers headers;     // names as received; header() compares case-insensitively
  std::string body;
  std::string remote_address;  // "127.0.0.1"

  // The first header of that name (case-insensitive), or nullopt.
  std::optional<std::string_view> header(std::string_view name) const;
  // A query parameter (percent-decoded), or nullopt.
  std::optional<std::string> query_param(std::string_view name) const;
  // The names of the query's parameters, decoded, in order (repeats kept).
  std::vector<std::string> query_names() const;
  // A cookie from the Cookie header, or nullopt.
  std::optional<std::string> cookie(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  Headers headers;  // extra headers (Set-Cookie, ETag, Location, ...)
  std::string body;

  void set_header(std::string name, std::string value);
  std::optional<std::string_view> header(std::string_view name) const;
};

bool iequals(std::string_view a, std::string_view b);
std::string percent_decode(std::string_view text);
// Splits "path?query" into its two parts.
std::pair<std::string, std::string> split_target(std::string_view target);

// A Content-Disposition for a download (RFC 6266): an ASCII fallback
// (printable ASCII, others as '_'; `fallback` when nothing is left) and the
// exact name as filename*=UTF-8''... (RFC 8187). Never breaks the header,
// whatever the name holds.
std::string attachment_disposition(std::string_view file_name, std::string_view fallback);

// The reason phrase of a status code ("Not Found").
std::string_view reason_phrase(int status);

}  // namespace vigil::server
