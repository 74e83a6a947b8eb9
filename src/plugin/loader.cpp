#include "plugin/loader.h"

#include <dlfcn.h>
#include <elf.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
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

// dlopen maps a shared object's segments as its program headers say; one that
// ends before them (a truncated copy, a failed install) faults the process
// (SIGBUS) when the loader reads the missing pages. So the headers are read
// first and every loaded segment checked against the file's size.
std::optional<std::string> damaged(const fs::path& path) {
  std::error_code ec;
  const std::uintmax_t size = fs::file_size(path, ec);
  if (ec) return "cannot be read: " + ec.message();
  std::ifstream in(path, std::ios::binary);
  Elf64_Ehdr header{};
  if (!in.read(reinterpret_cast<char*>(&header), sizeof header) || std::memcmp(header.e_ident, ELFMAG, SELFMAG) != 0 ||
      header.e_ident[EI_CLASS] != ELFCLASS64 || header.e_phentsize != sizeof(Elf64_Phdr)) {
    return "is not a 64-bit ELF shared object";
  }
  if (header.e_phoff > size || header.e_phnum * sizeof(Elf64_Phdr) > size - header.e_phoff) {
    return fmt::format("is damaged or truncated ({} bytes; its program headers lie past its end)", size);
  }
  in.seekg(static_cast<std::streamoff>(header.e_phoff));
  for (unsigned i = 0; i < header.e_phnum; ++i) {
    Elf64_Phdr segment{};
    if (!in.read(reinterpret_cast<char*>(&segment), sizeof segment)) return "cannot be read whole";
    if (segment.p_type == PT_LOAD && (segment.p_offset > size || segment.p_filesz > size - segment.p_offset)) {
      return fmt::format("is damaged or truncated ({} bytes; a segment it loads lies past its end)", size);
    }
  }
  return std::nullopt;
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
    if (auto why = damaged(candidate)) {
      tried += fmt::format("\n  {}: {}", candidate.string(), *why);
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
      ::dlclose(handle);
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
