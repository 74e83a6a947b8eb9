// The ZIP reader lives in a plugin (vigil-zip.so, built from src/libzip) that
// is loaded only when an archive is opened: Debian's libzip brings in OpenSSL's
// libcrypto, whose loading and relocation would otherwise add about 0.9 ms to
// the start-up of every command (docs/PERFORMANCE.md, "Process start-up").
// This header is the whole contract between the two sides. The binary sets the
// limits (ZipLimits), checks the archive's size, header and declared entry
// count before the plugin is even loaded, and refuses unsafe entry names; the
// plugin applies the entry-count and entry-size limits it is given and refuses
// encrypted entries.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "archive/zip_reader.h"
#include "core/error.h"

namespace vigil::archive {

// Bumped whenever this struct or ZipEntry change shape, so that a stale
// plugin beside a newer binary is refused instead of misbehaving.
inline constexpr int kZipBackendAbi = 1;

struct OpenedZip {
  void* zip = nullptr;  // the library's handle; given back to read and close
  std::vector<ZipEntry> entries;
};

struct ZipBackend {
  static constexpr int kAbi = kZipBackendAbi;
  int abi = kZipBackendAbi;
  // Opens the archive held in `bytes`, which the caller keeps unchanged until
  // close (the library reads it in place), and lists its entries in order.
  // `file` names it in errors: not a ZIP archive, damaged, more than
  // `max_entries` entries (checked before any is listed).
  Result<OpenedZip> (*open)(std::string_view bytes, const std::string& file, std::size_t max_entries) = nullptr;
  // The bytes of entry `index`; `where` names it in errors. Reads at most one
  // byte past `max_bytes` whatever the entry declares. Errors: encrypted,
  // larger than `max_bytes` (declared or read), damaged (CRC, size).
  Result<std::string> (*read)(void* zip, std::size_t index, std::uint64_t max_bytes,
                              const std::string& where) = nullptr;
  void (*close)(void* zip) = nullptr;
};

// "16 MiB", or "1000 bytes": a limit as the errors of both sides give it.
inline std::string size_text(std::uint64_t bytes) {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) return fmt::format("{} MiB", bytes / (1024 * 1024));
  return fmt::format("{} bytes", bytes);
}

// The entry point the plugin exports (extern "C", so dlsym finds it by name).
inline constexpr const char* kZipBackendSymbol = "vigil_zip_backend";
inline constexpr const char* kZipPluginFile = "vigil-zip.so";

// The reader, loaded once per process: linked in when the program carries
// src/libzip itself (the archive tests, the fuzz harness), else vigil-zip.so
// (plugin/loader.h). The error names every place searched.
Result<const ZipBackend*> zip_backend();

}  // namespace vigil::archive
