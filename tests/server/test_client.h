// A tiny blocking HTTP/1.1 client over POSIX sockets, for talking to the
// server under test. Deliberately not Beast: test files compile fast, and the
// raw socket lets a test misbehave (send slowly, oversize, go idle).
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace vigil::test {

// With VIGIL_RECORD_RESPONSES=DIR set, every JSON answer a test receives
// through Client::request is appended to DIR/responses-<pid>.jsonl (method,
// target, status, content type, body), for tests/server/validate_responses.py
// to check against the served OpenAPI document (the API contract test).
inline void record_response(const std::string& method, const std::string& target, int status,
                            const std::string& content_type, const std::string& body) {
  const char* dir = std::getenv("VIGIL_RECORD_RESPONSES");
  if (dir == nullptr || *dir == '\0' || status == 0) return;
  // A body that is not JSON (HTML, Markdown, evidence bytes) is not kept: the
  // method, target and status still count as the route having been exercised.
  nlohmann::json line = {{"method", method}, {"target", target}, {"status", status}, {"content_type", content_type}};
  if (content_type.find("json") != std::string::npos) line["body"] = body;
  std::ofstream out(std::string(dir) + "/responses-" + std::to_string(::getpid()) + ".jsonl", std::ios::app);
  out << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

struct Reply {
  int status = 0;                                            // 0: no reply (connection closed or timed out)
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;

  std::optional<std::string> header(const std::string& name) const {
    std::string want;
    for (char c : name) want += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const auto& [k, v] : headers) {
      if (k == want) return v;
    }
    return std::nullopt;
  }
};

class Client {
 public:
  // `source`: the local address to connect from ("127.0.0.2"), so a test can
  // play several clients of the loopback network. Default: any.
  explicit Client(std::uint16_t port, const char* source = nullptr) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (source) {
      sockaddr_in local{};
      local.sin_family = AF_INET;
      ::inet_pton(AF_INET, source, &local.sin_addr);
      ::bind(fd_, reinterpret_cast<sockaddr*>(&local), sizeof local);
    }
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~Client() {
    if (fd_ >= 0) ::close(fd_);
  }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  bool connected() const { return connected_; }

  bool send(const std::string& bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
      auto n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent += static_cast<std::size_t>(n);
    }
    return true;
  }

  // Reads one response (Content-Length framed); status 0 when the server closes first.
  Reply read_reply(std::chrono::milliseconds timeout = std::chrono::milliseconds(5000)) {
    Reply reply;
    std::size_t header_end;
    while ((header_end = buffer_.find("\r\n\r\n")) == std::string::npos) {
      if (!fill(timeout)) return reply;
    }
    std::string head = buffer_.substr(0, header_end);
    buffer_.erase(0, header_end + 4);
    std::size_t line_end = head.find("\r\n");
    std::string status_line = head.substr(0, line_end);
    reply.status = std::stoi(status_line.substr(9, 3));
    std::size_t length = 0;
    std::size_t pos = line_end == std::string::npos ? head.size() : line_end + 2;
    while (pos < head.size()) {
      std::size_t end = head.find("\r\n", pos);
      if (end == std::string::npos) end = head.size();
      std::string line = head.substr(pos, end - pos);
      auto colon = line.find(':');
      std::string name = line.substr(0, colon);
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::string value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      if (name == "content-length") length = std::stoul(value);
      reply.headers.emplace_back(name, value);
      pos = end + 2;
    }
    while (buffer_.size() < length) {
      if (!fill(timeout)) return Reply{};
    }
    reply.body = buffer_.substr(0, length);
    buffer_.erase(0, length);
    return reply;
  }

  // True when the server closes the connection within the timeout.
  bool closed_by_server(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      pollfd p{fd_, POLLIN, 0};
      int ready = ::poll(&p, 1, 50);
      if (ready > 0) {
        char c[256];
        auto n = ::recv(fd_, c, sizeof c, 0);
        if (n <= 0) return true;
        buffer_.append(c, static_cast<std::size_t>(n));
      }
    }
    return false;
  }

  Reply request(const std::string& method, const std::string& target, const std::string& body = {},
                const std::vector<std::pair<std::string, std::string>>& headers = {},
                std::chrono::milliseconds timeout = std::chrono::milliseconds(5000)) {
    std::string text = method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n";
    for (const auto& [k, v] : headers) text += k + ": " + v + "\r\n";
    if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
      text += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
    }
    text += "\r\n" + body;
    if (!send(text)) return Reply{};
    Reply reply = read_reply(timeout);
    record_response(method, target, reply.status, reply.header("content-type").value_or(""), reply.body);
    return reply;
  }

 private:
  bool fill(std::chrono::milliseconds timeout) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0) return false;
    char chunk[16384];
    auto n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }

  int fd_ = -1;
  bool connected_ = false;
  std::string buffer_;
};

// One request on a fresh connection.
inline Reply fetch(std::uint16_t port, const std::string& method, const std::string& target,
                   const std::string& body = {}, const std::vector<std::pair<std::string, std::string>>& headers = {}) {
  Client client(port);
  return client.request(method, target, body, headers);
}

}  // namespace vigil::test
