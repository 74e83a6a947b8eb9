// Name-based UUIDs (RFC 9562 version 5: SHA-1 of a namespace and a name), so
// that an exported document gives the same item the same UUID on every export
// and re-exports diff cleanly (OSCAL exports: `vigil export oscal`).
#pragma once

#include <string>
#include <string_view>

namespace vigil {

// The RFC 9562 URL namespace, 6ba7b811-9dad-11d1-80b4-00c04fd430c8.
inline constexpr std::string_view kUuidNamespaceUrl = "6ba7b811-9dad-11d1-80b4-00c04fd430c8";

// The version-5 UUID of `name` in `namespace_uuid` (canonical lower-case text,
// 8-4-4-4-12). `namespace_uuid` must be a canonical UUID; an ill-formed one is a
// programming error and yields the nil UUID.
std::string uuid_v5(std::string_view namespace_uuid, std::string_view name);

// SHA-1 of bytes as 20 raw bytes; only for name-based UUIDs (not for security).
std::string sha1_bytes(std::string_view bytes);

}  // namespace vigil
