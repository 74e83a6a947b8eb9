// The ZIP reader over Debian's libzip: the functions of archive/zip_backend.h.
// Built into the plugin vigil-zip.so (src/libzip/plugin.cpp) and, as a static
// library, linked straight into the archive tests and the fuzz harness.
#pragma once

#include "archive/zip_backend.h"

namespace vigil::libzip {

Result<archive::OpenedZip> open(std::string_view bytes, const std::string& file, std::size_t max_entries);
Result<std::string> read(void* zip, std::size_t index, std::uint64_t max_bytes, const std::string& where);
void close(void* zip);

}  // namespace vigil::libzip
