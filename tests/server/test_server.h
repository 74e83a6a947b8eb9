// A Vigil server on an ephemeral port with a throwaway database, seeded with
// two organisations and one user per role, for tests that talk HTTP to it.
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <map>
#include <memory>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "server/credentials.h"
#include "server/server.h"
#include "server/test_client.h"
#include "server/test_logger.h"

namespace vigil::test {

inline constexpr char kPassword[] = "correct horse battery staple";

// The sign-in body.
inline std::string credentials(const std::string& user, const std::string& password) {
  return nlohmann::json{{"username", user}, {"password", password}}.dump();
}

// Fixed clock: 2026-03-02T09:00:00Z.
inline Instant test_now() { return Instant{std::chrono::seconds{1772442000}}; }

inline std::filesystem::path fresh_directory() {
  static std::atomic<int> counter{0};
  auto dir = std::filesystem::temp_directory_path() /
             ("vigil-server-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

class TestServer {
 public:
  explicit TestServer(server::ServerConfig config = {}, server::LoginLimits limits = {}) : dir_(fresh_directory()) {
    config.listen = "127.0.0.1:0";
    config.db = (dir_ / "vigil.db").string();
    config.io_threads = 2;
    if (config.workers == server::ServerConfig{}.workers) config.workers = 2;  // unless a test asks for more
    auto logger = stream_logger(log_stream_, R"({"level":"%l",%v})");
    server::ServerOptions options;
    options.clock = [this] { return now_.load(); };
    options.hash_cost = server::HashCost::Interactive;
    options.login_limits = limits;
    options.logger = logger;
    auto started = server::Server::start(config, options);
    if (!started) {
      ADD_FAILURE() << describe(started.error());
      return;
    }
    server_ = std::move(*started);
    seed();
  }
  ~TestServer() {
    server_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::uint16_t port() const { return server_->port(); }
  server::Server& server() { return *server_; }
  store::AccountStore& accounts() { return *server_->services().accounts; }
  std::string log() const { return log_stream_.str(); }
  void set_now(Instant now) { now_ = now; }

  // Users "acme-admin", "acme-manager", ... each with that one role in
  // "acme"; "globex-admin" is admin of "globex" only.
  void seed() {
    EXPECT_TRUE(accounts().add_organisation("acme", "Acme Energy GmbH"));
    EXPECT_TRUE(accounts().add_organisation("globex", "Globex Water AB"));
    auto hash = server::hash_password(kPassword, server::HashCost::Interactive).value();
    for (auto name : store::kRoleNames) {
      auto user = accounts().add_user("acme-" + std::string(name), hash, test_now()).value();
      EXPECT_TRUE(accounts().grant(user.id, "acme", store::parse_role(name, "role").value(),
                                   store::AccountChange{"test", test_now()}));
    }
    auto other = accounts().add_user("globex-admin", hash, test_now()).value();
    EXPECT_TRUE(accounts().grant(other.id, "globex", store::Role::Admin, store::AccountChange{"test", test_now()}));
  }

  // An API token for the user (the Authorization header value).
  std::string bearer(const std::string& username) {
    auto user = accounts().find_user(username).value();
    std::string token = server::random_token();
    accounts().add_token(server::sha256_hex(token), user.id, "test", store::AccountChange{"test", test_now()}).value();
    return "Bearer " + token;
  }

  struct Login {
    std::string cookie;  // "vigil_session=..."
    std::string csrf;
  };
  Login sign_in(const std::string& username) {
    auto reply = fetch(port(), "POST", "/api/v1/session",
                       nlohmann::json{{"username", username}, {"password", kPassword}}.dump());
    EXPECT_EQ(reply.status, 201) << reply.body;
    Login login;
    auto set_cookie = reply.header("Set-Cookie").value_or("");
    login.cookie = set_cookie.substr(0, set_cookie.find(';'));
    login.csrf = nlohmann::json::parse(reply.body).value("csrf_token", "");
    return login;
  }

 private:
  std::filesystem::path dir_;
  std::ostringstream log_stream_;
  std::atomic<Instant> now_{test_now()};
  std::unique_ptr<server::Server> server_;
};

}  // namespace vigil::test
