#include "archive/zip_reader.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>

#include <fmt/format.h>

#include "archive/zip_backend.h"
#include "core/text.h"
#include "plugin/loader.h"

// Defined by src/libzip/plugin.cpp; weak, so it is null unless this program
// links the reader in itself.
extern "C" const vigil::archive::ZipBackend* vigil_zip_backend() __attribute__((weak));

namespace vigil::archive {

Result<const ZipBackend*> zip_backend() {
  return plugin::load_table_once<ZipBackend>(
      vigil_zip_backend, kZipPluginFile, kZipBackendSymbol, "ZIP support", "ZIP", "",
      [](const ZipBackend& b) { return b.open != nullptr && b.read != nullptr && b.close != nullptr; });
}

struct ZipArchive::Handle {
  std::string bytes;  // the archive; the reader reads it in place, so it lives as long as `zip`
  const ZipBackend* backend = nullptr;
  void* zip = nullptr;
  ~Handle() {
    if (zip) backend->close(zip);
  }
};

ZipArchive::ZipArchive(ZipArchive&&) noexcept = default;
ZipArchive& ZipArchive::operator=(ZipArchive&&) noexcept = default;
ZipArchive::~ZipArchive() = default;

namespace {

constexpr std::string_view kScenarioComment = "Scenario";      // OpenAEV's ImportService.EXPORT_ENTRY_SCENARIO
constexpr std::string_view kAttachmentComment = "Attachment";  // EXPORT_ENTRY_ATTACHMENT

// An absolute path ("/x", "\x", "C:x") or a ".." component.
bool unsafe_name(std::string_view name) {
  if (name.empty()) return false;
  if (name.front() == '/' || name.front() == '\\') return true;
  if (name.size() >= 2 && name[1] == ':' &&
      ((name[0] >= 'A' && name[0] <= 'Z') || (name[0] >= 'a' && name[0] <= 'z'))) {
    return true;
  }
  std::size_t start = 0;
  while (start <= name.size()) {
    std::size_t end = name.find_first_of("/\\", start);
    if (end == std::string_view::npos) end = name.size();
    if (name.substr(start, end - start) == "..") return true;
    start = end + 1;
  }
  return false;
}

std::uint16_t u16(std::string_view b, std::size_t at) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(b[at]) | (static_cast<unsigned char>(b[at + 1]) << 8));
}

// The entry count the end-of-central-directory record declares, read before
// libzip builds its table of entries (one allocation per declared entry);
// nullopt when there is no such record or it defers to ZIP64 (libzip's count
// is checked after opening then).
std::optional<std::size_t> declared_entries(std::string_view bytes) {
  constexpr std::size_t kRecord = 22;
  if (bytes.size() < kRecord) return std::nullopt;
  const std::size_t lowest = bytes.size() > kRecord + 0xFFFF ? bytes.size() - kRecord - 0xFFFF : 0;
  for (std::size_t at = bytes.size() - kRecord + 1; at-- > lowest;) {
    if (bytes.substr(at, 4) == std::string_view("PK\x05\x06", 4)) {
      const std::uint16_t total = u16(bytes, at + 10);
      if (total == 0xFFFF) return std::nullopt;
      return total;
    }
  }
  return std::nullopt;
}

bool ends_with_json(std::string_view name) {
  if (name.size() < 5) return false;
  return to_lower(name.substr(name.size() - 5)) == ".json";
}

std::string listing(const std::vector<std::string>& names) {
  constexpr std::size_t kShown = 20;
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < kShown; ++i) {
    out += (i == 0 ? "" : ", ") + excerpt(names[i], 100);
  }
  if (names.size() > kShown) out += fmt::format(" and {} more", names.size() - kShown);
  return out;
}

}  // namespace

bool looks_like_zip(std::string_view bytes) {
  return bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4) ||
         bytes.substr(0, 4) == std::string_view("PK\x05\x06", 4);
}

