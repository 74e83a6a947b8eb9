// A running Vigil server: the stores opened from the configuration, the
// request pipeline (App) and the network listener, started together and
// stopped gracefully. `vigil serve` and the tests both start one of these.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>

#include "core/error.h"
#include "server/app.h"
#include "server/config.h"
#include "server/http_listener.h"
#include "server/login_throttle.h"
#include "server/services.h"

namespace spdlog {
class logger;
}

namespace vigil::server {

struct ServerOptions {
  std::function<Instant()> clock;  // default: the system clock
  HashCost hash_cost = HashCost::Server;
  LoginLimits login_limits;
  std::shared_ptr<spdlog::logger> logger;  // default: JSON lines on stderr
};

class Server {
 public:
  static Result<std::unique_ptr<Server>> start(ServerConfig config, ServerOptions options = {});
  ~Server();

  std::uint16_t port() const { return listener_->port(); }
  // The metrics_listen address's port, 0 when there is none.
  std::uint16_t metrics_port() const { return metrics_listener_ ? metrics_listener_->port() : 0; }
  Services& services() { return services_; }
  const App& app() const { return *app_; }
  void stop() { listener_->stop(); }  // graceful; returns at once
  void wait() { listener_->wait(); }

 private:
  Server() = default;
  Services services_;
  std::shared_ptr<spdlog::logger> log_;
  std::unique_ptr<App> app_;
  std::unique_ptr<HttpListener> listener_;
  std::unique_ptr<HttpListener> metrics_listener_;  // config.metrics_listen
};

// A logger writing one JSON object per line to stderr.
std::shared_ptr<spdlog::logger> json_logger(std::string_view level);

// Blocks SIGINT and SIGTERM in the calling thread and the threads it starts
// afterwards; call before Server::start, then wait_for_shutdown_signal().
void block_shutdown_signals();
int wait_for_shutdown_signal();  // returns the signal number

}  // namespace vigil::server
