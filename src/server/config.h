// How `vigil serve` is configured: each setting comes from a command-line flag,
// else the environment (VIGIL_<NAME>), else an optional TOML file, else its
// default. Resolving is a plain function of those three sources, so the
// precedence is testable without a process.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/error.h"

namespace vigil::server {

struct ServerConfig {
  std::string listen = "127.0.0.1:8080";  // host:port
  std::string db = "vigil.db";            // SQLite path
  int io_threads = 0;                     // 0: one per core
  // Handler threads. A write waits for its durable commit and one commit
  // carries every write waiting (group commit), so the worker count bounds
  // the batch size: 64 lets 64 concurrent clients share each commit.
  int workers = 64;
  int db_readers = 4;      // SQLite read connections (writes: one group-commit writer)
  int db_connections = 0;  // PostgreSQL connection pool (0: one per worker)
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_body_bytes = 1024 * 1024;
  std::size_t max_evidence_bytes = 25 * 1024 * 1024;  // evidence uploads (413 beyond)
  // Open connections at most, in all and from one client address. Beyond,
  // a new connection is closed at once; the process's descriptor limit is
  // raised at start and max_connections kept below it.
  int max_connections = 1024;
  int max_connections_per_address = 64;
  std::chrono::milliseconds read_timeout{10'000};
  std::chrono::milliseconds idle_timeout{30'000};
  std::chrono::milliseconds shutdown_grace{30'000};
  int session_hours = 12;
  std::string log_level = "info";  // trace|debug|info|warn|error|off
  bool secure_cookies = false;     // add Secure to the session cookie (HTTPS in front)
  // GET /metrics needs 'Authorization: Bearer <metrics_token>'; empty: the
  // route answers 404 (metrics are off) unless metrics_listen serves them.
  std::string metrics_token;
  // A separate host:port that serves only /metrics, without a token (bind it
  // to an address only the monitoring system reaches). Empty: none.
  std::string metrics_listen;
  bool metrics_org_labels = false;  // per-organisation gauges (names organisations to whoever reads /metrics)
  // The Ed25519 key file that seals every chain head written (store/seal.h;
  // `vigil seal-key generate`). Empty: nothing is sealed.
  std::string seal_key;

  // "127.0.0.1:8080" -> host and port; "[::1]:8080" for IPv6.
  std::string host() const;
  std::uint16_t port() const;
  // db_connections, or the worker count when it is 0.
  int postgres_connections() const { return db_connections > 0 ? db_connections : workers; }
};

struct SettingInfo {
  std::string_view key;  // "read_timeout_ms" (TOML key)
  std::string env;       // "VIGIL_READ_TIMEOUT_MS"
  std::string flag;      // "--read-timeout-ms"
  std::string_view description;
};
std::span<const SettingInfo> setting_infos();

// Raw text values by setting key ("listen" -> "0.0.0.0:8080").
using Settings = std::map<std::string, std::string, std::less<>>;

// The VIGIL_* variables of the process environment that name a setting.
Settings environment_settings();

// flags > env > file > defaults. `file` is the TOML text and its path (for
// error messages). Every bad value is reported, naming where it came from.
Result<ServerConfig> resolve_config(const Settings& flags, const Settings& env,
                                    const std::optional<std::pair<std::string, std::string>>& file);

}  // namespace vigil::server
