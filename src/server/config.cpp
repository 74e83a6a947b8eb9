#include "server/config.h"

#include <cctype>
#include <charconv>
#include <cstdlib>
#include <vector>

#include <toml++/toml.h>

#include "core/errors.h"
#include "core/text.h"

namespace vigil::server {

namespace {

// Each setting's TOML key and what it does; its environment variable and flag
// follow from the key (settings()).
struct Setting {
  std::string_view key;
  std::string_view description;
};
constexpr Setting kSettings[] = {
    {"listen", "address and port to listen on (host:port)"},
    {"db", "SQLite database path"},
    {"io_threads", "network threads (0: one per core)"},
    {"workers", "threads for database and report work"},
    {"db_readers", "SQLite read connections (writes share one group-commit writer)"},
    {"db_connections", "PostgreSQL connection pool size (0: one per worker)"},
    {"max_header_bytes", "largest request header (431 beyond)"},
    {"max_body_bytes", "largest JSON request body (413 beyond)"},
    {"max_evidence_bytes", "largest evidence upload in bytes (default 25 MiB, at most 25 MiB)"},
    {"max_connections", "open connections at most (new ones beyond are closed)"},
    {"max_connections_per_address", "open connections at most from one client address"},
    {"read_timeout_ms", "time allowed to send a whole request"},
    {"idle_timeout_ms", "idle keep-alive connections close after this"},
    {"shutdown_grace_ms", "time requests in flight get on shutdown"},
    {"session_hours", "lifetime of a browser session"},
    {"log_level", "trace, debug, info, warn, error or off"},
    {"secure_cookies", "true: session cookies only travel over HTTPS (set it when a TLS proxy fronts Vigil)"},
    {"metrics_token", "bearer token that GET /metrics requires (empty: /metrics is off on the main address)"},
    {"metrics_listen", "separate host:port serving only /metrics, without a token (empty: none)"},
    {"metrics_org_labels", "true: gauges per organisation (labels name the organisations)"},
    {"seal_key",
     "Ed25519 key file that seals every chain head written ('vigil seal-key generate'; keep it off the database "
     "host's backups)"},
};

// "read_timeout_ms" -> VIGIL_READ_TIMEOUT_MS and --read-timeout-ms, for every setting.
const std::vector<SettingInfo>& settings() {
  static const std::vector<SettingInfo> infos = [] {
    std::vector<SettingInfo> out;
    for (const auto& s : kSettings) {
      std::string env = "VIGIL_";
      std::string flag = "--";
      for (char c : s.key) {
        env += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        flag += c == '_' ? '-' : c;
      }
      out.push_back({s.key, std::move(env), std::move(flag), s.description});
    }
    return out;
  }();
  return infos;
}

Result<std::int64_t> parse_integer(std::string_view text, std::int64_t min, std::int64_t max,
                                   const std::string& where) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value < min || value > max) {
    return invalid(where, "'" + std::string(text) + "' is not a whole number from " + std::to_string(min) + " to " +
                              std::to_string(max));
  }
  return value;
}

Result<void> apply(ServerConfig& config, std::string_view key, const std::string& value, const std::string& where) {
  auto integer = [&](std::int64_t min, std::int64_t max) { return parse_integer(value, min, max, where); };
  auto millis = [&](auto& field) -> Result<void> {
    field = std::chrono::milliseconds(TRY(integer(1, 24LL * 3600 * 1000)));
    return {};
  };
  if (key == "listen") {
    ServerConfig probe;
    probe.listen = value;
    if (probe.host().empty() || (probe.port() == 0 && value.substr(value.rfind(':') + 1) != "0")) {
      return invalid(where, "'" + value + "' is not host:port (for example 127.0.0.1:8080)");
    }
    config.listen = value;
  } else if (key == "db") {
    if (value.empty()) return invalid(where, "the database path is empty");
    config.db = value;
  } else if (key == "seal_key") {
    config.seal_key = value;
  } else if (key == "io_threads") {
    config.io_threads = static_cast<int>(TRY(integer(0, 256)));
  } else if (key == "workers") {
    config.workers = static_cast<int>(TRY(integer(1, 256)));
  } else if (key == "db_readers") {
    config.db_readers = static_cast<int>(TRY(integer(1, 64)));
  } else if (key == "db_connections") {
    config.db_connections = static_cast<int>(TRY(integer(0, 256)));
  } else if (key == "max_header_bytes") {
    config.max_header_bytes = static_cast<std::size_t>(TRY(integer(1024, 1 << 20)));
  } else if (key == "max_body_bytes") {
    config.max_body_bytes = static_cast<std::size_t>(TRY(integer(1024, 1LL << 30)));
  } else if (key == "max_evidence_bytes") {
    config.max_evidence_bytes = static_cast<std::size_t>(TRY(integer(1024, 25LL * 1024 * 1024)));
  } else if (key == "max_connections") {
    config.max_connections = static_cast<int>(TRY(integer(16, 1'000'000)));
  } else if (key == "max_connections_per_address") {
    config.max_connections_per_address = static_cast<int>(TRY(integer(1, 1'000'000)));
  } else if (key == "read_timeout_ms") {
    TRY(millis(config.read_timeout));
  } else if (key == "idle_timeout_ms") {
    TRY(millis(config.idle_timeout));
  } else if (key == "shutdown_grace_ms") {
    TRY(millis(config.shutdown_grace));
  } else if (key == "session_hours") {
    config.session_hours = static_cast<int>(TRY(integer(1, 24 * 30)));
  } else if (key == "log_level") {
    static constexpr std::string_view kLevels[] = {"trace", "debug", "info", "warn", "error", "off"};
    bool known = false;
    for (auto level : kLevels) known = known || level == value;
    if (!known) return invalid(where, "'" + value + "' is not a log level (trace, debug, info, warn, error or off)");
    config.log_level = value;
  } else if (key == "secure_cookies") {
    if (value != "true" && value != "false") return invalid(where, "'" + value + "' is neither true nor false");
    config.secure_cookies = value == "true";
  } else if (key == "metrics_token") {
    if (!value.empty() && value.size() < 16) return invalid(where, "must have at least 16 characters (or be empty)");
    config.metrics_token = value;
  } else if (key == "metrics_listen") {
    if (!value.empty()) {
      ServerConfig probe;
      probe.listen = value;
      if (probe.host().empty() || (probe.port() == 0 && value.substr(value.rfind(':') + 1) != "0")) {
        return invalid(where, "'" + excerpt(value) + "' is not host:port (for example 127.0.0.1:9464)");
      }
    }
    config.metrics_listen = value;
  } else if (key == "metrics_org_labels") {
    if (value != "true" && value != "false")
      return invalid(where, "'" + excerpt(value) + "' is neither true nor false");
    config.metrics_org_labels = value == "true";
  }
  return {};
}

