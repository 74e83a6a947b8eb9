#include "libzip/libzip_reader.h"

#include <zip.h>

#include <algorithm>

#include <fmt/format.h>

namespace vigil::libzip {

namespace {

std::string zip_error_text(int code) {
  zip_error_t error;
  zip_error_init_with_code(&error, code);
  std::string text = zip_error_strerror(&error);
  zip_error_fini(&error);
  return text;
}

}  // namespace

Result<archive::OpenedZip> open(std::string_view bytes, const std::string& file, std::size_t max_entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (!source) {
    std::string text = zip_error_strerror(&error);
    zip_error_fini(&error);
    return fail(ErrorCode::Internal, file, "cannot read the archive: " + text);
  }
  zip_t* zip = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (!zip) {
    const int code = zip_error_code_zip(&error);
    std::string text = zip_error_strerror(&error);
    zip_error_fini(&error);
    zip_source_free(source);
    if (code == ZIP_ER_NOZIP) return invalid(file, "not a ZIP archive");
    return invalid(file, "a damaged ZIP archive: " + text);
  }
  zip_error_fini(&error);
  archive::OpenedZip out{zip, {}};
  const zip_int64_t count = zip_get_num_entries(zip, 0);
  if (count < 0) {
    zip_discard(zip);
    return invalid(file, "a damaged ZIP archive: no entry count");
  }
  if (static_cast<std::uint64_t>(count) > max_entries) {
    zip_discard(zip);
    return invalid(file, fmt::format("the archive holds {} entries, more than the limit of {}", count, max_entries));
  }
  for (zip_uint64_t i = 0; i < static_cast<zip_uint64_t>(count); ++i) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(zip, i, 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME)) {
      zip_discard(zip);
      return invalid(file, fmt::format("a damaged ZIP archive: entry {} cannot be read", i + 1));
    }
    archive::ZipEntry entry;
    entry.name = st.name;
    entry.size = (st.valid & ZIP_STAT_SIZE) ? st.size : 0;
    entry.directory = !entry.name.empty() && entry.name.back() == '/';
    zip_uint32_t length = 0;
    if (const char* comment = zip_file_get_comment(zip, i, &length, ZIP_FL_ENC_RAW); comment) {
      entry.comment.assign(comment, length);
    }
    out.entries.push_back(std::move(entry));
  }
  return out;
}

Result<std::string> read(void* handle, std::size_t index_in, std::uint64_t max_bytes, const std::string& where) {
  auto* zip = static_cast<zip_t*>(handle);
  const auto index = static_cast<zip_uint64_t>(index_in);
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(zip, index, 0, &st) != 0) return invalid(where, "a damaged entry");
  if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
    return invalid(where, "the entry is encrypted; export it again without a password");
  }
  if ((st.valid & ZIP_STAT_SIZE) && st.size > max_bytes) {
    return invalid(where, fmt::format("the entry declares {} bytes uncompressed, more than the limit of {}", st.size,
                                      archive::size_text(max_bytes)));
  }
  zip_file_t* f = zip_fopen_index(zip, index, 0);
  if (!f) return invalid(where, "cannot read the entry: " + std::string(zip_strerror(zip)));
  std::string out;
  char buffer[64 * 1024];
  for (;;) {
    // Never more than one byte past the limit, whatever the entry declared.
    const std::uint64_t room = max_bytes + 1 - out.size();
    const zip_int64_t n = zip_fread(f, buffer, std::min<std::uint64_t>(sizeof buffer, room));
    if (n < 0) {
      std::string text = zip_error_strerror(zip_file_get_error(f));
      zip_fclose(f);
      return invalid(where, "a damaged entry: " + text);
    }
    if (n == 0) break;
    out.append(buffer, static_cast<std::size_t>(n));
    if (out.size() > max_bytes) {
      zip_fclose(f);
      return invalid(where, fmt::format("the entry holds more than the limit of {} uncompressed (it declared {} "
                                        "bytes); stopped reading",
                                        archive::size_text(max_bytes), st.size));
    }
  }
  const int closed = zip_fclose(f);
  if (closed != 0) return invalid(where, "a damaged entry: " + zip_error_text(closed));
  if ((st.valid & ZIP_STAT_SIZE) && out.size() != st.size) {
    return invalid(where, fmt::format("a damaged entry: it declares {} bytes but holds {}", st.size, out.size()));
  }
  return out;
}

void close(void* zip) {
  if (zip) zip_discard(static_cast<zip_t*>(zip));
}

}  // namespace vigil::libzip
