#include "server/server.h"

#include "server/open_incident_store.h"

#include <csignal>

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

namespace vigil::server {

std::shared_ptr<spdlog::logger> json_logger(std::string_view level) {
  auto sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  auto logger = std::make_shared<spdlog::logger>("vigil", sink);
  logger->set_pattern(R"({"time":"%Y-%m-%dT%H:%M:%S.%fZ","level":"%l",%v})", spdlog::pattern_time_type::utc);
  logger->set_level(spdlog::level::from_str(std::string(level)));
  return logger;
}

Result<std::unique_ptr<Server>> Server::start(ServerConfig config, ServerOptions options) {
  std::unique_ptr<Server> server(new Server());
  Services& services = server->services_;
  if (!config.seal_key.empty()) services.sealer = TRY(store::Sealer::load(config.seal_key));
  services.accounts = TRY(store::open_accounts(config.db, services.sealer));
  services.incidents = TRY(open_incident_store(config, services.sealer));
  services.compliance = TRY(store::open_compliance(config.db, services.sealer));
  services.suppliers = TRY(store::open_suppliers(config.db, services.sealer));
  services.exercises = TRY(store::open_exercises(config.db, services.sealer));
  services.seals = TRY(store::open_seals(config.db));
  services.config = config;
  services.clock = options.clock ? options.clock : [] {
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  };
  services.hash_cost = options.hash_cost;
  services.throttle.set_limits(options.login_limits);
  services.gauges.push_back(incident_gauges);
  server->log_ = options.logger ? options.logger : json_logger(config.log_level);
  server->app_ = std::make_unique<App>(services, server->log_);

  ListenerOptions listen;
  listen.address = config.host();
  listen.port = config.port();
  listen.io_threads = config.io_threads;
  listen.workers = config.workers;
  listen.max_header_bytes = config.max_header_bytes;
  listen.max_body_bytes = config.max_body_bytes;
  listen.read_timeout = config.read_timeout;
  listen.idle_timeout = config.idle_timeout;
  listen.shutdown_grace = config.shutdown_grace;
  listen.max_connections = config.max_connections;
  listen.max_connections_per_address = config.max_connections_per_address;
  App* app = server->app_.get();
  ListenerHandlers handlers{
      [app](Request& r) { return app->handle(r); },
      [app](int status, std::string_view detail) { return app->reject(status, detail); },
      [app](std::string_view method, std::string_view path) { return app->body_limit(method, path); },
      [app](Request& r) { return app->admit(r); },
  };
  server->listener_ = TRY(HttpListener::start(listen, std::move(handlers)));
  if (!config.metrics_listen.empty()) {
    // Only the metrics, without a token, on an address of the operator's choosing.
    ServerConfig metrics_address;
    metrics_address.listen = config.metrics_listen;
    ListenerOptions metrics_listen;
    metrics_listen.address = metrics_address.host();
    metrics_listen.port = metrics_address.port();
    metrics_listen.io_threads = 1;
    metrics_listen.workers = 1;
    metrics_listen.max_body_bytes = 0;
    metrics_listen.max_connections = 64;
    metrics_listen.max_connections_per_address = 16;
    ListenerHandlers metrics_handlers{
        [app](Request& r) { return app->handle_metrics(r); },
        [app](int status, std::string_view detail) { return app->reject(status, detail); },
        {},
        {},
    };
    server->metrics_listener_ = TRY(HttpListener::start(metrics_listen, std::move(metrics_handlers)));
  }
  server->log_->info(R"("msg":"listening","address":{},"port":{},"db":{})", nlohmann::json(listen.address).dump(),
                     server->listener_->port(), nlohmann::json(config.db).dump());
  return server;
}

Server::~Server() {
  if (metrics_listener_) {
    metrics_listener_->stop();
    metrics_listener_->wait();
  }
  if (listener_) {
    listener_->stop();
    listener_->wait();
    listener_.reset();
  }
  if (log_) log_->flush();
}

void block_shutdown_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

int wait_for_shutdown_signal() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  int signal = 0;
  sigwait(&set, &signal);
  return signal;
}

}  // namespace vigil::server
