// Secrets and how they are kept: passwords as Argon2id strings (libsodium),
// session ids, CSRF tokens and API tokens as random 32-byte values shown once
// and stored as their SHA-256. Comparisons run in constant time.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"
#include "core/sha256.h"

namespace vigil::server {

enum class HashCost {
  Interactive,  // libsodium's interactive limits: tests and demo seeding
  Moderate,     // production default
};

// Fails only when libsodium cannot initialise or allocate.
Result<std::string> hash_password(std::string_view password, HashCost cost = HashCost::Moderate);
bool verify_password(std::string_view password, const std::string& hash);

// A fresh random 32-byte value, URL-safe base64 without padding (43 chars).
std::string random_token();
// Session ids and API tokens are stored as their SHA-256 (core/sha256.h).
using vigil::sha256_hex;
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace vigil::server
