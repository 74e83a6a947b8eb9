// A Vigil server on an ephemeral port with a throwaway database, seeded with
// two organisations and one user per role, for tests that talk HTTP to it.
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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

// The bytes of a file of the source tree ("tests/golden/clock/incident.json");
// a file that cannot be read fails the test.
inline std::string source_text(const std::string& path) {
  std::ifstream in(std::string(VIGIL_SOURCE_DIR) + "/" + path, std::ios::binary);
  EXPECT_TRUE(in) << "cannot read " << path;
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The body of POST /api/v1/orgs/{org}/incidents (a cloud computing service
// provider's incident unless `entity_type` says otherwise).
inline nlohmann::json incident_body(
    const std::string& title, const std::string& awareness_time = "2026-03-02T09:00:00+01:00",
    const std::string& timezone = "Europe/Berlin",
    const std::string& entity_type = "digital_infrastructure.cloud_computing_service_provider") {
  return {{"title", title}, {"awareness_time", awareness_time}, {"timezone", timezone}, {"entity_type", entity_type}};
}

// The `where` of every error a problem document lists ("body: title").
inline std::set<std::string> error_locations(const std::string& body) {
  const auto problem = nlohmann::json::parse(body, nullptr, false);
  std::set<std::string> out;
  if (!problem.is_object()) return out;
  for (const auto& e : problem.value("errors", nlohmann::json::array())) out.insert(e["where"].get<std::string>());
  return out;
}

// Whether `reply` has `status` and its body contains `text`:
//   EXPECT_TRUE(answered(reply, 404, "did you mean"));
inline testing::AssertionResult answered(const Reply& reply, int status, std::string_view text = {}) {
  if (reply.status != status) {
    return testing::AssertionFailure() << "status " << reply.status << ", not " << status << ": " << reply.body;
  }
  if (reply.body.find(text) == std::string::npos) {
    return testing::AssertionFailure() << "no '" << text << "' in " << reply.body;
  }
  return testing::AssertionSuccess();
}

// Whether `reply` is a 400 whose errors name at least each of `where`.
inline testing::AssertionResult refused_at(const Reply& reply, const std::set<std::string>& where) {
  if (reply.status != 400) return testing::AssertionFailure() << "status " << reply.status << ": " << reply.body;
  const auto named = error_locations(reply.body);
  for (const auto& w : where) {
    if (!named.count(w)) return testing::AssertionFailure() << "no error at '" << w << "' in " << reply.body;
  }
  return testing::AssertionSuccess();
}

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
    EXPECT_TRUE(accounts().add_organisation("acme", "Acme Energy GmbH", {"root (command line)", {}}));
    EXPECT_TRUE(accounts().add_organisation("globex", "Globex Water AB", {"root (command line)", {}}));
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

// A test server, and requests as acme's auditor (the read-only routes).
class AuditorApi : public testing::Test {
 protected:
  TestServer server;
  std::string token = server.bearer("acme-auditor");
  Reply get(const std::string& target) { return fetch(server.port(), "GET", target, "", {{"Authorization", token}}); }
  Reply post(const std::string& target, const std::string& body) {
    return fetch(server.port(), "POST", target, body, {{"Authorization", token}, {"Content-Type", "application/json"}});
  }
};

// A test server, and calls to the routes of acme (/api/v1/orgs/acme + path)
// with a member's bearer token.
class AcmeApi : public testing::Test {
 protected:
  using Headers = std::vector<std::pair<std::string, std::string>>;
  TestServer server;

  Reply call(const std::string& method, const std::string& path, const std::string& token, const std::string& body = {},
             Headers extra = {}) {
    extra.emplace_back("Authorization", token);
    return fetch(server.port(), method, "/api/v1/orgs/acme" + path, body, extra);
  }
};

}  // namespace vigil::test
