// Boost.Beast/Asio with C++20 coroutines. g++ 12 needs <utility> before the
// Asio headers (std::exchange is used unqualified there).
#include <utility>

#include "server/http_listener.h"
#include "server/http_parse.h"

#include <sys/resource.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace vigil::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;

namespace {

// What shutdown needs to reach of a live connection: its strand (to act on it
// safely) and whether a request is in progress.
struct Connection {
  Connection(tcp::socket socket, std::string address) : stream(std::move(socket)), remote(std::move(address)) {}
  beast::tcp_stream stream;
  std::string remote;  // the client's address ("127.0.0.1"), "" when unknown
  bool busy = false;   // touched only on the connection's strand
};

// Raises the soft descriptor limit to the hard one; returns the soft limit now.
rlim_t raise_descriptor_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return 1024;
  if (limit.rlim_cur < limit.rlim_max) {
    rlimit raised = limit;
    raised.rlim_cur = limit.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
  }
  return limit.rlim_cur;
}

// Descriptors kept free for the database, logs and the PostgreSQL plugin.
constexpr rlim_t kReservedDescriptors = 64;

// A new, already unlinked temporary file in `directory` (the system's
// temporary directory when empty), open for reading and writing: the body of
// one large request. Nothing is left on disk once it is closed, even when the
// process dies.
beast::file open_spool_file(const std::string& directory, beast::error_code& ec) {
  beast::file file;
  std::error_code fs_error;
  const std::filesystem::path dir =
      directory.empty() ? std::filesystem::temp_directory_path(fs_error) : std::filesystem::path(directory);
  if (fs_error) {
    ec.assign(fs_error.value(), beast::system_category());
    return file;
  }
  std::string name = (dir / "vigil-upload-XXXXXX").string();
  const int fd = ::mkstemp(name.data());
  if (fd < 0) {
    ec.assign(errno, beast::system_category());
    return file;
  }
  ::unlink(name.c_str());
  file.native_handle(fd);
  return file;
}

// Reads a spooled body back whole (on a worker thread, just before its handler runs).
std::string read_spooled(beast::file& file, beast::error_code& ec) {
  std::string body;
  const std::uint64_t size = file.size(ec);
  if (ec) return body;
  file.seek(0, ec);
  if (ec) return body;
  body.resize(static_cast<std::size_t>(size));
  std::size_t done = 0;
  while (done < body.size() && !ec) {
    const std::size_t n = file.read(body.data() + done, body.size() - done, ec);
    if (n == 0) break;
    done += n;
  }
  if (!ec && done != body.size()) ec.assign(EIO, beast::system_category());
  return body;
}

}  // namespace

struct HttpListener::Impl {
  ListenerOptions options;
  ListenerHandlers handlers;
  asio::io_context ioc;
  asio::thread_pool workers;
  tcp::acceptor acceptor;
  asio::strand<asio::io_context::executor_type> control;  // orders the grace timer's arm and cancel
  asio::steady_timer grace_timer;
  bool finished = false;  // on `control`: every connection has ended
  std::vector<std::thread> threads;
  std::atomic<bool> stopping{false};
  std::mutex connections_mutex;
  std::unordered_set<std::shared_ptr<Connection>> connections;
  std::unordered_map<std::string, int> per_address;  // open connections by client address
  std::atomic<std::uint64_t> refused_connections{0};
  std::once_flag joined;

  Impl(ListenerOptions o, ListenerHandlers h)
      : options(std::move(o)),
        handlers(std::move(h)),
        ioc(options.io_threads > 0 ? options.io_threads
                                   : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()))),
        workers(static_cast<std::size_t>(std::max(1, options.workers))),
        acceptor(asio::make_strand(ioc)),
        control(asio::make_strand(ioc)),
        grace_timer(control) {}

  awaitable<void> accept_loop();
  awaitable<void> serve(std::shared_ptr<Connection> connection);
  // `spooled`: the body is in this file (read into request.body on the worker).
  awaitable<Response> run_handler(Request& request, beast::file* spooled);
  awaitable<std::optional<Response>> run_admit(Request& request);
  // Registers a new connection unless a limit says no.
  bool admit_connection(const std::shared_ptr<Connection>& connection);
  void forget_connection(const std::shared_ptr<Connection>& connection);
  Response rejected(int status, std::string_view detail) {
    try {
      return handlers.reject(status, detail);
    } catch (...) {
      Response r;
      r.status = status;
      return r;
    }
  }
};

