// The entry point of vigil-zip.so: the table archive/zip_backend.h looks up
// with dlsym. Also linked straight into the archive tests and the fuzz harness.
#include "archive/zip_backend.h"
#include "libzip/libzip_reader.h"

extern "C" __attribute__((visibility("default"))) const vigil::archive::ZipBackend* vigil_zip_backend() {
  static const vigil::archive::ZipBackend backend{
      vigil::archive::kZipBackendAbi,
      &vigil::libzip::open,
      &vigil::libzip::read,
      &vigil::libzip::close,
  };
  return &backend;
}
