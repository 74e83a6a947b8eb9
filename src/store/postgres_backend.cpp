#include "store/postgres_backend.h"

#include <dlfcn.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <vector>

#include <fmt/format.h>

// Defined by src/postgres/plugin.cpp; weak, so it is null unless this program
// links the back end in itself.
extern "C" const vigil::store::PostgresBackend* vigil_postgres_backend() __attribute__((weak));

namespace vigil::store {

bool is_postgres_url(std::string_view location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

namespace {

namespace fs = std::filesystem;

std::vector<fs::path> plugin_candidates() {
  std::vector<fs::path> places;
  if (const char* dir = std::getenv("VIGIL_PLUGIN_DIR"); dir != nullptr && *dir != '\0') places.emplace_back(dir);
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    places.push_back(exe.parent_path());
    places.push_back(exe.parent_path().parent_path() / "lib" / "vigil");
  }
#ifdef VIGIL_PLUGIN_INSTALL_DIR
  places.emplace_back(VIGIL_PLUGIN_INSTALL_DIR);
#endif
  for (auto& place : places) place /= kPostgresPluginFile;
  return places;
}

Result<const PostgresBackend*> check(const PostgresBackend* backend, const std::string& origin) {
  if (backend == nullptr || backend->abi != kPostgresBackendAbi || backend->open_sql == nullptr) {
    return fail(ErrorCode::Internal, origin,
                "is a PostgreSQL plugin of another Vigil version; install the one built with this binary");
  }
  return backend;
}

Result<const PostgresBackend*> load() {
  if (vigil_postgres_backend != nullptr) return check(vigil_postgres_backend(), "the linked-in PostgreSQL back end");
  std::string tried;
  for (const fs::path& candidate : plugin_candidates()) {
    std::error_code ec;
    if (!fs::exists(candidate, ec)) {
      tried += fmt::format("\n  {}: not found", candidate.string());
      continue;
    }
    // Never closed: the stores it creates live as long as the process.
    void* handle = ::dlopen(candidate.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      const char* why = ::dlerror();
      tried += fmt::format("\n  {}: {}", candidate.string(), why != nullptr ? why : "cannot be loaded");
      continue;
    }
    using Entry = const PostgresBackend* (*)();
    auto entry = reinterpret_cast<Entry>(::dlsym(handle, kPostgresBackendSymbol));
    if (entry == nullptr) {
      tried += fmt::format("\n  {}: has no {} entry point", candidate.string(), kPostgresBackendSymbol);
      continue;
    }
    return check(entry(), candidate.string());
  }
  return fail(ErrorCode::Io, "postgresql://",
              fmt::format("PostgreSQL support ({}) could not be loaded; looked in:{}\n"
                          "Build it with the vigil target, install it beside the binary, or set VIGIL_PLUGIN_DIR.",
                          kPostgresPluginFile, tried));
}

}  // namespace

Result<const PostgresBackend*> postgres_backend() {
  static std::once_flag once;
  static Result<const PostgresBackend*> loaded = fail(ErrorCode::Internal, "", "not loaded");
  std::call_once(once, [] { loaded = load(); });
  return loaded;
}

}  // namespace vigil::store