awaitable<void> HttpListener::Impl::accept_loop() {
  asio::steady_timer backoff(acceptor.get_executor());
  for (;;) {
    beast::error_code ec;
    tcp::socket socket =
        co_await acceptor.async_accept(asio::make_strand(ioc), asio::redirect_error(use_awaitable, ec));
    if (ec) {
      if (stopping || ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
      // Out of descriptors or memory: the pending connection stays queued and
      // accept would fail again at once. Back off instead of spinning, and
      // keep serving those already connected.
      if (ec.value() == EMFILE || ec.value() == ENFILE || ec.value() == ENOBUFS || ec.value() == ENOMEM) {
        backoff.expires_after(std::chrono::milliseconds(50));
        co_await backoff.async_wait(asio::redirect_error(use_awaitable, ec));
      }
      continue;
    }
    std::string remote;
    {
      auto endpoint = socket.remote_endpoint(ec);
      if (!ec) remote = endpoint.address().to_string();
    }
    auto connection = std::make_shared<Connection>(std::move(socket), std::move(remote));
    if (!admit_connection(connection)) {
      ++refused_connections;
      connection->stream.socket().close(ec);
      continue;
    }
    asio::co_spawn(connection->stream.get_executor(), serve(connection), asio::detached);
  }
}

bool HttpListener::Impl::admit_connection(const std::shared_ptr<Connection>& connection) {
  std::lock_guard lock(connections_mutex);
  if (connections.size() >= static_cast<std::size_t>(options.max_connections)) return false;
  int& from = per_address[connection->remote];
  if (from >= options.max_connections_per_address) {
    if (from == 0) per_address.erase(connection->remote);
    return false;
  }
  ++from;
  connections.insert(connection);
  return true;
}

void HttpListener::Impl::forget_connection(const std::shared_ptr<Connection>& connection) {
  std::lock_guard lock(connections_mutex);
  if (connections.erase(connection) == 0) return;
  if (auto it = per_address.find(connection->remote); it != per_address.end() && --it->second <= 0) {
    per_address.erase(it);
  }
}

awaitable<std::optional<Response>> HttpListener::Impl::run_admit(Request& request) {
  co_return co_await asio::co_spawn(
      workers.get_executor(),
      [this, &request]() -> awaitable<std::optional<Response>> {
        try {
          co_return handlers.admit(request);
        } catch (...) {
          co_return rejected(500, "");
        }
      },
      use_awaitable);
}

awaitable<Response> HttpListener::Impl::run_handler(Request& request, beast::file* spooled) {
  // Hop to the worker pool and back: the handler may wait on the database.
  co_return co_await asio::co_spawn(
      workers.get_executor(),
      [this, &request, spooled]() -> awaitable<Response> {
        try {
          if (spooled) {
            beast::error_code ec;
            request.body = read_spooled(*spooled, ec);
            if (ec) co_return rejected(500, "the request body could not be read back from its temporary file");
          }
          co_return handlers.handle(request);
        } catch (...) {
          co_return rejected(500, "");
        }
      },
      use_awaitable);
}

static http::response<http::string_body> to_message(Response&& response, unsigned version, bool keep_alive) {
  http::response<http::string_body> message{static_cast<http::status>(response.status), version};
  if (!response.content_type.empty()) message.set(http::field::content_type, response.content_type);
  for (auto& [name, value] : response.headers) message.insert(name, value);
  message.body() = std::move(response.body);
  message.keep_alive(keep_alive);
  message.prepare_payload();
  return message;
}

// How much of an unwanted body is read and dropped after answering early.
constexpr std::size_t kMaxLingerBytes = 32 * 1024 * 1024;

awaitable<void> HttpListener::Impl::serve(std::shared_ptr<Connection> connection) {
  auto& stream = connection->stream;
  beast::flat_buffer buffer;
  beast::error_code ec;
  bool unread_body = false;
  const std::string& remote = connection->remote;
  for (;;) {
    connection->busy = false;
    if (stopping) break;
    // Idle: wait for the first byte of the next request under the idle timeout.
    if (buffer.size() == 0) {
      stream.expires_after(options.idle_timeout);
      std::size_t n = co_await stream.async_read_some(buffer.prepare(4096), asio::redirect_error(use_awaitable, ec));
      if (ec) break;
      buffer.commit(n);
    }
    connection->busy = true;
    // From the first byte on, the whole request must arrive within read_timeout.
    stream.expires_after(options.read_timeout);
    http::request_parser<http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
    // No limit while the header is read (Beast would otherwise judge the
    // Content-Length against its 1 MB default); the route's limit is set,
    // and the Content-Length checked against it, once the target is known.
    // (Not boost::none: this Beast compares a length with an empty optional as larger.)
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());
    co_await http::async_read_header(stream, buffer, parser, asio::redirect_error(use_awaitable, ec));
    if (!ec && !plain_framing(parser.get())) ec = http::error::bad_transfer_encoding;
    std::size_t limit = options.max_body_bytes;
    if (!ec && handlers.body_limit) {
      auto target = parser.get().target();
      auto method = parser.get().method_string();
      auto [path, query] = split_target(std::string_view(target.data(), target.size()));
      limit = handlers.body_limit(std::string_view(method.data(), method.size()), path);
      parser.body_limit(limit);
    }
    // A large body (or one of unknown length) is read only for a caller whose
    // credentials hold: a stranger cannot make us take in megabytes, and
    // learns nothing about the limits.
    if (!ec && !parser.is_done() && handlers.admit &&
        (!parser.content_length() || *parser.content_length() > options.admit_before_bytes)) {
      Request head = to_request(parser.get(), remote);
      if (auto refusal = co_await run_admit(head)) {
        auto message = to_message(std::move(*refusal), parser.get().version(), false);
        stream.expires_after(options.read_timeout);
        co_await http::async_write(stream, message, asio::redirect_error(use_awaitable, ec));
        unread_body = true;
        break;
      }
    }
    if (!ec && parser.content_length() && *parser.content_length() > limit) ec = http::error::body_limit;
    // A large body (or one of unknown length) goes to a temporary file as it
    // arrives, not into memory: only the worker that handles the request
    // reads it back, so at most `workers` large bodies are in memory at once,
    // however many connections are uploading.
    std::optional<http::request_parser<http::file_body>> to_file;
    bool spool_failed = false;
    if (!ec && !parser.is_done() &&
        (!parser.content_length() || *parser.content_length() > options.admit_before_bytes)) {
      to_file.emplace(std::move(parser));
      to_file->body_limit(limit);
      beast::file file = open_spool_file(options.spool_directory, ec);
      if (!ec) to_file->get().body().reset(std::move(file), ec);
      if (ec) {
        spool_failed = true;
      } else {
        co_await http::async_read(stream, buffer, *to_file, asio::redirect_error(use_awaitable, ec));
      }
    } else if (!ec && !parser.is_done()) {
      co_await http::async_read(stream, buffer, parser, asio::redirect_error(use_awaitable, ec));
    }
    if (ec) {
      int status = 0;
      if (spool_failed) status = 503;
      else if (ec == http::error::header_limit) status = 431;
      else if (ec == http::error::body_limit) status = 413;
      else if (ec.category() == http::make_error_code(http::error::bad_method).category()) status = 400;
      if (status == 0) break;  // timeout, reset or end of stream: nothing to answer
      std::string detail = status == 413 ? "at most " + std::to_string(limit) + " bytes"
                           : status == 503
                               ? "no room to receive the request body (temporary file: " + ec.message() + ")"
                               : ec.message();
      auto message = to_message(rejected(status, detail), 11, false);
      stream.expires_after(options.read_timeout);
      co_await http::async_write(stream, message, asio::redirect_error(use_awaitable, ec));
      unread_body = status == 413 || status == 503;
      break;
    }
    const http::request_header<>& head = to_file ? to_file->get().base() : parser.get().base();
    Request request = to_request(head, remote);
    if (!to_file) request.body = std::move(parser.get().body());
    const unsigned version = head.version();
    const bool wants_keep_alive = to_file ? to_file->get().keep_alive() : parser.get().keep_alive();
    Response response = co_await run_handler(request, to_file ? &to_file->get().body().file() : nullptr);
    to_file.reset();  // closes the temporary file: nothing of the body stays on disk
    bool keep_alive = wants_keep_alive && !stopping;
    auto message = to_message(std::move(response), version, keep_alive);
    stream.expires_after(options.read_timeout);
    co_await http::async_write(stream, message, asio::redirect_error(use_awaitable, ec));
    if (ec || !keep_alive) break;
  }
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  if (unread_body) {
    // Answered before the body was read (a refusal, a 413): closing with the
    // client's bytes still arriving would reset the connection, and the
    // client could lose our answer with it. Read and drop what it is still
    // sending, for a short while and up to a bound, so it sees the answer.
    std::array<char, 16 * 1024> scratch;
    std::size_t drained = 0;
    stream.expires_after(std::chrono::seconds(2));
    while (drained < kMaxLingerBytes) {
      const std::size_t n =
          co_await stream.async_read_some(asio::buffer(scratch), asio::redirect_error(use_awaitable, ec));
      if (ec) break;
      drained += n;
    }
  }
  stream.close();
  forget_connection(connection);
}

