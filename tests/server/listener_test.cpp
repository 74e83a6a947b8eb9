// The network edge on its own: keep-alive, size limits, slow and idle
// clients, graceful shutdown. The handler here is a stub; the pipeline with
// routes and auth is tested through the whole server elsewhere.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

#include <gtest/gtest.h>

#include "server/http_listener.h"
#include "server/test_client.h"

namespace vigil::server {
namespace {

using namespace std::chrono_literals;
using test::Client;

struct Stub {
  std::atomic<int> handled{0};
  std::atomic<bool> entered_slow{false};
};

std::unique_ptr<HttpListener> start(Stub& stub, ListenerOptions options = {}) {
  options.address = "127.0.0.1";
  options.port = 0;
  options.io_threads = 2;
  options.workers = 2;
  ListenerHandlers handlers;
  handlers.handle = [&stub](Request& request) {
    ++stub.handled;
    Response r;
    if (request.path == "/slow") {
      stub.entered_slow = true;
      std::this_thread::sleep_for(400ms);
    }
    r.body = request.path == "/echo" ? request.body
                                     : request.method + " " + request.path + " " + std::to_string(request.body.size());
    r.content_type = "text/plain";
    return r;
  };
  handlers.reject = [](int status, std::string_view) {
    Response r;
    r.status = status;
    r.body = "refused";
    return r;
  };
  handlers.body_limit = [](std::string_view, std::string_view path) -> std::size_t {
    return path == "/upload" || path == "/echo" ? 4096 : 1024;
  };
  return HttpListener::start(options, handlers).value();
}

TEST(Listener, ServesSeveralRequestsOnOneKeepAliveConnection) {
  Stub stub;
  auto listener = start(stub);
  Client client(listener->port());
  for (int i = 0; i < 3; ++i) {
    auto reply = client.request("GET", "/x");
    EXPECT_EQ(reply.status, 200);
    EXPECT_EQ(reply.body, "GET /x 0");
  }
  EXPECT_EQ(stub.handled, 3);
}

TEST(Listener, BodyOverTheRouteLimitIs413) {
  Stub stub;
  auto listener = start(stub);
  EXPECT_EQ(test::fetch(listener->port(), "POST", "/json", std::string(1025, 'a')).status, 413);
  EXPECT_EQ(test::fetch(listener->port(), "POST", "/json", std::string(1024, 'a')).status, 200);
  EXPECT_EQ(test::fetch(listener->port(), "POST", "/upload", std::string(4000, 'a')).status, 200);
  EXPECT_EQ(stub.handled, 2);
}

TEST(Listener, ChunkedBodyOverTheLimitIs413) {
  Stub stub;
  auto listener = start(stub);
  Client client(listener->port());
  std::string chunk(800, 'a');
  client.send("POST /json HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
  client.send("320\r\n" + chunk + "\r\n320\r\n" + chunk + "\r\n0\r\n\r\n");
  EXPECT_EQ(client.read_reply().status, 413);
}

// A body over admit_before_bytes is received into an unlinked temporary file
// and read back whole by the worker: the handler sees it byte for byte, the
// connection stays usable, and nothing is left in the spool directory.
TEST(Listener, LargeBodyIsReceivedIntoATemporaryFileAndHandedOverWhole) {
  Stub stub;
  auto spool = std::filesystem::temp_directory_path() / ("vigil-spool-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(spool);
  ListenerOptions options;
  options.admit_before_bytes = 1024;
  options.spool_directory = spool.string();
  auto listener = start(stub, options);
  std::string body;
  for (int i = 0; i < 4000; ++i) body += static_cast<char>(i % 251);
  Client client(listener->port());
  auto reply = client.request("POST", "/echo", body);
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, body);
  // Chunked (unknown length) on the same keep-alive connection.
  std::string chunk(1500, 'c');
  client.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
  client.send("5dc\r\n" + chunk + "\r\n5dc\r\n" + chunk + "\r\n0\r\n\r\n");
  auto chunked = client.read_reply();
  EXPECT_EQ(chunked.status, 200);
  EXPECT_EQ(chunked.body, chunk + chunk);
  // A small body is still read into memory, on the same connection.
  EXPECT_EQ(client.request("POST", "/echo", "small").body, "small");
  EXPECT_TRUE(std::filesystem::is_empty(spool));
  listener.reset();
  std::filesystem::remove_all(spool);
}

TEST(Listener, LargeBodyOverTheLimitIs413WhenSpooledToo) {
  Stub stub;
  ListenerOptions options;
  options.admit_before_bytes = 1024;
  auto listener = start(stub, options);
  Client client(listener->port());
  std::string chunk(3000, 'a');
  client.send("POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
  client.send("bb8\r\n" + chunk + "\r\nbb8\r\n" + chunk + "\r\n0\r\n\r\n");
  EXPECT_EQ(client.read_reply().status, 413);
  EXPECT_EQ(stub.handled, 0);
}

TEST(Listener, NoRoomForTheTemporaryFileIs503AndTheHandlerIsNotRun) {
  Stub stub;
  ListenerOptions options;
  options.admit_before_bytes = 1024;
  options.spool_directory = "/nonexistent/vigil-spool";
  auto listener = start(stub, options);
  auto reply = test::fetch(listener->port(), "POST", "/upload", std::string(2000, 'a'));
  EXPECT_EQ(reply.status, 503);
  EXPECT_EQ(stub.handled, 0);
  // Small bodies do not need the file.
  EXPECT_EQ(test::fetch(listener->port(), "POST", "/upload", std::string(1000, 'a')).status, 200);
}

TEST(Listener, HeadersOverTheLimitAre431) {
  Stub stub;
  ListenerOptions options;
  options.max_header_bytes = 2048;
  auto listener = start(stub, options);
  auto reply = test::fetch(listener->port(), "GET", "/x", {}, {{"X-Big", std::string(4096, 'b')}});
  EXPECT_EQ(reply.status, 431);
  EXPECT_EQ(stub.handled, 0);
}

TEST(Listener, MalformedRequestIs400) {
  Stub stub;
  auto listener = start(stub);
  Client client(listener->port());
  client.send("NOT HTTP AT ALL\r\n\r\n");
  EXPECT_EQ(client.read_reply().status, 400);
}

TEST(Listener, SlowClientIsCutOffAndOthersAreStillServed) {
  Stub stub;
  ListenerOptions options;
  options.read_timeout = 300ms;
  options.io_threads = 1;  // one network thread: a held thread would block everyone
  auto listener = start(stub, options);
  Client slow(listener->port());
  ASSERT_TRUE(slow.send("GET /slowloris HTTP/1.1\r\n"));
  std::atomic<bool> closed{false};
  std::thread trickle([&] {
    // One header byte every 50 ms: each byte arrives, the request never ends.
    for (int i = 0; i < 40 && !closed; ++i) {
      if (!slow.send("X")) break;
      std::this_thread::sleep_for(50ms);
    }
  });
  // Meanwhile other clients are served at once.
  EXPECT_EQ(test::fetch(listener->port(), "GET", "/other").status, 200);
  closed = slow.closed_by_server(2000ms);
  trickle.join();
  EXPECT_TRUE(closed);
  EXPECT_EQ(test::fetch(listener->port(), "GET", "/after").status, 200);
}

TEST(Listener, IdleKeepAliveConnectionIsClosed) {
  Stub stub;
  ListenerOptions options;
  options.idle_timeout = 200ms;
  auto listener = start(stub, options);
  Client client(listener->port());
  EXPECT_EQ(client.request("GET", "/x").status, 200);
  EXPECT_TRUE(client.closed_by_server(2000ms));
}

TEST(Listener, GracefulStopFinishesRequestsInFlightAndRefusesNewOnes) {
  Stub stub;
  auto listener = start(stub);
  auto port = listener->port();
  Client busy(port);
  Client idle(port);
  EXPECT_EQ(idle.request("GET", "/x").status, 200);
  ASSERT_TRUE(busy.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"));
  while (!stub.entered_slow) std::this_thread::sleep_for(5ms);
  listener->stop();
  auto reply = busy.read_reply();
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, "GET /slow 0");
  EXPECT_EQ(reply.header("Connection").value_or(""), "close");
  EXPECT_TRUE(idle.closed_by_server(2000ms));
  listener->wait();
  Client late(port);
  EXPECT_FALSE(late.connected());
}

TEST(Listener, RefusesAnAddressThatIsNotAnIp) {
  ListenerOptions options;
  options.address = "not-an-address";
  auto listener = HttpListener::start(options, {});
  ASSERT_FALSE(listener);
  EXPECT_EQ(listener.error().code, ErrorCode::InvalidInput);
}

}  // namespace
}  // namespace vigil::server
