// The network edge of `vigil serve`: accepts HTTP/1.1 connections (keep-alive)
// on one I/O thread per core, enforces the size and time limits, and hands
// each complete request to a handler run on a small worker pool, so database
// and report work never blocks a network thread. It is the only place that
// knows Boost.Beast; a Beast translation unit is slow to compile, so keep it so.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "server/http.h"

namespace vigil::server {

struct ListenerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;                 // 0 picks a free port (tests)
  int io_threads = 0;                        // 0: one per core
  int workers = 4;                           // threads that run handlers (database work)
  std::size_t max_header_bytes = 16 * 1024;  // beyond: 431
  std::size_t max_body_bytes = 1024 * 1024;  // beyond: 413 (unless body_limit says otherwise)
  // A request must arrive whole within this time once its first byte has come;
  // a client that trickles bytes (slowloris) is cut off.
  std::chrono::milliseconds read_timeout{10'000};
  // A keep-alive connection with no request in progress is closed after this.
  std::chrono::milliseconds idle_timeout{30'000};
  // On stop(), requests in flight get this long to finish.
  std::chrono::milliseconds shutdown_grace{30'000};
  // Open connections at most, in all and per client address; a connection
  // beyond either is closed as soon as it is accepted. max_connections is
  // lowered to fit under the descriptor limit (raised to its hard maximum).
  int max_connections = 1024;
  int max_connections_per_address = 64;
  // A body larger than this (or of unknown length) is read only once the
  // request's credentials have passed ListenerHandlers::admit.
  std::size_t admit_before_bytes = 64 * 1024;
  // Where such a body is received: an unlinked temporary file in this
  // directory ("" : $TMPDIR, else /tmp), read back into memory only by the
  // worker that handles the request. No room for the file: 503.
  std::string spool_directory;
};

struct ListenerHandlers {
  // Runs on a worker thread for each complete request. Must not throw.
  std::function<Response(Request&)> handle;
  // Builds the response for a request the listener refused itself
  // (400 malformed, 413 body too large, 431 headers too large). Must not throw.
  std::function<Response(int status, std::string_view detail)> reject;
  // The body limit of one request, from its method and path (evidence uploads
  // may be larger than JSON). Optional: max_body_bytes when empty.
  std::function<std::size_t(std::string_view method, std::string_view path)> body_limit;
  // Runs on a worker thread with the request's line and headers (no body yet)
  // before a large body is read; a response (401, 403, 404) refuses the
  // request and the connection closes with the body unread. Optional.
  std::function<std::optional<Response>(Request&)> admit;
};

// One request parsed from `bytes` exactly as a connection parses it (the same
// Beast parser with the same header and body limits, body_limit from
// `handlers`): `status` is 0 and `request` set, or the status the listener
// would refuse it with (400 malformed or incomplete, 413, 431). For the
// fuzzing harness (fuzz/) and tests; the listener itself parses from the socket.
struct ParsedRequest {
  int status = 0;
  Request request;
};
ParsedRequest parse_request(std::string_view bytes, const ListenerOptions& options, const ListenerHandlers& handlers);

class HttpListener {
 public:
  // Binds and starts serving at once; the error names the address on failure.
  static Result<std::unique_ptr<HttpListener>> start(ListenerOptions options, ListenerHandlers handlers);
  ~HttpListener();  // stop() then wait()
  HttpListener(const HttpListener&) = delete;
  HttpListener& operator=(const HttpListener&) = delete;

  std::uint16_t port() const;  // the bound port (useful with port 0)
  // Graceful: stops accepting, closes idle connections, lets requests in
  // flight finish. Thread-safe, returns at once; wait() blocks until done.
  void stop();
  void wait();

  struct Impl;

 private:
  explicit HttpListener(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace vigil::server
