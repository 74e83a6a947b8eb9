#include "plugin/loader.h"

#include <dlfcn.h>

#include <cstdlib>
#include <filesystem>
#include <vector>

#include <fmt/format.h>

namespace vigil::plugin {

namespace {

namespace fs = std::filesystem;

std::vector<fs::path> candidates(std::string_view file) {
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
  for (auto& place : places) place /= file;
  return places;
}

}  // namespace

Result<Entry> load_entry(std::string_view file, const char* symbol, std::string_view what, std::string_view where) {
  std::string tried;
  for (const fs::path& candidate : candidates(file)) {
    std::error_code ec;
    if (!fs::exists(candidate, ec)) {
      tried += fmt::format("\n  {}: not found", candidate.string());
      continue;
    }
    void* handle = ::dlopen(candidate.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      const char* why = ::dlerror();
      tried += fmt::format("\n  {}: {}", candidate.string(), why != nullptr ? why : "cannot be loaded");
      continue;
    }
    void* function = ::dlsym(handle, symbol);
    if (function == nullptr) {
      tried += fmt::format("\n  {}: has no {} entry point", candidate.string(), symbol);
      continue;
    }
    return Entry{function, candidate.string()};
  }
  return fail(ErrorCode::Io, std::string(where),
              fmt::format("{} ({}) could not be loaded; looked in:{}\n"
                          "Build it with the vigil target, install it beside the binary, or set VIGIL_PLUGIN_DIR.",
                          what, file, tried));
}

}  // namespace vigil::plugin
