// append_json(): the JSON of a ScopeResult written straight into a string, for
// batches of many entities, where building a nlohmann::json tree per row costs
// ten times the classification itself. Byte for byte what to_json().dump(2) gives.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "scope/scope.h"

namespace vigil::scope {

// Appends the JSON object of `result`, pretty-printed with two-space indents as
// nlohmann::json::dump(2) would print it nested `depth` levels deep (0 = top
// level; 1 = an element of a top-level array). The object's first line is not
// indented (the caller places it). `line`, when given, adds the "line" field
// (the input line of a batch row), in its sorted place among the keys.
void append_json(std::string& out, const ScopeResult& result, int depth = 0,
                 std::optional<std::size_t> line = std::nullopt);

// Appends `text` as a JSON string literal, escaped as nlohmann::json escapes
// it (ensure_ascii off). Invalid UTF-8 bytes become U+FFFD.
void append_json_string(std::string& out, std::string_view text);

}  // namespace vigil::scope
