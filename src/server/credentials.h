// Secrets and how they are kept: passwords as Argon2id strings (libsodium),
// session ids, CSRF tokens and API tokens as random 32-byte values shown once
// and stored as their SHA-256. Comparisons run in constant time.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"
#include "core/sha256.h"

namespace vigil::server {

// Argon2id cost. Server: RFC 9106 section 4's second recommended option
// (64 MiB, 3 passes; libsodium runs one lane), which is also above OWASP's
// password storage minimum (19 MiB, 2 passes). At most LoginLimits::concurrent
// verifications run at once, so sign-in needs at most 4 × 64 MiB by default.
// Hashes made with other parameters still verify, with the cost they carry,
// and are rehashed to these on the next successful sign-in.
inline constexpr unsigned long long kArgon2Passes = 3;
inline constexpr std::size_t kArgon2MemoryBytes = 64ull * 1024 * 1024;

enum class HashCost {
  Interactive,  // libsodium's interactive limits (2 passes, 64 MiB): tests and demo seeding
  Server,       // production default: kArgon2Passes, kArgon2MemoryBytes
  Minimal,      // libsodium's minimum (1 pass, 8 KiB): the fuzzing harness only, never for real passwords
};

// Fails only when libsodium cannot initialise or allocate.
Result<std::string> hash_password(std::string_view password, HashCost cost = HashCost::Server);
bool verify_password(std::string_view password, const std::string& hash);
// Whether a stored hash was made with other parameters than `cost` asks for.
bool needs_rehash(const std::string& hash, HashCost cost);

// A fresh random 32-byte value, URL-safe base64 without padding (43 chars).
std::string random_token();
// Session ids and API tokens are stored as their SHA-256 (core/sha256.h).
using vigil::sha256_hex;
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace vigil::server
