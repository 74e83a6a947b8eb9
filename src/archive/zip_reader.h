// Reading ZIP archives (Debian's libzip, loaded as the plugin vigil-zip.so:
// archive/zip_backend.h), for imports that arrive zipped: an
// OpenAEV (formerly OpenBAS) scenario export is a ZIP holding the scenario's
// JSON and its documents. An adapter: it reads files; the domain modules get
// the entry's text and stay pure.
//
// An archive is untrusted input, so every read is bounded (ZipLimits), and
// each refusal is an error naming the file and the limit:
//  - the archive at most 256 MiB (checked before it is read into memory);
//  - at most 10 000 entries;
//  - an entry read at most 16 MiB uncompressed: its declared size is checked
//    before reading, and reading stops past the limit whatever it declared
//    (a forged size does not make a zip bomb);
//  - no entry named with an absolute path ("/etc/x", "C:\x", "\\server\x")
//    or a ".." component: the archive is refused as a whole, although nothing
//    is ever written from it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace vigil::archive {

struct ZipLimits {
  std::uint64_t max_archive_bytes = 256ULL * 1024 * 1024;
  std::size_t max_entries = 10'000;
  std::uint64_t max_entry_bytes = 16ULL * 1024 * 1024;  // uncompressed, per entry read
};

struct ZipEntry {
  std::string name;
  std::uint64_t size = 0;  // uncompressed, as the archive declares it
  std::string comment;     // the entry's comment (OpenAEV marks its entries with one)
  bool directory = false;  // the name ends with '/'
};

// Whether `bytes` start like a ZIP archive (a local file header, or the end
// record of an empty archive).
bool looks_like_zip(std::string_view bytes);

class ZipArchive {
 public:
  // The archive held in `bytes`; `file` names it in errors. Errors: larger
  // than the limit, not a ZIP archive, damaged, too many entries, an entry
  // with an absolute path or "..", the ZIP reader plugin not found (Io).
  static Result<ZipArchive> open_memory(std::string bytes, std::string file, const ZipLimits& limits = {});
  // The file at `path`, its size checked before it is read.
  static Result<ZipArchive> open_file(const std::string& path, const ZipLimits& limits = {});

  const std::string& file() const { return file_; }
  const std::vector<ZipEntry>& entries() const { return entries_; }
  // The entry's bytes. Errors: no such entry, larger than the limit (declared
  // or read), encrypted, damaged (libzip checks the CRC).
  Result<std::string> read(std::string_view name) const;

  ZipArchive(ZipArchive&&) noexcept;
  ZipArchive& operator=(ZipArchive&&) noexcept;
  ~ZipArchive();

 private:
  struct Handle;
  ZipArchive() = default;
  std::unique_ptr<Handle> handle_;
  std::string file_;
  ZipLimits limits_;
  std::vector<ZipEntry> entries_;
};

// The scenario JSON of an OpenAEV (OpenBAS) scenario export: the entry whose
// comment is "Scenario" (OpenAEV's exporter marks its data entry so, and its
// documents "Attachment"); else the only ".json" entry not marked as an
// attachment. Errors: no JSON inside (listing what the archive holds), several
// candidates (listing them).
struct NamedText {
  std::string name;
  std::string text;
};
Result<NamedText> read_openaev_scenario_json(const ZipArchive& archive);

}  // namespace vigil::archive