const SettingInfo* find_setting(std::string_view key) {
  for (const auto& s : settings()) {
    if (s.key == key) return &s;
  }
  return nullptr;
}

std::vector<std::string_view> setting_keys() {
  std::vector<std::string_view> keys;
  for (const auto& s : kSettings) keys.push_back(s.key);
  return keys;
}

// The TOML file's values as text, so all three sources share one parser.
Result<Settings> file_settings(const std::string& text, const std::string& path) {
  toml::table table;
  try {
    table = toml::parse(text, path);
  } catch (const toml::parse_error& e) {  // the toml++ shared library is built with exceptions
    return invalid(path + ":" + std::to_string(e.source().begin.line), std::string(e.description()));
  }
  Settings out;
  Errors errors;
  auto keys = setting_keys();
  for (const auto& [key, node] : table) {
    std::string name(key.str());
    std::string where = path + ":" + std::to_string(key.source().begin.line) + ": " + name;
    if (!find_setting(name)) {
      auto near = nearest(name, keys);
      errors.add(Error{ErrorCode::InvalidInput,
                       where,
                       "unknown setting" + (near.empty() ? std::string{} : " (did you mean " + or_list(near) + "?)"),
                       {}});
    } else if (auto s = node.value<std::string>(); s && node.is_string()) {
      out[name] = *s;
    } else if (auto i = node.value<std::int64_t>(); i && node.is_integer()) {
      out[name] = std::to_string(*i);
    } else if (auto b = node.value<bool>();
               b && node.is_boolean() && (name == "secure_cookies" || name == "metrics_org_labels")) {
      out[name] = *b ? "true" : "false";  // the switches among the settings
    } else {
      errors.add(Error{ErrorCode::InvalidInput, where, "expected a string or an integer", {}});
    }
  }
  TRY(errors.result());
  return out;
}

}  // namespace

std::string ServerConfig::host() const {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos) return {};
  std::string host = listen.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  return host;
}

std::uint16_t ServerConfig::port() const {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos) return 0;
  auto port = parse_integer(std::string_view(listen).substr(colon + 1), 0, 65535, "listen");
  return port ? static_cast<std::uint16_t>(*port) : 0;
}

std::span<const SettingInfo> setting_infos() { return settings(); }

Settings environment_settings() {
  Settings out;
  for (const auto& s : settings()) {
    if (const char* v = std::getenv(s.env.c_str())) out[std::string(s.key)] = v;
  }
  return out;
}

Result<ServerConfig> resolve_config(const Settings& flags, const Settings& env,
                                    const std::optional<std::pair<std::string, std::string>>& file) {
  Settings from_file;
  if (file) from_file = TRY(file_settings(file->first, file->second));
  ServerConfig config;
  Errors errors;
  for (const auto& s : settings()) {
    const std::string key(s.key);
    std::string where;
    const std::string* value = nullptr;
    if (auto f = flags.find(key); f != flags.end()) {
      value = &f->second, where = s.flag;
    } else if (auto e = env.find(key); e != env.end()) {
      value = &e->second, where = s.env;
    } else if (auto t = from_file.find(key); t != from_file.end()) {
      value = &t->second, where = file->second + ": " + key;
    }
    if (!value) continue;
    if (auto applied = apply(config, s.key, *value, where); !applied) errors.add(applied.error());
  }
  TRY(errors.result());
  return config;
}

}  // namespace vigil::server