Result<ZipArchive> ZipArchive::open_memory(std::string bytes, std::string file, const ZipLimits& limits) {
  if (bytes.size() > limits.max_archive_bytes) {
    return invalid(file, fmt::format("the archive is {} bytes, more than the limit of {}", bytes.size(),
                                     size_text(limits.max_archive_bytes)));
  }
  if (!looks_like_zip(bytes)) return invalid(file, "not a ZIP archive (it does not start with a ZIP header)");
  if (auto declared = declared_entries(bytes); declared && *declared > limits.max_entries) {
    return invalid(
        file, fmt::format("the archive declares {} entries, more than the limit of {}", *declared, limits.max_entries));
  }
  auto loaded = zip_backend();
  if (!loaded) {
    // Not found: said at the archive being opened (the message lists the
    // places looked in). Another version's plugin: said at the plugin's path.
    if (loaded.error().where.empty()) return fail(loaded.error().code, file, loaded.error().message);
    return tl::unexpected(loaded.error());
  }
  const ZipBackend* backend = *loaded;
  ZipArchive out;
  out.file_ = std::move(file);
  out.limits_ = limits;
  out.handle_ = std::make_unique<Handle>();
  out.handle_->bytes = std::move(bytes);
  out.handle_->backend = backend;
  OpenedZip opened = TRY(backend->open(out.handle_->bytes, out.file_, limits.max_entries));
  out.handle_->zip = opened.zip;
  for (const ZipEntry& entry : opened.entries) {
    if (unsafe_name(entry.name)) {
      return invalid(out.file_, fmt::format("entry '{}' has an absolute path or '..' in its name; refusing the archive",
                                            excerpt(entry.name, 100)));
    }
  }
  out.entries_ = std::move(opened.entries);
  return out;
}

Result<ZipArchive> ZipArchive::open_file(const std::string& path, const ZipLimits& limits) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return fail(ErrorCode::NotFound, path, "cannot open: " + ec.message());
  if (size > limits.max_archive_bytes) {
    return invalid(path, fmt::format("the archive is {} bytes, more than the limit of {}", size,
                                     size_text(limits.max_archive_bytes)));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(ErrorCode::NotFound, path, fmt::format("cannot open: {}", std::strerror(errno)));
  std::string bytes;
  bytes.resize(static_cast<std::size_t>(size));
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  if (static_cast<std::uintmax_t>(in.gcount()) != size) return fail(ErrorCode::Internal, path, "cannot read it whole");
  return open_memory(std::move(bytes), path, limits);
}

Result<std::string> ZipArchive::read(std::string_view name) const {
  const std::string where = fmt::format("{}: {}", file_, excerpt(name, 100));
  auto it = std::find_if(entries_.begin(), entries_.end(), [&](const ZipEntry& e) { return e.name == name; });
  if (it == entries_.end()) return fail(ErrorCode::NotFound, where, "no such entry in the archive");
  const auto index = static_cast<std::size_t>(it - entries_.begin());
  return handle_->backend->read(handle_->zip, index, limits_.max_entry_bytes, where);
}

Result<NamedText> read_openaev_scenario_json(const ZipArchive& archive) {
  std::vector<std::string> marked, jsons, top_level, all;
  for (const ZipEntry& e : archive.entries()) {
    if (e.directory) continue;
    all.push_back(e.name);
    if (e.comment == kScenarioComment) marked.push_back(e.name);
    if (ends_with_json(e.name) && e.comment != kAttachmentComment) {
      jsons.push_back(e.name);
      if (e.name.find('/') == std::string::npos) top_level.push_back(e.name);
    }
  }
  auto pick = [&](const std::string& name) -> Result<NamedText> {
    std::string text = TRY(archive.read(name));
    return NamedText{name, std::move(text)};
  };
  if (marked.size() == 1) return pick(marked.front());
  if (marked.size() > 1) {
    return invalid(archive.file(), fmt::format("{} entries are marked as the scenario; import one of them unzipped: {}",
                                               marked.size(), listing(marked)));
  }
  if (jsons.size() == 1) return pick(jsons.front());
  if (jsons.size() > 1 && top_level.size() == 1) return pick(top_level.front());
  if (jsons.empty()) {
    return invalid(archive.file(),
                   all.empty() ? std::string("the archive is empty: an OpenAEV scenario export holds a .json")
                               : fmt::format("no .json in the archive (an OpenAEV scenario export holds one); it "
                                             "holds {} entries: {}",
                                             all.size(), listing(all)));
  }
  return invalid(archive.file(),
                 fmt::format("{} JSON files and none marked as the scenario (OpenAEV marks it with the entry comment "
                             "\"Scenario\"); unzip it and import the scenario's .json: {}",
                             jsons.size(), listing(jsons)));
}

}  // namespace vigil::archive
