// SHA-256 in lower-case hex: the hash chain of incident logs, evidence
// content addresses, hashed session ids and API tokens, approved documents.
#pragma once

#include <string>
#include <string_view>

namespace vigil {

std::string sha256_hex(std::string_view bytes);

}  // namespace vigil
