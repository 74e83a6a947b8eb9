// Parsing a request from bytes in memory with the listener's own Beast parser
// and limits (http_listener.h, parse_request). Kept apart from the listener's
// coroutines so that the fuzzing build can instrument it: clang 14 cannot
// emit coverage tables for coroutine code.
#include "server/http_parse.h"

#include <cstdint>
#include <limits>
#include <tuple>

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/parser.hpp>

#include "server/http_listener.h"

namespace vigil::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;

Request to_request(const http::request_header<>& head, const std::string& remote) {
  Request request;
  request.method = std::string(head.method_string());
  request.target = std::string(head.target());
  std::tie(request.path, request.query) = split_target(request.target);
  for (const auto& field : head) {
    request.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  request.remote_address = remote;
  return request;
}

bool plain_framing(const http::request_header<>& head) {
  int codings = 0;
  for (const auto& field : head) {
    if (!iequals(std::string_view(field.name_string().data(), field.name_string().size()), "Transfer-Encoding")) {
      continue;
    }
    if (++codings > 1) return false;
    std::string_view value(field.value().data(), field.value().size());
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
    if (!iequals(value, "chunked")) return false;
  }
  return true;
}

ParsedRequest parse_request(std::string_view bytes, const ListenerOptions& options, const ListenerHandlers& handlers) {
  ParsedRequest out;
  http::request_parser<http::string_body> parser;
  parser.eager(false);
  parser.header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
  parser.body_limit(
      std::numeric_limits<std::uint64_t>::max());  // as serve(): the route's limit once the target is known
  beast::error_code ec;
  std::size_t used = 0;
  auto status_of = [](const beast::error_code& error) {
    if (error == http::error::header_limit) return 431;
    if (error == http::error::body_limit) return 413;
    return 400;
  };
  while (!ec && !parser.is_header_done() && used < bytes.size()) {
    used += parser.put(asio::buffer(bytes.data() + used, bytes.size() - used), ec);
    if (ec == http::error::need_more) break;
  }
  if (ec && ec != http::error::need_more) return ParsedRequest{status_of(ec), {}};
  if (!parser.is_header_done() || !plain_framing(parser.get())) return ParsedRequest{400, {}};
  std::size_t limit = options.max_body_bytes;
  if (handlers.body_limit) {
    auto target = parser.get().target();
    auto method = parser.get().method_string();
    auto [path, query] = split_target(std::string_view(target.data(), target.size()));
    limit = handlers.body_limit(std::string_view(method.data(), method.size()), path);
    parser.body_limit(limit);
  }
  if (parser.content_length() && *parser.content_length() > limit) return ParsedRequest{413, {}};
  parser.eager(true);
  ec = {};
  while (!ec && !parser.is_done() && used < bytes.size()) {
    std::size_t n = parser.put(asio::buffer(bytes.data() + used, bytes.size() - used), ec);
    used += n;
    if (n == 0 && !ec) break;
  }
  if (!parser.is_done() && !ec && parser.need_eof()) parser.put_eof(ec);
  if (ec || !parser.is_done()) return ParsedRequest{ec ? status_of(ec) : 400, {}};
  out.request = to_request(parser.get(), "127.0.0.1");
  out.request.body = parser.get().body();
  return out;
}

}  // namespace vigil::server
