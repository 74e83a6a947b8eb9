// libFuzzer harness for the request pipeline of `vigil serve`, in process.
// The input is one HTTP/1.1 request as a client would send it. It goes
// through the listener's own parser with its limits (parse_request), then
// App::handle: routing, authentication (a seeded API token and cookie
// session), the role check, CSRF, bounded and UTF-8-checked input, JSON
// bodies, sign-in and every handler, on a throwaway SQLite workspace.
//
// A finding is a crash, a sanitizer report, an exception that escapes, a
// status outside 100..599, or a JSON answer that does not parse as JSON.
// Seeds: fuzz/corpus/http_request (one request per route of the table).
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "server/app.h"
#include "server/credentials.h"
#include "server/http_listener.h"
#include "server/open_incident_store.h"
#include "server/services.h"

namespace {

using namespace vigil;
using namespace vigil::server;

// The credentials the seeds carry.
constexpr std::string_view kToken = "fuzz-token";      // Authorization: Bearer fuzz-token (admin of acme)
constexpr std::string_view kSession = "fuzz-session";  // Cookie: vigil_session=fuzz-session
constexpr std::string_view kCsrf = "fuzz-csrf";        // X-CSRF-Token: fuzz-csrf
constexpr std::string_view kMetricsToken = "fuzz-metrics-token-0123";

Instant fixed_now() { return Instant{std::chrono::seconds{1772442000}}; }  // 2026-03-02T09:00:00Z

struct Harness {
  std::filesystem::path dir;
  Services services;
  std::unique_ptr<App> app;
  ListenerOptions options;
  ListenerHandlers handlers;

  Harness() {
    dir = std::filesystem::temp_directory_path() / ("vigil-fuzz-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    ServerConfig config;
    config.db = (dir / "vigil.db").string();
    config.workers = 1;
    config.db_readers = 1;
    config.metrics_token = std::string(kMetricsToken);
    services.accounts = must(store::open_accounts(config.db));
    services.incidents = must(open_incident_store(config, nullptr));
    services.compliance = must(store::open_compliance(config.db));
    services.exercises = must(store::open_exercises(config.db));
    services.config = config;
    services.clock = fixed_now;
    services.hash_cost = HashCost::Minimal;
    seed();
    auto logger = std::make_shared<spdlog::logger>("fuzz", std::make_shared<spdlog::sinks::null_sink_mt>());
    app = std::make_unique<App>(services, logger);
    options.max_body_bytes = config.max_body_bytes;
    handlers.body_limit = [this](std::string_view method, std::string_view path) {
      return app->body_limit(method, path);
    };
  }
  ~Harness() {
    app.reset();
    services.incidents.reset();
    services.compliance.reset();
    services.accounts.reset();
    std::filesystem::remove_all(dir);
  }

  template <class T>
  static T must(Result<T> result) {
    if (!result) {
      std::fprintf(stderr, "fuzz harness set-up failed: %s\n", describe(result.error()).c_str());
      std::abort();
    }
    return std::move(*result);
  }

  void seed() {
    auto& accounts = *services.accounts;
    must(accounts.add_organisation("acme", "Acme Energy GmbH", store::AccountChange{"fuzz", fixed_now()}));
    must(accounts.add_organisation("globex", "Globex Water AB", store::AccountChange{"fuzz", fixed_now()}));
    auto hash = must(hash_password("fuzz-password", HashCost::Minimal));
    auto admin = must(accounts.add_user("fuzz", hash, fixed_now()));
    (void)accounts.grant(admin.id, "acme", store::Role::Admin, store::AccountChange{"fuzz", fixed_now()});
    auto other = must(accounts.add_user("globex-admin", hash, fixed_now()));
    (void)accounts.grant(other.id, "globex", store::Role::Admin, store::AccountChange{"fuzz", fixed_now()});
    must(accounts.add_token(sha256_hex(kToken), admin.id, "fuzz", store::AccountChange{"fuzz", fixed_now()}));
    (void)accounts.add_session(store::Session{sha256_hex(kSession), admin.id, std::string(kCsrf), fixed_now(),
                                              fixed_now() + std::chrono::hours(24 * 365)});
  }
};

bool valid_answer(const Response& response) {
  if (response.status < 100 || response.status > 599) return false;
  bool json = response.content_type == "application/json" || response.content_type == "application/problem+json";
  if (json && !response.body.empty() && !nlohmann::json::accept(response.body)) return false;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Harness harness;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  ParsedRequest parsed = parse_request(bytes, harness.options, harness.handlers);
  Response response = parsed.status != 0 ? harness.app->reject(parsed.status, "fuzz") : [&] {
    if (auto refused = harness.app->admit(parsed.request)) return std::move(*refused);
    return harness.app->handle(parsed.request);
  }();
  if (!valid_answer(response)) {
    std::fprintf(stderr, "invalid answer: status %d, content type '%s', body '%.200s'\n", response.status,
                 response.content_type.c_str(), response.body.c_str());
    std::abort();
  }
  return 0;
}
