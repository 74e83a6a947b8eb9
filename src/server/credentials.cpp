#include "server/credentials.h"

#include <sodium.h>

#include <stdexcept>
#include <utility>

namespace vigil::server {

static bool sodium_ready() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

static std::pair<unsigned long long, std::size_t> limits(HashCost cost) {
  if (cost == HashCost::Interactive) return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
  if (cost == HashCost::Minimal) return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
  return {kArgon2Passes, kArgon2MemoryBytes};
}

bool needs_rehash(const std::string& hash, HashCost cost) {
  if (!sodium_ready() || hash.empty()) return false;
  auto [ops, mem] = limits(cost);
  return crypto_pwhash_str_needs_rehash(hash.c_str(), ops, mem) != 0;
}

Result<std::string> hash_password(std::string_view password, HashCost cost) {
  if (!sodium_ready()) return fail(ErrorCode::Internal, "libsodium", "cannot initialise");
  auto [ops, mem] = limits(cost);
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops, mem, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return fail(ErrorCode::Internal, "password", "Argon2id ran out of memory");
  }
  return std::string(out);
}

bool verify_password(std::string_view password, const std::string& hash) {
  if (!sodium_ready() || hash.empty()) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string random_token() {
  if (!sodium_ready()) throw std::runtime_error("libsodium cannot initialise");
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char out[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(out, sizeof out, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return out;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace vigil::server
