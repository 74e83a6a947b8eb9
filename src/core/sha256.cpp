#include "core/sha256.h"

#include <sodium.h>

namespace vigil {

std::string sha256_hex(std::string_view bytes) {
  // libsodium's SHA-256 is pure computation: it needs no sodium_init().
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * sizeof digest);
  for (unsigned char b : digest) {
    out += kHex[b >> 4];
    out += kHex[b & 0x0f];
  }
  return out;
}

}  // namespace vigil