HttpListener::HttpListener(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Result<std::unique_ptr<HttpListener>> HttpListener::start(ListenerOptions options, ListenerHandlers handlers) {
  // Every connection holds a descriptor: take what the system allows and keep
  // the connection limit below it, with room for the database and logs.
  const rlim_t descriptors = raise_descriptor_limit();
  if (descriptors > kReservedDescriptors) {
    auto fit = static_cast<int>(std::min<rlim_t>(descriptors - kReservedDescriptors, 1'000'000));
    options.max_connections = std::min(options.max_connections, fit);
  }
  auto impl = std::make_unique<Impl>(std::move(options), std::move(handlers));
  const std::string where = "--listen " + impl->options.address + ":" + std::to_string(impl->options.port);
  beast::error_code ec;
  auto address = asio::ip::make_address(impl->options.address, ec);
  if (ec) return invalid(where, "not an IP address: " + impl->options.address);
  tcp::endpoint endpoint{address, impl->options.port};
  auto& acceptor = impl->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return fail(ErrorCode::Io, where, "cannot listen: " + ec.message());

  Impl* raw = impl.get();
  asio::co_spawn(acceptor.get_executor(), raw->accept_loop(), asio::detached);
  std::size_t n = raw->options.io_threads > 0 ? static_cast<std::size_t>(raw->options.io_threads)
                                              : std::max(1u, std::thread::hardware_concurrency());
  for (std::size_t i = 0; i < n; ++i) raw->threads.emplace_back([raw] { raw->ioc.run(); });
  return std::unique_ptr<HttpListener>(new HttpListener(std::move(impl)));
}

std::uint16_t HttpListener::port() const {
  beast::error_code ec;
  auto endpoint = impl_->acceptor.local_endpoint(ec);
  return ec ? 0 : endpoint.port();
}

void HttpListener::stop() {
  Impl* impl = impl_.get();
  if (impl->stopping.exchange(true)) return;
  asio::post(impl->acceptor.get_executor(), [impl] {
    beast::error_code ec;
    impl->acceptor.close(ec);
  });
  {
    std::lock_guard lock(impl->connections_mutex);
    for (const auto& connection : impl->connections) {
      asio::post(connection->stream.get_executor(), [connection] {
        if (!connection->busy) connection->stream.cancel();
      });
    }
  }
  // Requests that do not finish within the grace period are abandoned.
  asio::post(impl->control, [impl] {
    if (impl->finished) return;
    impl->grace_timer.expires_after(impl->options.shutdown_grace);
    impl->grace_timer.async_wait([impl](beast::error_code ec) {
      if (!ec) impl->ioc.stop();
    });
  });
}

void HttpListener::wait() {
  Impl* impl = impl_.get();
  std::call_once(impl->joined, [impl] {
    // Once the last connection ends, only the grace timer keeps the loop alive.
    std::thread watcher([impl] {
      for (;;) {
        {
          std::lock_guard lock(impl->connections_mutex);
          if (impl->connections.empty() && impl->stopping) break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      asio::post(impl->control, [impl] {
        impl->finished = true;
        impl->grace_timer.cancel();
      });
    });
    for (auto& t : impl->threads) t.join();
    watcher.join();
    impl->workers.join();
  });
}

HttpListener::~HttpListener() {
  stop();
  wait();
}

}  // namespace vigil::server
