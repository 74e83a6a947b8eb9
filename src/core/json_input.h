// Strict reading of a JSON object supplied by a user: every field is checked
// for type and range, absent booleans are false, and any field nobody asked for
// is an error (with the nearest known name), so nothing a user typed is
// silently ignored. Errors accumulate; finish() reports them all together.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/error.h"
#include "core/errors.h"
#include "core/money.h"

namespace vigil {

enum class Presence { Optional, Required };

// Limits every reader applies before it works on a value.
inline constexpr std::size_t kMaxJsonDepth = 64;         // nesting of objects and lists
inline constexpr std::size_t kMaxTextBytes = 64 * 1024;  // one string field (descriptions, rationales)
inline constexpr std::size_t kMaxIdBytes = 256;          // ids, names, time zones, entity types
inline constexpr std::size_t kMaxListItems = 10'000;     // one list of strings

class JsonObjectReader {
 public:
  // `where` prefixes every error ("entity.json", "entities.json: [3]").
  JsonObjectReader(const nlohmann::json& value, std::string where);

  bool flag(std::string_view key);  // absent or null -> false
  std::optional<bool> optional_flag(std::string_view key);
  std::optional<std::int64_t> count(std::string_view key, Presence presence = Presence::Optional);
  std::optional<Cents> euros(std::string_view key, Presence presence = Presence::Optional);
  // A string of at most `max_bytes` bytes (longer: an error, the value unread)
  // holding no control character but newline, carriage return and tab, and
  // no bidi control (core/text.h unsafe_text) ...
  std::optional<std::string> text(std::string_view key, Presence presence = Presence::Optional,
                                  std::size_t max_bytes = kMaxTextBytes);
  // ... except a secret (a password), taken as typed: it is hashed, never shown.
  std::optional<std::string> secret(std::string_view key, std::size_t max_bytes);
  // One of `allowed`; null counts as absent.
  std::optional<std::string> choice(std::string_view key, std::span<const std::string_view> allowed,
                                    Presence presence = Presence::Optional);
  // Strings as text() takes them, at most kMaxListItems.
  std::vector<std::string> text_list(std::string_view key, Presence presence = Presence::Optional);
  // Marks the key as known and returns it unread (nullptr when absent).
  const nlohmann::json* raw(std::string_view key);

  void add_error(std::string field, std::string message);

 private:
  std::optional<std::string> secret_or_text(std::string_view key, Presence presence, std::size_t max_bytes);

 public:
  std::string field_path(std::string_view key) const;  // "entity.json: employees"
  bool ok() const { return errors_.empty(); }

  // Unknown fields become errors; returns every error found, combined.
  Result<void> finish();

 private:
  const nlohmann::json* find(std::string_view key);
  const nlohmann::json& value_;
  std::string where_;
  std::vector<std::string> known_;
  Errors errors_;
};

// Parses JSON text strictly: a key given twice in one object, nesting deeper
// than kMaxJsonDepth and numbers out of range (1e999) are errors, as is text
// that is not UTF-8. The error names `source` and the line ("body:3").
Result<nlohmann::json> parse_json(std::string_view text, std::string_view source);

// A JSON value as an error message may show it: its kind and a short excerpt,
// never a dump of a whole (possibly huge or deeply nested) value.
std::string describe_value(const nlohmann::json& value);

}  // namespace vigil
